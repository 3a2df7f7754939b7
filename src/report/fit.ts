// Fitting a cli-table3 table into a terminal width by shrinking its widest flexible columns.
import Table from "cli-table3";
import { oneLine, truncate } from "./format.js";

export interface ColumnSpec {
  header: string;
  /** May shrink below its natural width (down to `min`) when the table is too wide. */
  flexible: boolean;
  min?: number;
  /** Never wider than this, even with room to spare (long outputs). */
  max?: number;
}

const PADDING = 2;

function displayWidth(text: string): number {
  return Array.from(text).length;
}

/**
 * Column widths (padding included, as cli-table3 counts them) so that the whole table, borders
 * included, fits in `width` when it can. Without a width only `max` applies.
 */
export function fitColumns(
  columns: readonly ColumnSpec[],
  rows: readonly (readonly string[])[],
  width?: number,
): number[] {
  const widths = columns.map((col, i) => {
    // A loop, not Math.max(...rows): a fleet of thousands would overflow the argument list.
    let natural = displayWidth(col.header);
    for (const row of rows) natural = Math.max(natural, displayWidth(oneLine(row[i] ?? "")));
    return Math.min(natural, col.max ?? Number.POSITIVE_INFINITY) + PADDING;
  });
  if (width === undefined) return widths;
  const borders = columns.length + 1;
  const minOf = (i: number) => Math.min((columns[i]?.min ?? 6) + PADDING, widths[i] ?? 0);
  let excess = widths.reduce((a, b) => a + b, 0) + borders - width;
  while (excess > 0) {
    // Shrink the widest column that still can: long outputs go first, names keep their start.
    let widest = -1;
    for (let i = 0; i < columns.length; i++) {
      if (!columns[i]?.flexible || (widths[i] ?? 0) <= minOf(i)) continue;
      if (widest === -1 || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
    }
    if (widest === -1) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess--;
  }
  return widths;
}

export interface TableOptions {
  width?: number;
  color?: boolean;
}

/** A compact cli-table3 table whose cells are cut (with "…") to the fitted widths. */
export function renderFittedTable(
  columns: readonly ColumnSpec[],
  rows: readonly (readonly string[])[],
  options: TableOptions & { paintCell?: (row: number, col: number, text: string) => string },
): string {
  const colWidths = fitColumns(columns, rows, options.width);
  const table = new Table({
    head: columns.map((c) => c.header),
    colWidths,
    wordWrap: false,
    style: { head: options.color ? ["bold"] : [], border: [], compact: true },
  });
  rows.forEach((row, r) => {
    // Cut before painting so that colour codes never count against the width.
    table.push(
      row.map((cell, c) => {
        const cut = cutCell(cell, (colWidths[c] ?? PADDING) - PADDING);
        return options.paintCell ? options.paintCell(r, c, cut) : cut;
      }),
    );
  });
  return table.toString();
}

// Command output may carry escape sequences or tabs; a table cell shows them as plain spaces.
function cutCell(text: string, width: number): string {
  return truncate(oneLine(text), width);
}
