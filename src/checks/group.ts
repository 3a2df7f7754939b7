// Group by output (dshbak-style): per step, the distinct (filtered, redacted) outputs of the
// targets that answered, with counts and targets, majority first, so that 300 answers read as
// the handful of distinct ones with the deviants named.
import { targetName } from "../report/format.js";
import type { GroupTarget, OutputGroup, StepGroups, StepResult } from "../report/model.js";

export function groupOutputs(results: readonly StepResult[]): StepGroups[] {
  // step → exit code → output → group. Nested maps, not one "code + output" key: a concatenated
  // key is flattened into a fresh copy of the output on every lookup (100 MB at 100,000 results).
  const bySteps = new Map<string, Map<number, Map<string, OutputGroup>>>();
  /** Each step's groups in order of first appearance. */
  const order = new Map<string, OutputGroup[]>();
  // One entry per target, shared by its steps' groups (the report held one per result otherwise).
  const entries = new Map<string, Map<string, GroupTarget>>();
  for (const r of results) {
    if (r.exitCode === null) continue; // no answer: the table and the outcomes say why
    let byCode = bySteps.get(r.step);
    if (!byCode) {
      byCode = new Map();
      bySteps.set(r.step, byCode);
      order.set(r.step, []);
    }
    let byOutput = byCode.get(r.exitCode);
    if (!byOutput) {
      byOutput = new Map();
      byCode.set(r.exitCode, byOutput);
    }
    const entry = entryFor(entries, r);
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
    order.get(r.step)?.push(created);
  }
  return [...order].map(([step, firstSeen]) => {
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

function entryFor(entries: Map<string, Map<string, GroupTarget>>, r: StepResult): GroupTarget {
  let byProcess = entries.get(r.app);
  if (!byProcess) {
    byProcess = new Map();
    entries.set(r.app, byProcess);
  }
  let entry = byProcess.get(r.process);
  if (!entry) {
    entry = { app: r.app, process: r.process, name: targetName(r) };
    byProcess.set(r.process, entry);
  }
  return entry;
}

/** The display rule: a few distinct outputs (≤ 5), at least one shared by two or more targets. */
export const AUTO_GROUP_MAX_DISTINCT = 5;

export function worthShowing(step: StepGroups): boolean {
  return step.distinct <= AUTO_GROUP_MAX_DISTINCT && step.groups.some((g) => g.count >= 2);
}
