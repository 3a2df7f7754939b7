// Runs every target of the plan under the concurrency caps.
//
// The unit of scheduling is a target, not a request: a target's steps run one request at a time,
// so "targets holding a slot" bounds "requests in flight" and the caps hold by construction. It
// also makes "no new target starts" (threshold, interrupt) a check at the single place a target
// begins. The price: a target sleeping in a retry backoff keeps its slot.
//
// With a perApp cap a target takes its app's slot first, then a global one. These are two
// different limiters, always taken in that order and never re-entered, so the deadlock p-limit
// warns about (a task waiting on the limiter it already holds) cannot happen; and a target only
// queues for a global slot once its app has room, so no global slot idles behind a full app.
import pLimit, { type LimitFunction } from "p-limit";
import type { RunContext } from "./context.js";
import { pairsOfTarget } from "./plan.js";
import { RUNNER_CODES, unanswered } from "./results.js";
import { runTarget } from "./run-target.js";

/** Runs the plan's targets, or only those at `only` (a rollout stage's, in plan order). */
export async function runAllTargets(ctx: RunContext, only?: readonly number[]): Promise<void> {
  const { options, plan } = ctx;
  const global = pLimit(Math.max(1, Math.min(options.concurrency, plan.counts.targets)));
  const perApp = new Map<string, LimitFunction>();
  const appLimit = (appId: string): LimitFunction => {
    let limit = perApp.get(appId);
    if (!limit) {
      limit = pLimit(options.perApp ?? 1);
      perApp.set(appId, limit);
    }
    return limit;
  };

  const indexes = only ?? plan.targets.map((_, i) => i);
  await Promise.all(
    indexes.map((targetIndex) => {
      const target = plan.targets[targetIndex] as (typeof plan.targets)[number];
      const run = () => global(() => guarded(ctx, targetIndex));
      return options.perApp === null ? run() : appLimit(target.appId)(run);
    }),
  );
}

/** runTarget must not throw; if a bug makes it, its missing results become INTERNAL errors. */
async function guarded(ctx: RunContext, targetIndex: number): Promise<void> {
  try {
    await runTarget(ctx, targetIndex);
  } catch (error) {
    for (const pair of pairsOfTarget(ctx.plan, targetIndex)) {
      if (ctx.results[pair.index] !== undefined) continue;
      const spent = { attempts: 0, durationMs: 0 };
      ctx.record(
        pair,
        unanswered(pair, error, RUNNER_CODES.internal, "a bug in fanout's runner", spent),
      );
    }
  }
}
