// Output as lines, the way grep sees it: a trailing newline ends the last line rather than
// starting an empty one, and a CR before the LF belongs to the line break, not to the line.

/** The lines of a text; "" has none, "a\n" has one. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Lines back to text, each ended by a newline (so "" stays "" and one line gets its "\n"). */
export function joinLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join("");
}
