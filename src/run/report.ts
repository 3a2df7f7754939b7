// Assembling the Report from a finished (or interrupted) run: plain data, in plan order.
import { groupOutputs } from "../checks/group.js";
import type { Job } from "../job/model.js";
import type { Report, StepResult } from "../report/model.js";
import { summarize } from "../report/summarize.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import type { RunContext } from "./context.js";
import { RUNNER_CODES, unanswered } from "./results.js";

export function buildReport(job: Job, ctx: RunContext, startedAt: number): Report {
  const finishedAt = ctx.options.now();
  const interrupted = ctx.options.signal.aborted;
  // "threshold" whenever it was passed, even if no target was left to stop: the same failures
  // then give the same answer (exit 5) whatever the timing of the run.
  const results: StepResult[] = ctx.plan.pairs.map(
    (pair) =>
      ctx.results[pair.index] ??
      // Unreachable when the runner is correct; the report still never misses a planned pair.
      unanswered(
        pair,
        new Error("no result was recorded"),
        RUNNER_CODES.internal,
        "a bug in fanout's runner",
        {
          attempts: 0,
          durationMs: 0,
        },
      ),
  );
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    job: { name: job.name, file: job.file ?? null },
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    interrupted,
    stoppedBy: interrupted ? "signal" : ctx.threshold.passed ? "threshold" : null,
    summary: summarize(results),
    results,
    groups: groupOutputs(results),
  };
}
