// The JSON report as written to disk: schemaVersion 1, keys in the documented order.
import type { Report, StepResult } from "./model.js";

function orderResult(r: StepResult): StepResult {
  const ordered: StepResult = {
    app: r.app,
    appName: r.appName,
    process: r.process,
    processKey: r.processKey,
    label: r.label,
    step: r.step,
    command: r.command,
    status: r.status,
    exitCode: r.exitCode,
    stdout: r.stdout,
    stderr: r.stderr,
    attempts: r.attempts,
    durationMs: r.durationMs,
    requestId: r.requestId,
    error: r.error,
    filtered: r.filtered,
    redacted: r.redacted,
    truncated: r.truncated,
    expectation: r.expectation,
  };
  // Spreading the original last keeps the documented order and any field added later.
  return { ...ordered, ...r };
}

/** The report as a plain object in documented key order (what `serializeReport` writes). */
export function reportToJson(report: Report): Report {
  const ordered: Report = {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    job: report.job,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    durationMs: report.durationMs,
    interrupted: report.interrupted,
    stoppedBy: report.stoppedBy,
    summary: report.summary,
    results: [],
    groups: report.groups,
  };
  return { ...ordered, ...report, results: report.results.map(orderResult) };
}

/** Pretty-printed JSON with a trailing newline, ready to write to a file. */
export function serializeReport(report: Report): string {
  return `${JSON.stringify(reportToJson(report), null, 2)}\n`;
}
