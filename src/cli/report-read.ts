// Reading a saved JSON report for `fanout report show|diff`: parsed and checked against the
// report's zod schema, so a truncated or foreign file is refused with a reason (exit 2).
import { readFile } from "node:fs/promises";
import type { ZodError } from "zod";
import type { Report } from "../report/model.js";
import { parseReport } from "../report/schema.js";

export type ReadReport = { ok: true; report: Report } | { ok: false; message: string };

export async function readReportFile(path: string): Promise<ReadReport> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory" : code;
    return { ok: false, message: `Cannot read the report ${path}: ${why ?? String(error)}.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${path} is not a fanout report: not valid JSON (${why}).` };
  }
  try {
    return { ok: true, report: parseReport(value) };
  } catch (error) {
    return {
      ok: false,
      message: `${path} is not a fanout report (schemaVersion 1):\n${issues(error as ZodError)}`,
    };
  }
}

/** At most five problems, each as `path: message`, e.g. `results.0.status: Invalid option ...`. */
function issues(error: ZodError): string {
  const shown = error.issues.slice(0, 5).map((i) => {
    const where = i.path.length > 0 ? i.path.join(".") : "(the whole file)";
    return `  ${where}: ${i.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join("\n") + (more > 0 ? `\n  … ${more} more` : "");
}
