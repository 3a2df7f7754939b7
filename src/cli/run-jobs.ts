// The job loop of `fanout run`: each job runs with the shared client and signal, then its report
// is written (before anything is printed) and shown. Returns each job's exit code.
import type { SevallaClient } from "../client/client.js";
import type { Job } from "../job/model.js";
import { serializeReport } from "../report/json.js";
import { renderJunit } from "../report/junit.js";
import type { Report } from "../report/model.js";
import type { OutputDirWriter } from "../report/output-dir.js";
import { writeFileAtomic, writeReportFile } from "../report/write.js";
import type { RunEvent } from "../run/events.js";
import { runJob } from "../run/run-job.js";
import { checkRunOptions, outputDirNote } from "./check-flags.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { exitStatus } from "./exit-status.js";
import type { Io } from "./io.js";
import { printReport } from "./print-report.js";
import { createProgress } from "./progress.js";
import type { RunFlags } from "./run-command.js";
import type { JobRunFiles } from "./run-files.js";
import { openRunLogs } from "./run-logs.js";
import type { SignalTrap } from "./signals.js";

/** One job, ready to run: everything about it was checked before the first request. */
export interface PreparedJob {
  job: Job;
  file: string;
  reportPath: string;
  junitPath: string | undefined;
  run: JobRunFiles;
  writer: OutputDirWriter | undefined;
}

interface LoopContext {
  flags: RunFlags;
  io: Io;
  client: SevallaClient;
  signals: SignalTrap;
}

export async function runJobsInOrder(
  jobs: readonly PreparedJob[],
  ctx: LoopContext,
): Promise<ExitCode[]> {
  const codes: ExitCode[] = [];
  for (const prepared of jobs) codes.push(await runAndReport(prepared, jobs.length > 1, ctx));
  // A signal that came while the last report was written or printed still means "interrupted".
  const late = ctx.signals.received();
  if (late) codes.push(late === "SIGTERM" ? EXIT.sigterm : EXIT.sigint);
  return codes;
}

// After an interruption the remaining jobs still run with the aborted signal: runJob then marks
// every pair cancelled at once, so each job still gets its complete (all-cancelled) report.
async function runAndReport(p: PreparedJob, several: boolean, ctx: LoopContext) {
  const { flags, io, client, signals } = ctx;
  const progress = createProgress(io.progress, !flags.quiet);
  const logs = await openRunLogs(p.job, p.run, new Date());
  const onEvent = (event: RunEvent) => {
    logs.onEvent(event);
    progress.onEvent(event);
  };
  let report: Report;
  try {
    report = await runJob(p.job, {
      client,
      signal: signals.signal,
      onEvent,
      targets: p.run.targets,
      ...(p.run.prior ? { prior: p.run.prior } : {}),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      ...(flags.rate ? { rate: flags.rate } : {}),
      ...checkRunOptions(flags, p.writer),
    });
  } finally {
    // Also stops a rate-limit countdown, which would otherwise draw over what follows.
    progress.clear();
  }
  const logNotes = await logs.close();
  const code = exitStatus(report, { signal: signals.received() });
  // Written before anything is printed: the file is what survives a closed pipe or a 2nd Ctrl-C.
  const written = await writeOutputs(report, p.reportPath, p.junitPath);
  const heading = `\n== ${p.job.name} (${p.file}): exit ${code} ==`;
  // --json: stdout is the report alone (several jobs: one JSON document each, as jq reads them).
  if (several && flags.json) io.err(heading);
  else if (several) io.out(heading);
  if (flags.json) io.out(serializeReport(report));
  else printReport(io, report, flags);
  io.err(written);
  for (const note of logNotes) io.err(note);
  const note = outputDirNote(flags, p.writer);
  if (note !== "") io.err(note);
  return code;
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
