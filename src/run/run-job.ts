// The library's entry point: resolve, plan, execute, report. It never prints or exits, and an
// interruption still resolves with the full partial report; it rejects only on invalid input
// (TargetResolutionError, RunOptionsError, ReadOnlyViolationError, InvalidCheckError), before
// anything was sent.
import { compileChecks } from "../checks/compile.js";
import { ReadOnlyViolationError, readOnlyViolations } from "../checks/read-only.js";
import type { Job } from "../job/model.js";
import type { Report } from "../report/model.js";
import { targetsForRun } from "../targets/for-run.js";
import { createRunContext } from "./context.js";
import { normalizeRunOptions, type RunOptions } from "./options.js";
import { buildPlan } from "./plan.js";
import { buildReport } from "./report.js";
import { runRollout } from "./rollout.js";
import { followSignal } from "./run-signal.js";
import { runAllTargets } from "./scheduler.js";

export async function runJob(job: Job, runOptions: RunOptions): Promise<Report> {
  const options = normalizeRunOptions(job, runOptions);
  const refused = options.readOnly ? readOnlyViolations(job.steps) : [];
  if (refused.length > 0) throw new ReadOnlyViolationError(refused);
  const checks = job.steps.map((step) => compileChecks(job, step, { redact: options.redact }));
  const plan = buildPlan(await targetsForRun(job, runOptions, options), job.steps);
  const run = followSignal(options.signal, options.concurrency);
  try {
    const ctx = createRunContext(
      { ...options, signal: run.signal },
      plan,
      job.maxFailures ?? null,
      checks,
    );
    const startedAt = options.now();

    ctx.emit({ type: "runStart", job: job.name, ...plan.counts, at: ctx.isoNow() });
    const rollout = job.rollout
      ? await runRollout(ctx, job.rollout, job.maxFailures ?? null)
      : null;
    if (!rollout) await runAllTargets(ctx);
    const report = buildReport(job, ctx, startedAt);
    if (rollout) report.rollout = rollout;
    ctx.emit({ type: "runEnd", report, at: report.finishedAt });
    return report;
  } finally {
    run.dispose();
  }
}
