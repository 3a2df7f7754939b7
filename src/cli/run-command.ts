// `fanout run`: load and check every job, then run them one after another, writing each report
// (also when interrupted) and ending with the exit code of highest precedence.
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { SevallaClient } from "../client/client.js";
import { formatProblems, JobValidationError } from "../job/errors.js";
import type { Job, RateLimit } from "../job/model.js";
import { parseVarFlags } from "../job/vars.js";
import { serializeReport } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import type { Report, StepResult } from "../report/model.js";
import type { OutputDirWriter } from "../report/output-dir.js";
import { writeFileAtomic, writeReportFile } from "../report/write.js";
import type { RunEventListener } from "../run/events.js";
import { runJob } from "../run/run-job.js";
import type { TargetFilter } from "../targets/filters.js";
import type { Target } from "../targets/model.js";
import type { Selection } from "../targets/select.js";
import {
  type CheckFlags,
  checkRunOptions,
  outputDirNote,
  prepareOutputDirs,
  readOnlyRefusals,
} from "./check-flags.js";
import { confirmRun } from "./confirm.js";
import { renderPlan } from "./dry-run.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { combineExitCodes, describeExitCode, exitStatus } from "./exit-status.js";
import { type Io, withoutColor } from "./io.js";
import { loadJobs } from "./load-jobs.js";
import { outputPaths } from "./output-paths.js";
import { printReport } from "./print-report.js";
import { createProgress } from "./progress.js";
import { prepareRunFiles, type RunFileFlags } from "./run-files.js";
import { openRunLogs } from "./run-logs.js";
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
  let vars: Record<string, string>;
  try {
    vars = parseVarFlags(flags.var ?? []);
  } catch (error) {
    if (!(error instanceof JobValidationError)) throw error;
    io.err(formatProblems(error.problems));
    return EXIT.invalidInput;
  }
  const loaded = await loadJobs(files, vars);
  if (!loaded.ok) {
    io.err(loaded.messages.join("\n"));
    io.err(`Nothing was run: fix the job ${files.length === 1 ? "file" : "files"} above.`);
    return EXIT.invalidInput;
  }
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
    io.out(
      loaded.jobs.map((job, i) => renderPlan(job, targetsOf(selections, i), flags)).join("\n\n"),
    );
    return selections.some((s) => s.empty) ? EXIT.noTargets : EXIT.ok;
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
  const codes: ExitCode[] = [];
  try {
    for (const [i, job] of loaded.jobs.entries()) {
      const progress = createProgress(io.progress, !flags.quiet);
      const run = runFiles.jobs[i] as (typeof runFiles.jobs)[number];
      const logs = await openRunLogs(job, run, new Date());
      const writer = outputDirs?.ok ? outputDirs.writers[i] : undefined;
      const onEvent = (event: Parameters<RunEventListener>[0]) => {
        logs.onEvent(event);
        progress.onEvent(event);
      };
      const report = await runOne(
        job,
        flags,
        signals.signal,
        client,
        onEvent,
        run.targets,
        writer,
        run.prior,
      );
      progress.clear();
      const logNotes = await logs.close();
      const code = exitStatus(report, { signal: signals.received() });
      codes.push(code);
      // Written before anything is printed: the file is what survives a closed pipe or a 2nd Ctrl-C.
      const written = await writeOutputs(report, reportPaths[i] as string, junitPaths[i]);
      const heading = `\n== ${job.name} (${files[i]}): exit ${code} ==`;
      // --json: stdout is the report alone (several jobs: one JSON document each, as jq reads them).
      if (loaded.jobs.length > 1 && flags.json) io.err(heading);
      else if (loaded.jobs.length > 1) io.out(heading);
      if (flags.json) io.out(serializeReport(report));
      else printReport(io, report, flags);
      io.err(written);
      for (const note of logNotes) io.err(note);
      const note = outputDirNote(flags, writer);
      if (note !== "") io.err(note);
    }
    // A signal that came while the last report was written or printed still means "interrupted".
    const late = signals.received();
    if (late) codes.push(late === "SIGTERM" ? EXIT.sigterm : EXIT.sigint);
  } finally {
    signals.dispose();
    await client.close();
  }
  const code = combineExitCodes(codes);
  if (loaded.jobs.length > 1) io.err(`Exit ${describeExitCode(code)}`);
  return code;
}

// After an interruption the remaining jobs still run with the aborted signal: runJob then marks
// every pair cancelled at once, so each job still gets its complete (all-cancelled) report.
function runOne(
  job: Job,
  flags: RunFlags,
  signal: AbortSignal,
  client: SevallaClient,
  onEvent: RunEventListener,
  targets: Target[],
  writer?: OutputDirWriter,
  prior?: ReadonlyMap<string, StepResult>,
) {
  return runJob(job, {
    client,
    signal,
    onEvent,
    targets,
    ...(prior ? { prior } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.rate ? { rate: flags.rate } : {}),
    ...checkRunOptions(flags, writer),
  });
}

/** Writes the report (and JUnit) and returns the line that says where they went, or what failed. */
async function writeOutputs(report: Report, path: string, junit: string | undefined) {
  try {
    await writeReportFile(path, report);
    if (!junit) return `Report: ${path}`;
    await writeFileAtomic(junit, renderJunit(report));
    return `Report: ${path}\nJUnit: ${junit}`;
  } catch (error) {
    // The run's exit code stands (it says what happened to the fleet); the message says what is missing.
    return `Could not write the report: ${error instanceof Error ? error.message : String(error)}`;
  }
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
