// The `| grep` half of a pipeline the API cannot run: filters applied to stdout on the client,
// before expectations and display. Order: grep, grepInvert, head/tail, trim (as a user would pipe).
import { joinLines, splitLines } from "./lines.js";

export interface CompiledFilter {
  grep?: RegExp;
  grepInvert?: RegExp;
  lines?: { head: number } | { tail: number };
  trim: boolean;
}

/** Whether the filter does anything; a result says `filtered: true` only when one ran. */
export function isActive(filter: CompiledFilter | undefined): filter is CompiledFilter {
  return (
    filter !== undefined &&
    (filter.grep !== undefined ||
      filter.grepInvert !== undefined ||
      filter.lines !== undefined ||
      filter.trim)
  );
}

export function applyFilter(text: string, filter: CompiledFilter): string {
  let lines = splitLines(text);
  const { grep, grepInvert, lines: cut } = filter;
  if (grep) lines = lines.filter((line) => grep.test(line));
  if (grepInvert) lines = lines.filter((line) => !grepInvert.test(line));
  if (cut && "head" in cut) lines = lines.slice(0, cut.head);
  else if (cut) lines = cut.tail === 0 ? [] : lines.slice(-cut.tail);
  // trim: the output as a value (`production`, not `production\n`), as `$(cmd)` gives it.
  return filter.trim ? joinLines(lines).trim() : joinLines(lines);
}
