// Results known before the run (a ledger being resumed, the ok pairs of an earlier report): such a
// pair is not sent again; its recorded result goes into the report, marked `resumed: true`.
import type { StepResult } from "../report/model.js";
import type { RunContext } from "./context.js";
import type { PlannedPair } from "./plan.js";

/** The identity of a (target, step) pair across runs: app id, process id, step name. */
export function pairKey(app: string, process: string, step: string): string {
  return JSON.stringify([app, process, step]);
}

export const resultKey = (r: Pick<StepResult, "app" | "process" | "step">): string =>
  pairKey(r.app, r.process, r.step);

/** The result `prior` holds for this pair, as recorded; undefined when the pair must run. */
export function knownResult(
  prior: ReadonlyMap<string, StepResult> | null | undefined,
  pair: PlannedPair,
): StepResult | undefined {
  return prior?.get(pairKey(pair.target.appId, pair.target.processId, pair.step.name));
}

/** The prior result for this pair, marked resumed; undefined when it must run. */
export function priorResult(ctx: RunContext, pair: PlannedPair): StepResult | undefined {
  const found = knownResult(ctx.options.prior, pair);
  return found ? { ...found, resumed: true } : undefined;
}
