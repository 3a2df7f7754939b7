// Loader checks of the fleet-check fields (issue 6) that a schema cannot make: ${{ vars }} in
// patterns and expected texts, each pattern compiled as a regular expression, `lines` naming one
// of head/tail, number bounds, and `readOnly: true` refusing steps that are not read-only. Every
// problem points at file:line:column; substituted values are written into the validated data.

import { compilePattern } from "../checks/pattern.js";
import { readOnlyViolations } from "../checks/read-only.js";
import type { Context } from "./checks.js";
import { formatPath, type PathSegment } from "./errors.js";
import { isRecord, list, type Raw } from "./raw.js";
import { substituteVars } from "./vars.js";

const STREAM_KEYS = ["matches", "notMatches", "equals", "contains"] as const;
const PATTERN_KEYS = new Set(["grep", "grepInvert", "matches", "notMatches", "pattern", "redact"]);

function report(ctx: Context, path: PathSegment[], message: string, at: "key" | "value" = "value") {
  const [line, column] = ctx.index.positionOf(path, at);
  ctx.problems.push({ file: ctx.file, line, column, path: formatPath(path), message });
}

/** The string fields of the check sections, as paths from the job's root. */
function textPaths(raw: Raw): PathSegment[][] {
  const paths: PathSegment[][] = list(raw.redact).map((_, j): PathSegment[] => ["redact", j]);
  list(raw.steps).forEach((step, i) => {
    if (!isRecord(step)) return;
    for (const key of ["grep", "grepInvert"]) if (key in step) paths.push(["steps", i, key]);
    for (const j of list(step.redact).keys()) paths.push(["steps", i, "redact", j]);
    const expect = isRecord(step.expect) ? step.expect : {};
    for (const stream of ["stdout", "stderr"]) {
      const s = expect[stream];
      if (!isRecord(s)) continue;
      for (const key of STREAM_KEYS) if (key in s) paths.push(["steps", i, "expect", stream, key]);
    }
    if (isRecord(expect.number) && "pattern" in expect.number) {
      paths.push(["steps", i, "expect", "number", "pattern"]);
    }
  });
  return paths;
}

function get(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) cur = isRecord(cur) || Array.isArray(cur) ? (cur as Raw)[seg] : undefined;
  return cur;
}

function set(root: unknown, path: readonly PathSegment[], value: string): void {
  const parent = get(root, path.slice(0, -1));
  if (isRecord(parent) || Array.isArray(parent))
    (parent as Raw)[path[path.length - 1] as string] = value;
}

/**
 * Substitutes vars in the check fields of `raw` and compiles the patterns; when the schema passed,
 * `data` (its output) gets the substituted values.
 */
export function resolveCheckFields(
  ctx: Context,
  raw: Raw,
  data: unknown,
  vars: Readonly<Record<string, string>>,
): void {
  for (const path of textPaths(raw)) {
    const written = get(raw, path);
    if (typeof written !== "string") continue; // the schema reports it
    const sub = substituteVars(written, vars);
    if (!sub.ok) {
      report(ctx, path, sub.message);
      continue;
    }
    const key = [...path].reverse().find((seg) => typeof seg === "string") as string;
    if (PATTERN_KEYS.has(key)) {
      const compiled = compilePattern(sub.value);
      if (!compiled.ok) {
        report(ctx, path, `${compiled.message}, got ${JSON.stringify(sub.value)}`);
        continue;
      }
    }
    if (data !== undefined) set(data, path, sub.value);
  }
  list(raw.steps).forEach((step, i) => {
    if (!isRecord(step)) return;
    checkLines(ctx, step.lines, ["steps", i, "lines"]);
    const expect = isRecord(step.expect) ? step.expect : {};
    checkBounds(ctx, expect.number, ["steps", i, "expect", "number"]);
  });
}

function checkLines(ctx: Context, lines: unknown, path: PathSegment[]): void {
  if (!isRecord(lines)) return;
  const has = ["head", "tail"].filter((k) => lines[k] !== undefined);
  if (has.length === 2)
    report(ctx, [...path, "tail"], "use either `head` or `tail`, not both", "key");
  if (has.length === 0) report(ctx, path, "needs `head: N` or `tail: N`");
}

function checkBounds(ctx: Context, number: unknown, path: PathSegment[]): void {
  if (!isRecord(number)) return;
  const { min, max } = number;
  if (min === undefined && max === undefined) {
    report(ctx, path, "needs `min` and/or `max` (the numbers allowed)");
  } else if (typeof min === "number" && typeof max === "number" && min > max) {
    report(ctx, [...path, "max"], `must be at least min (${min}), got ${max}`);
  }
}

/** `readOnly: true`: every step's binary (after substitution) must be read-only. */
export function checkReadOnly(ctx: Context, raw: Raw, commands: (string[] | undefined)[]): void {
  if (raw.readOnly !== true) return;
  list(raw.steps).forEach((step, i) => {
    const command = commands[i];
    if (command === undefined) return; // a bad command is reported already
    const name = isRecord(step) && typeof step.name === "string" ? step.name : `steps[${i}]`;
    for (const v of readOnlyViolations([{ name, command }])) {
      report(ctx, ["steps", i, "command", 0], `the job is readOnly: ${v.message}`);
    }
  });
}
