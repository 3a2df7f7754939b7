// Group by output (dshbak-style): per step, the distinct (filtered, redacted) outputs of the
// targets that answered, with counts and targets, majority first, so that 300 answers read as
// the handful of distinct ones with the deviants named.
import { targetName } from "../report/format.js";
import type { GroupTarget, OutputGroup, StepGroups, StepResult } from "../report/model.js";

/** One step's groups: for lookups by exit code then output, and in order of first appearance. */
interface StepGrouping {
  byCode: Map<number, Map<string, OutputGroup>>;
  firstSeen: OutputGroup[];
}

export function groupOutputs(results: readonly StepResult[]): StepGroups[] {
  // Exit code → output → group: nested maps, not one "code + output" key, which would be flattened
  // into a fresh copy of the output on every lookup (100 MB at 100,000 results of 1 KiB).
  const bySteps = new Map<string, StepGrouping>();
  // One entry per target, shared by its steps' groups (the report held one per result otherwise).
  const entries = new Map<string, Map<string, GroupTarget>>();
  for (const r of results) {
    if (r.exitCode === null) continue; // no answer: the table and the outcomes say why
    const step = child(bySteps, r.step, () => ({ byCode: new Map(), firstSeen: [] }));
    const byOutput = child(step.byCode, r.exitCode, () => new Map<string, OutputGroup>());
    const entry = child(
      child(entries, r.app, () => new Map()),
      r.process,
      () => ({
        app: r.app,
        process: r.process,
        name: targetName(r),
      }),
    );
    const group = byOutput.get(r.stdout);
    if (group) {
      group.count += 1;
      group.targets.push(entry);
      continue;
    }
    // Created holding its first target: `[]` then push reserves room for 17 (~130 B more per
    // group, and a run whose outputs all differ has one group per result).
    const created = { output: r.stdout, exitCode: r.exitCode, count: 1, targets: [entry] };
    byOutput.set(r.stdout, created);
    step.firstSeen.push(created);
  }
  return [...bySteps].map(([step, { firstSeen }]) => {
    // Stable: equal counts keep the order of first appearance (the report's order).
    const sorted = firstSeen.sort((a, b) => b.count - a.count);
    return {
      step,
      answered: sorted.reduce((n, g) => n + g.count, 0),
      distinct: sorted.length,
      groups: sorted,
    };
  });
}

/** map's value at key, made first when there is none. */
function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The display rule: a few distinct outputs (≤ 5), at least one shared by two or more targets. */
export const AUTO_GROUP_MAX_DISTINCT = 5;

export function worthShowing(step: StepGroups): boolean {
  return step.distinct <= AUTO_GROUP_MAX_DISTINCT && step.groups.some((g) => g.count >= 2);
}
