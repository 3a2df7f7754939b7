// How a finished run looks on stdout: the results table, the outcomes by exit code, the summary.
import { renderOutcomeTable } from "../report/by-exit-code.js";
import { renderGroups } from "../report/groups.js";
import type { Report } from "../report/model.js";
import { renderSummary } from "../report/summary-line.js";
import { renderResultsTable } from "../report/table.js";
import type { Io } from "./io.js";

export interface PrintOptions {
  /** Summary only, no tables. */
  quiet?: boolean;
  /** Only the rows that are not ok. */
  onlyFailed?: boolean;
  /** Outputs grouped for every step (`--group`), not only where few distinct ones stand out. */
  group?: boolean;
}

export function printReport(io: Io, report: Report, options: PrintOptions = {}): void {
  const style = { width: io.width, color: io.color };
  if (!options.quiet) {
    const table = renderResultsTable(report, { ...style, onlyFailed: options.onlyFailed ?? false });
    if (table !== "") io.out(table);
    else if (options.onlyFailed) io.out("No failed steps.");
    const groups = renderGroups(report, { all: options.group ?? false, width: io.width });
    if (groups !== "") io.out(`\n${groups}\n`);
    const outcomes = renderOutcomeTable(report, style);
    if (outcomes !== "") io.out(outcomes);
  }
  io.out(renderSummary(report, { color: io.color, width: io.width }));
}
