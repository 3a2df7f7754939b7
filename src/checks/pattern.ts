// Regular expressions from job files: compiled once, matched line by line as grep does, so that
// `^NODE_ENV=production$` matches that line of a multi-line output and a final newline never
// defeats `$`.
import { splitLines } from "./lines.js";

/** The compiled pattern, or why it does not compile (for a file:line:column problem). */
export function compilePattern(
  source: string,
): { ok: true; re: RegExp } | { ok: false; message: string } {
  try {
    // The u flag: \d, classes and . work on characters, and a stray escape is an error, not a literal.
    return { ok: true, re: new RegExp(source, "u") };
  } catch (error) {
    const why =
      error instanceof Error
        ? error.message.replace(/^Invalid regular expression: /, "")
        : String(error);
    return { ok: false, message: `is not a valid regular expression (${why})` };
  }
}

/** The first line the pattern matches, or undefined. */
export function firstMatchingLine(re: RegExp, text: string): string | undefined {
  return splitLines(text).find((line) => re.test(line));
}

export function anyLineMatches(re: RegExp, text: string): boolean {
  return firstMatchingLine(re, text) !== undefined;
}
