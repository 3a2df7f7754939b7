// `fanout run`'s fleet-check flags (issue 6): --group, --no-redact, --read-only, --output-dir.
// Kept in one file so that run.ts only declares them and run-command.ts only calls these.
import { mkdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { readOnlyViolations } from "../checks/read-only.js";
import type { Job } from "../job/model.js";
import { createOutputDirWriter, type OutputDirWriter, safeName } from "../report/output-dir.js";
import type { RunOptions } from "../run/options.js";

export interface CheckFlags {
  /** --group: outputs grouped for every step. */
  group?: boolean;
  /** false with --no-redact (commander's negated flag); true otherwise. */
  redact?: boolean;
  readOnly?: boolean;
  outputDir?: string;
}

/** `--read-only` (the job's own `readOnly: true` is refused by the loader): one line per step. */
export function readOnlyRefusals(
  jobs: readonly Job[],
  files: readonly string[],
  flags: CheckFlags,
): string[] {
  if (!flags.readOnly) return [];
  return jobs.flatMap((job, i) =>
    readOnlyViolations(job.steps).map((v) => `${files[i] ?? job.name}: --read-only: ${v.message}`),
  );
}

/**
 * One writer per job (DIR itself for one job, DIR/<job file name>/ for several), created before
 * anything is sent; a directory that cannot be made is invalid input.
 */
export async function prepareOutputDirs(
  flags: CheckFlags,
  files: readonly string[],
): Promise<
  { ok: true; writers: (OutputDirWriter | undefined)[] } | { ok: false; message: string }
> {
  const dir = flags.outputDir;
  if (dir === undefined) return { ok: true, writers: files.map(() => undefined) };
  const used = new Map<string, number>();
  const dirs = files.map((f) => {
    if (files.length === 1) return dir;
    const stem = safeName(basename(f, extname(f)));
    const n = (used.get(stem) ?? 0) + 1;
    used.set(stem, n);
    return join(dir, n === 1 ? stem : `${stem}-${n}`);
  });
  try {
    for (const d of dirs) await mkdir(d, { recursive: true, mode: 0o700 });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Cannot write outputs into ${dir}: ${why}` };
  }
  return { ok: true, writers: dirs.map(createOutputDirWriter) };
}

/** The run options these flags set. */
export function checkRunOptions(
  flags: CheckFlags,
  writer: OutputDirWriter | undefined,
): Partial<RunOptions> {
  return {
    redact: flags.redact !== false,
    readOnly: flags.readOnly === true,
    ...(writer ? { onOutput: writer.write } : {}),
  };
}

/** What to tell the user about --output-dir after a job ran (stderr), or "". */
export function outputDirNote(flags: CheckFlags, writer: OutputDirWriter | undefined): string {
  if (!writer || flags.outputDir === undefined) return "";
  const failed = writer.errors.length;
  const head = `Outputs: ${writer.files()} files in ${flags.outputDir}`;
  if (failed === 0) return head;
  return `${head}; ${failed} could not be written:\n${writer.errors.slice(0, 5).join("\n")}`;
}
