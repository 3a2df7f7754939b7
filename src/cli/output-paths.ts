// Where reports go when one `fanout run` is given several job files: one report per job, so each
// keeps the schemaVersion 1 shape and a cron user can keep, diff or alert on each job separately.
import { basename, extname } from "node:path";

/** `fanout-report.json` + `jobs/env-audit.yaml` → `fanout-report.env-audit.json`. */
export function perJobPath(path: string, jobFile: string): string {
  const ext = extname(path);
  const stem = ext === "" ? path : path.slice(0, -ext.length);
  const job = basename(jobFile, extname(jobFile)).replace(/[^\w.-]+/g, "_");
  return `${stem}.${job}${ext}`;
}

/** One path per job file: `path` itself for a single job; distinct per-job paths otherwise. */
export function outputPaths(path: string, jobFiles: readonly string[]): string[] {
  if (jobFiles.length === 1) return [path];
  const used = new Map<string, number>();
  return jobFiles.map((file) => {
    const candidate = perJobPath(path, file);
    const n = (used.get(candidate) ?? 0) + 1;
    used.set(candidate, n);
    // Two job files with the same base name (in different folders) get -2, -3, ...
    return n === 1 ? candidate : perJobPath(path, `${basename(file, extname(file))}-${n}`);
  });
}
