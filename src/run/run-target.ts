// The steps of one target, in order, one request at a time. A step that is not ok skips the
// target's later steps unless it says continueOnFailure; an interruption cancels them.
import type { RunContext } from "./context.js";
import { executeStep } from "./execute-step.js";
import { type PlannedPair, pairsOfTarget } from "./plan.js";
import { priorResult } from "./prior.js";
import { notRun, RUNNER_CODES } from "./results.js";

export async function runTarget(ctx: RunContext, targetIndex: number): Promise<void> {
  const pairs = pairsOfTarget(ctx.plan, targetIndex);
  if (ctx.options.signal.aborted) return cancelAll(ctx, pairs, RUNNER_CODES.cancelled, interrupted);
  if (ctx.threshold.passed)
    return cancelAll(ctx, pairs, RUNNER_CODES.threshold, ctx.threshold.describe());

  let blockedBy: string | null = null;
  for (const pair of pairs) {
    const prior = priorResult(ctx, pair);
    if (prior) {
      ctx.record(pair, prior);
      continue;
    }
    if (blockedBy !== null) {
      ctx.record(
        pair,
        notRun(
          pair,
          "skipped",
          RUNNER_CODES.skipped,
          `skipped: step "${blockedBy}" did not succeed on this target`,
        ),
      );
      continue;
    }
    if (ctx.options.signal.aborted) {
      ctx.record(pair, notRun(pair, "cancelled", RUNNER_CODES.cancelled, interrupted));
      continue;
    }
    const result = await executeStep(ctx, pair);
    ctx.record(pair, result);
    // Only failed/error count and skip; after a cancelled step the abort check cancels the rest.
    if (result.status === "failed" || result.status === "error") {
      ctx.threshold.recordFailedTarget(targetIndex);
      if (!pair.step.continueOnFailure) blockedBy = pair.step.name;
    }
  }
}

const interrupted = "cancelled: the run was interrupted before this step started";

function cancelAll(ctx: RunContext, pairs: PlannedPair[], code: string, message: string): void {
  // Known results stay known: an interrupted resume still reports what was already ok.
  for (const pair of pairs)
    ctx.record(pair, priorResult(ctx, pair) ?? notRun(pair, "cancelled", code, message));
}
