// Group by output (dshbak-style): per step, the distinct (filtered, redacted) outputs of the
// targets that answered, with counts and targets, majority first, so that 300 answers read as
// the handful of distinct ones with the deviants named.
import { targetName } from "../report/format.js";
import type { OutputGroup, StepGroups, StepResult } from "../report/model.js";

export function groupOutputs(results: readonly StepResult[]): StepGroups[] {
  const bySteps = new Map<string, Map<string, OutputGroup>>();
  for (const r of results) {
    if (r.exitCode === null) continue; // no answer: the table and the outcomes say why
    let groups = bySteps.get(r.step);
    if (!groups) {
      groups = new Map();
      bySteps.set(r.step, groups);
    }
    const key = `${r.exitCode}\u0000${r.stdout}`;
    let group = groups.get(key);
    if (!group) {
      group = { output: r.stdout, exitCode: r.exitCode, count: 0, targets: [] };
      groups.set(key, group);
    }
    group.count += 1;
    group.targets.push({ app: r.app, process: r.process, name: targetName(r) });
  }
  return [...bySteps].map(([step, groups]) => {
    // Stable: equal counts keep the order of first appearance (the report's order).
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
    return {
      step,
      answered: sorted.reduce((n, g) => n + g.count, 0),
      distinct: sorted.length,
      groups: sorted,
    };
  });
}

/** The display rule: a few distinct outputs (≤ 5), at least one shared by two or more targets. */
export const AUTO_GROUP_MAX_DISTINCT = 5;

export function worthShowing(step: StepGroups): boolean {
  return step.distinct <= AUTO_GROUP_MAX_DISTINCT && step.groups.some((g) => g.count >= 2);
}
