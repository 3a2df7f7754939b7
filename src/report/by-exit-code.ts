// Results grouped by outcome (exit code, or error code when there was no answer): at scale the
// interesting thing is how many distinct outcomes there were and who had the rare ones.
import { paintStatus } from "./color.js";
import { type ColumnSpec, renderFittedTable, type TableOptions } from "./fit.js";
import { statusRank, targetName } from "./format.js";
import type { Report, StepResult, StepStatus } from "./model.js";

export interface OutcomeGroup {
  /** "exit 0", "exit 1", or an error code such as API_FORBIDDEN, SKIPPED, CANCELLED. */
  outcome: string;
  status: StepStatus;
  count: number;
  /** A few target names, in report order, without repeats. */
  examples: string[];
  /** Targets beyond the examples. */
  more: number;
}

export function outcomeOf(r: StepResult): string {
  if (r.exitCode !== null) return `exit ${r.exitCode}`;
  return r.error?.code ?? r.status.toUpperCase();
}

/** Groups by (outcome, status): exit 0 that failed an expectation is not the same as exit 0 ok. */
export function groupByOutcome(report: Report, maxExamples = 3): OutcomeGroup[] {
  const groups = new Map<string, OutcomeGroup & { names: Set<string> }>();
  for (const r of report.results) {
    const outcome = outcomeOf(r);
    const key = `${outcome}\u0000${r.status}`;
    let group = groups.get(key);
    if (!group) {
      group = { outcome, status: r.status, count: 0, examples: [], more: 0, names: new Set() };
      groups.set(key, group);
    }
    group.count++;
    group.names.add(targetName(r));
  }
  return [...groups.values()]
    .map(({ names, ...g }) => {
      const all = [...names];
      return {
        ...g,
        examples: all.slice(0, maxExamples),
        more: Math.max(0, all.length - maxExamples),
      };
    })
    .sort((a, b) => statusRank(a.status) - statusRank(b.status) || b.count - a.count);
}

const COLUMNS: readonly ColumnSpec[] = [
  { header: "Outcome", flexible: true, min: 8, max: 30 },
  { header: "Status", flexible: false },
  { header: "Count", flexible: false },
  { header: "Examples", flexible: true, min: 12, max: 100 },
];

export function renderOutcomeTable(
  report: Report,
  options: TableOptions & { maxExamples?: number } = {},
): string {
  const groups = groupByOutcome(report, options.maxExamples);
  if (groups.length === 0) return "";
  const rows = groups.map((g) => [
    g.outcome,
    g.status,
    String(g.count),
    g.examples.join(", ") + (g.more > 0 ? ` +${g.more} more` : ""),
  ]);
  return renderFittedTable(COLUMNS, rows, {
    ...options,
    paintCell: (row, col, text) => {
      const status = groups[row]?.status;
      return col === 1 && status ? paintStatus(status, options.color ?? false, text) : text;
    },
  });
}
