// What every part of one run shares: the normalised options, the pacer, the threshold, and the
// slot each planned pair's result goes into. Created per run; there is no module-level state.

import type { CompiledChecks } from "../checks/compile.js";
import type { MaxFailures } from "../job/model.js";
import type { StepResult } from "../report/model.js";
import type { RunEvent } from "./events.js";
import { OutputInterner } from "./intern.js";
import type { NormalizedRunOptions } from "./options.js";
import { Pacer } from "./pacer.js";
import type { Plan, PlannedPair } from "./plan.js";
import { FailureThreshold } from "./threshold.js";

export interface RunContext {
  options: NormalizedRunOptions;
  plan: Plan;
  pacer: Pacer;
  threshold: FailureThreshold;
  /** Index = step index: each step's filters, expectations, redaction and output budget. */
  checks: readonly CompiledChecks[];
  /** Index = PlannedPair.index; filled exactly once per pair. */
  results: Array<StepResult | undefined>;
  /** Equal outputs of this run share one string (src/run/intern.ts). */
  outputs: OutputInterner;
  /** False without an onEvent listener: callers then skip building events at all. */
  listening: boolean;
  emit(event: RunEvent): void;
  /** Stores a pair's result and announces it (stepEnd). */
  record(pair: PlannedPair, result: StepResult): void;
  isoNow(): string;
}

export function createRunContext(
  options: NormalizedRunOptions,
  plan: Plan,
  maxFailures: MaxFailures | null,
  checks: readonly CompiledChecks[],
): RunContext {
  const context: RunContext = {
    options,
    plan,
    pacer: new Pacer({
      now: options.now,
      sleep: options.sleep,
      rate: options.rate,
      onWait: (reason, delayMs) => {
        if (context.listening) {
          context.emit({ type: "rateLimitWait", reason, delayMs, at: context.isoNow() });
        }
      },
    }),
    threshold: new FailureThreshold(maxFailures, plan.counts.targets),
    checks,
    results: new Array(plan.pairs.length).fill(undefined),
    outputs: new OutputInterner(),
    listening: options.onEvent !== null,
    emit(event) {
      if (options.onEvent === null) return;
      try {
        options.onEvent(event);
      } catch {
        // A caller's progress display must not be able to lose results; see RunOptions.onEvent.
      }
    },
    record(pair, result) {
      context.results[pair.index] = result;
      if (context.listening) context.emit({ type: "stepEnd", result, at: context.isoNow() });
    },
    isoNow: () => new Date(options.now()).toISOString(),
  };
  return context;
}
