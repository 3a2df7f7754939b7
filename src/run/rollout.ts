// Canary rollouts (job `rollout: [1, "10%", "100%"]`): the plan's targets, in plan order, run in
// cumulative stages. Each stage has its own failure budget, maxFailures applied to the stage's own
// targets (0 when the job sets none: a canary that fails halts); a stage starts only when the one
// before ended within its budget. Once a stage passes it, its unstarted targets are cancelled as
// usual (THRESHOLD) and every later stage's with ROLLOUT_HALTED, and the run ends stoppedBy
// "threshold" (exit 5).
import type { MaxFailures, RolloutStage } from "../job/model.js";
import type { RolloutReport, RolloutStageReport } from "../report/model.js";
import type { RunContext } from "./context.js";
import { pairsOfTarget } from "./plan.js";
import { notRun, RUNNER_CODES } from "./results.js";
import { runAllTargets } from "./scheduler.js";
import { FailureThreshold } from "./threshold.js";

/** A stage's targets: plan indexes [start, end). */
export interface StageSpan {
  size: string;
  start: number;
  end: number;
}

const written = (s: RolloutStage) => (s.kind === "count" ? `${s.value}` : `${s.value}%`);

/**
 * Cumulative sizes over `targets`: a count is capped at the total, a percentage rounds up (10% of
 * 5 is 1, never 0). A stage no larger than the one before adds no targets and passes at once.
 */
export function stageSpans(stages: readonly RolloutStage[], targets: number): StageSpan[] {
  let start = 0;
  return stages.map((s) => {
    const size =
      s.kind === "count" ? Math.min(s.value, targets) : Math.ceil((s.value * targets) / 100);
    const end = Math.max(start, Math.min(size, targets));
    const span = { size: written(s), start, end };
    start = end;
    return span;
  });
}

export async function runRollout(
  ctx: RunContext,
  stages: readonly RolloutStage[],
  maxFailures: MaxFailures | null,
): Promise<RolloutReport> {
  const budget = maxFailures ?? { kind: "count", value: 0 };
  const spans = stageSpans(stages, ctx.plan.counts.targets);
  const reports: RolloutStageReport[] = [];
  let stoppedAtStage: number | null = null;
  for (const [i, span] of spans.entries()) {
    const indexes = Array.from({ length: span.end - span.start }, (_, k) => span.start + k);
    const threshold = new FailureThreshold(budget, indexes.length);
    const base = { stage: i + 1, size: span.size, targets: indexes.length };
    if (stoppedAtStage !== null) {
      cancelHalted(ctx, indexes, haltedMessage(reports[stoppedAtStage - 1], spans.length));
      endStage(ctx, reports, {
        ...base,
        failedTargets: 0,
        allowedFailures: Math.floor(threshold.allowed),
        status: "notRun",
      });
      continue;
    }
    const aborted = ctx.options.signal.aborted;
    // The stage's own threshold, where runTarget and the report look for it.
    ctx.threshold = threshold;
    if (ctx.listening && !aborted) {
      ctx.emit({ type: "stageStart", ...base, stages: spans.length, at: ctx.isoNow() });
    }
    await runAllTargets(ctx, indexes);
    const failedTargets = indexes.filter((t) => failedTarget(ctx, t)).length;
    const status = aborted
      ? "notRun"
      : ctx.options.signal.aborted
        ? "interrupted"
        : threshold.passed
          ? "halted"
          : "passed";
    if (status === "halted") stoppedAtStage = i + 1;
    endStage(ctx, reports, {
      ...base,
      failedTargets,
      allowedFailures: Math.floor(threshold.allowed),
      status,
    });
  }
  return { stages: reports, stoppedAtStage };
}

function endStage(ctx: RunContext, reports: RolloutStageReport[], stage: RolloutStageReport): void {
  reports.push(stage);
  if (ctx.listening) ctx.emit({ type: "stageEnd", stage, at: ctx.isoNow() });
}

function failedTarget(ctx: RunContext, targetIndex: number): boolean {
  return pairsOfTarget(ctx.plan, targetIndex).some((p) => {
    const status = ctx.results[p.index]?.status;
    return status === "failed" || status === "error";
  });
}

function haltedMessage(stage: RolloutStageReport | undefined, total: number): string {
  if (!stage) return "not started: the rollout was halted";
  return (
    `not started: the rollout stopped at stage ${stage.stage} of ${total} (${stage.size}): ` +
    `${stage.failedTargets} of its ${stage.targets} targets failed, maxFailures allows ${stage.allowedFailures}`
  );
}

function cancelHalted(ctx: RunContext, indexes: readonly number[], message: string): void {
  for (const t of indexes) {
    for (const pair of pairsOfTarget(ctx.plan, t)) {
      ctx.record(pair, notRun(pair, "cancelled", RUNNER_CODES.rolloutHalted, message));
    }
  }
}
