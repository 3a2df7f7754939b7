// Reports are written atomically: a reader (or a crash mid-write) never sees half a file.
import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { serializeReport } from "./json.js";
import type { Report } from "./model.js";

/**
 * Write `content` to `path` through a temp file in the same directory (so that rename is atomic)
 * with mode 0600, since outputs of commands may be sensitive. Returns the path written.
 */
export async function writeFileAtomic(path: string, content: string): Promise<string> {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(tmp, "wx", 0o600);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return path;
}

/** Serialise a report as JSON and write it atomically (mode 0600). */
export async function writeReportFile(path: string, report: Report): Promise<string> {
  return writeFileAtomic(path, serializeReport(report));
}
