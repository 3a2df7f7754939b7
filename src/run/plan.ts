// The plan is the promise of the report: one entry per (target, step), in the order the report
// lists them (target by target, each target's steps in job order). Pure; `--dry-run` prints it.
import type { Step } from "../job/model.js";
import type { Target } from "../targets/model.js";

export interface PlannedPair {
  /** Position in the plan, and so in Report.results. */
  index: number;
  targetIndex: number;
  stepIndex: number;
  target: Target;
  step: Step;
  /** The step's argv, one frozen copy per step: every result of the step shares it. */
  command: readonly string[];
}

export interface Plan {
  targets: Target[];
  steps: Step[];
  /** targets × steps, target-major. */
  pairs: PlannedPair[];
  counts: { targets: number; steps: number; total: number };
}

export function buildPlan(targets: readonly Target[], steps: readonly Step[]): Plan {
  const pairs: PlannedPair[] = [];
  const commands = steps.map((step) => Object.freeze([...step.command]));
  targets.forEach((target, targetIndex) => {
    steps.forEach((step, stepIndex) => {
      const command = commands[stepIndex] as readonly string[];
      pairs.push({ index: pairs.length, targetIndex, stepIndex, target, step, command });
    });
  });
  return {
    targets: [...targets],
    steps: [...steps],
    pairs,
    counts: { targets: targets.length, steps: steps.length, total: pairs.length },
  };
}

/** The pairs of one target, in step order. */
export function pairsOfTarget(plan: Plan, targetIndex: number): PlannedPair[] {
  const start = targetIndex * plan.steps.length;
  return plan.pairs.slice(start, start + plan.steps.length);
}
