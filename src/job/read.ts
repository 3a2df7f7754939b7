// Reading a job file: refuses huge files before reading them and non-UTF-8 text, and turns
// every file-system failure into a JobValidationError (bad input never shows a stack trace).
import { open, stat } from "node:fs/promises";
import { type JobErrorCode, JobValidationError } from "./errors.js";

export const MAX_JOB_FILE_BYTES = 1024 * 1024;

export async function readJobFile(file: string): Promise<string> {
  const fail = (code: JobErrorCode, message: string) =>
    new JobValidationError(code, [{ file, line: 0, column: 0, path: "", message }]);
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw fail("JOB_FILE_UNREADABLE", "is a directory, not a job file");
    if (info.size > MAX_JOB_FILE_BYTES) throw fail("JOB_FILE_TOO_LARGE", tooLarge(info.size));
    bytes = await readAtMost(file, MAX_JOB_FILE_BYTES + 1);
  } catch (error) {
    if (error instanceof JobValidationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw fail("JOB_FILE_NOT_FOUND", "no such file");
    if (code === "EACCES" || code === "EPERM")
      throw fail("JOB_FILE_UNREADABLE", "permission denied");
    throw fail("JOB_FILE_UNREADABLE", `cannot be read (${code ?? String(error)})`);
  }
  // A pipe or device has no size to stat, and a file may grow between stat and read.
  if (bytes.length > MAX_JOB_FILE_BYTES) {
    throw fail(
      "JOB_FILE_TOO_LARGE",
      `is over 1 MiB; a job file may be at most 1 MiB (${MAX_JOB_FILE_BYTES} bytes)`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fail("JOB_FILE_NOT_UTF8", "is not UTF-8 text; save it as UTF-8");
  }
}

function tooLarge(size: number): string {
  return `is ${size} bytes; a job file may be at most 1 MiB (${MAX_JOB_FILE_BYTES} bytes)`;
}

/** Reads up to `limit` bytes, so that /dev/zero or a huge pipe cannot exhaust memory. */
async function readAtMost(file: string, limit: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const { bytesRead } = await handle.read(buffer, length, limit - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
