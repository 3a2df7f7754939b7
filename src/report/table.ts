// The main table: one row per (target, step), failures first, fitted to the terminal width.
import { paintStatus } from "./color.js";
import { type ColumnSpec, renderFittedTable, type TableOptions } from "./fit.js";
import { failuresFirst, formatDuration, resultDetail, targetName } from "./format.js";
import type { Report, StepResult } from "./model.js";

export interface ResultsTableOptions extends TableOptions {
  /** Show only rows that are not ok (the view that stays readable at scale). */
  onlyFailed?: boolean;
}

const COLUMNS: readonly ColumnSpec[] = [
  { header: "Target", flexible: true, min: 10, max: 40 },
  { header: "Step", flexible: true, min: 6, max: 30 },
  { header: "Status", flexible: false },
  { header: "Exit", flexible: false },
  { header: "Tries", flexible: false },
  { header: "Time", flexible: false },
  { header: "Output", flexible: true, min: 10, max: 100 },
];
const STATUS_COLUMN = 2;

/** The rows of the table, as plain strings, in display order. */
export function resultRows(
  results: readonly StepResult[],
  options: { onlyFailed?: boolean } = {},
): { rows: string[][]; results: StepResult[] } {
  const shown = failuresFirst(results).filter((r) => !options.onlyFailed || r.status !== "ok");
  const rows = shown.map((r) => [
    targetName(r),
    r.step,
    r.status,
    r.exitCode === null ? "-" : String(r.exitCode),
    String(r.attempts),
    r.attempts === 0 ? "-" : formatDuration(r.durationMs),
    resultDetail(r),
  ]);
  return { rows, results: shown };
}

/** The table as a string; empty when there is nothing to show (e.g. --only-failed, all ok). */
export function renderResultsTable(report: Report, options: ResultsTableOptions = {}): string {
  const { rows, results } = resultRows(report.results, options);
  if (rows.length === 0) return "";
  return renderFittedTable(COLUMNS, rows, {
    ...options,
    paintCell: (row, col, text) => {
      const status = results[row]?.status;
      return col === STATUS_COLUMN && status
        ? paintStatus(status, options.color ?? false, text)
        : text;
    },
  });
}
