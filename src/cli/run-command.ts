// `fanout run`: load and check every job, then run them one after another, writing each report
// (also when interrupted) and ending with the exit code of highest precedence.
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { SevallaClient } from "../client/client.js";
import type { Job, RateLimit } from "../job/model.js";
import type { TargetFilter } from "../targets/filters.js";
import type { Target } from "../targets/model.js";
import type { Selection } from "../targets/select.js";
import { type CheckFlags, prepareOutputDirs, readOnlyRefusals } from "./check-flags.js";
import { confirmRun } from "./confirm.js";
import { renderPlan } from "./dry-run.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { combineExitCodes, describeExitCode } from "./exit-status.js";
import { type Io, withoutColor } from "./io.js";
import { loadJobsOrExplain } from "./load-jobs.js";
import { outputPaths } from "./output-paths.js";
import { type JobRunFiles, prepareRunFiles, type RunFileFlags } from "./run-files.js";
import { runJobsInOrder } from "./run-jobs.js";
import type { SignalTrap } from "./signals.js";
import { prepareTargets } from "./targets-select.js";

export interface RunFlags extends CheckFlags, RunFileFlags {
  report: string;
  junit?: string;
  concurrency?: number;
  /** Repeated --var flags; undefined when none was given. */
  var?: string[];
  dryRun?: boolean;
  /** Run a job that may change the fleet without asking (required without a terminal). */
  yes?: boolean;
  quiet?: boolean;
  onlyFailed?: boolean;
  rate?: RateLimit;
  /** Repeated --limit filters (AND). */
  limit?: TargetFilter[];
  /** --json: the JSON report on stdout instead of the tables. */
  json?: boolean;
  /** false with --no-color. */
  color?: boolean;
}

const targetsOf = (selections: readonly Selection[], i: number): Target[] =>
  selections[i]?.targets ?? [];

export async function runCommand(
  files: readonly string[],
  flags: RunFlags,
  io: Io,
  trap: () => SignalTrap,
): Promise<ExitCode> {
  if (flags.color === false) io = withoutColor(io);
  const loaded = await loadJobsOrExplain(
    files,
    flags.var,
    io,
    `Nothing was run: fix the job ${files.length === 1 ? "file" : "files"} above.`,
  );
  if (!loaded.ok) return loaded.code;
  const refused = readOnlyRefusals(loaded.jobs, files, flags);
  if (refused.length > 0) {
    io.err(`${refused.join("\n")}\nNothing was run.`);
    return EXIT.invalidInput;
  }
  const reportPaths = outputPaths(flags.report, files);
  const junitPaths = flags.junit ? outputPaths(flags.junit, files) : [];
  const unwritable = flags.dryRun
    ? null
    : await firstUnwritableDir([...reportPaths, ...junitPaths]);
  if (unwritable) {
    io.err(`Cannot write reports into ${unwritable}: it is not a writable directory.`);
    return EXIT.invalidInput;
  }
  const outputDirs = flags.dryRun ? null : await prepareOutputDirs(flags, files);
  if (outputDirs && !outputDirs.ok) {
    io.err(outputDirs.message);
    return EXIT.invalidInput;
  }
  // Every job's targets are resolved (names looked up, --limit applied) before anything runs.
  const prepared = await prepareTargets(loaded.jobs, flags, io, flags.dryRun ? "plan" : "run");
  if (!prepared.ok) return prepared.code;
  const { selections } = prepared;
  if (flags.dryRun) {
    await prepared.client?.close();
    return dryRun(loaded.jobs, files, selections, flags, io);
  }
  const unconfirmed = await confirmRun(
    loaded.jobs,
    files,
    (i) => targetsOf(selections, i),
    flags,
    io,
  );
  if (unconfirmed !== null) {
    await prepared.client?.close();
    io.err(unconfirmed);
    return EXIT.invalidInput;
  }
  const client = prepared.client as SevallaClient;
  const runFiles = await prepareRunFiles(
    loaded.jobs,
    files,
    (i) => targetsOf(selections, i),
    flags,
  );
  if (!runFiles.ok) {
    await client.close();
    io.err(`${runFiles.message}\nNothing was run.`);
    return EXIT.invalidInput;
  }
  const signals = trap();
  let codes: ExitCode[];
  try {
    codes = await runJobsInOrder(
      loaded.jobs.map((job, i) => ({
        job,
        file: files[i] as string,
        reportPath: reportPaths[i] as string,
        junitPath: junitPaths[i],
        run: runFiles.jobs[i] as JobRunFiles,
        writer: outputDirs?.ok ? outputDirs.writers[i] : undefined,
      })),
      { flags, io, client, signals },
    );
  } finally {
    signals.dispose();
    await client.close();
  }
  const code = combineExitCodes(codes);
  if (loaded.jobs.length > 1) io.err(`Exit ${describeExitCode(code)}`);
  return code;
}

/** The plan of every job; with --resume / --rerun-failed, checked and counted as the run would. */
async function dryRun(
  jobs: readonly Job[],
  files: readonly string[],
  selections: readonly Selection[],
  flags: RunFlags,
  io: Io,
): Promise<ExitCode> {
  let runFiles: JobRunFiles[] | null = null;
  if (flags.resume !== undefined || flags.rerunFailed !== undefined) {
    const prepared = await prepareRunFiles(jobs, files, (i) => targetsOf(selections, i), flags);
    if (!prepared.ok) {
      io.err(`${prepared.message}\nNothing was run.`);
      return EXIT.invalidInput;
    }
    runFiles = prepared.jobs;
  }
  const plans = jobs.map((job, i) => {
    const run = runFiles?.[i];
    const prior =
      run?.prior && run.priorFrom ? { from: run.priorFrom, results: run.prior } : undefined;
    return renderPlan(job, run?.targets ?? targetsOf(selections, i), {
      ...flags,
      ...(prior ? { prior } : {}),
    });
  });
  io.out(plans.join("\n\n"));
  return selections.some((s) => s.empty) ? EXIT.noTargets : EXIT.ok;
}

async function firstUnwritableDir(paths: readonly string[]): Promise<string | null> {
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    try {
      if (!(await stat(dir)).isDirectory()) return dir;
      await access(dir, 2 /* W_OK */);
    } catch {
      return dir;
    }
  }
  return null;
}
