// The threshold check (`number: {pattern: "(\\d+)%", max: 90}`): every number the pattern finds,
// line by line, must lie within [min, max]; finding none is a miss too, since the check could not
// be made (a changed output format must not pass silently).
import type { ExpectationMiss } from "../report/model.js";
import { splitLines } from "./lines.js";

export interface CompiledNumber {
  /** Capture group 1 is the number when the pattern has a group; else the whole match. */
  re: RegExp;
  min?: number;
  max?: number;
}

export function describeRange(check: Pick<CompiledNumber, "min" | "max">): string {
  if (check.min !== undefined && check.max !== undefined)
    return `between ${check.min} and ${check.max}`;
  if (check.min !== undefined) return `at least ${check.min}`;
  if (check.max !== undefined) return `at most ${check.max}`;
  return "a number";
}

/** The numbers found, each with its line, in output order. */
export function findNumbers(text: string, re: RegExp): { value: number; line: string }[] {
  const found: { value: number; line: string }[] = [];
  const global = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
  for (const line of splitLines(text)) {
    for (const m of line.matchAll(global)) {
      const value = Number.parseFloat((m[1] ?? m[0]).replace(/,/g, ""));
      if (Number.isFinite(value)) found.push({ value, line });
    }
  }
  return found;
}

export function checkNumber(text: string, check: CompiledNumber): ExpectationMiss | null {
  const expected = `numbers matching /${check.re.source}/ ${describeRange(check)}`;
  const found = findNumbers(text, check.re);
  if (found.length === 0) return { check: "number", expected, seen: "no number matched" };
  const out = found.find(
    ({ value }) =>
      (check.min !== undefined && value < check.min) ||
      (check.max !== undefined && value > check.max),
  );
  return out ? { check: "number", expected, seen: `${out.value} in "${out.line.trim()}"` } : null;
}
