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
    const at = firstInvalidUtf8(bytes);
    throw new JobValidationError("JOB_FILE_NOT_UTF8", [
      {
        file,
        line: at.line,
        column: at.column,
        path: "",
        message: `is not UTF-8 text (byte 0x${at.byte}); save it as UTF-8`,
      },
    ]);
  }
}

/** Where the first byte that is not UTF-8 sits, so that an editor can jump to it. */
function firstInvalidUtf8(bytes: Buffer): { line: number; column: number; byte: string } {
  const text = new TextDecoder("utf-8").decode(bytes);
  let from = 0;
  for (;;) {
    const i = text.indexOf("\uFFFD", from);
    const prefix = text.slice(0, i < 0 ? text.length : i);
    const offset = Buffer.byteLength(prefix);
    // A U+FFFD written in the file as EF BF BD is text; the decoder's own marks a bad byte.
    if (i >= 0 && bytes.subarray(offset, offset + 3).equals(Buffer.from([0xef, 0xbf, 0xbd]))) {
      from = i + 1;
      continue;
    }
    const lines = prefix.split("\n");
    return {
      line: lines.length,
      column: (lines[lines.length - 1]?.length ?? 0) + 1,
      byte: (bytes[offset] ?? 0).toString(16).padStart(2, "0"),
    };
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
