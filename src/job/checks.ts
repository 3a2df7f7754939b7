// Checks that span several fields or need the source (a schema sees one value at a time). They
// run on the raw data, tolerant of shapes the schema already refused, so that a file's problems
// are all reported in one go.
import { formatPath, type PathSegment, type Problem } from "./errors.js";
import type { SourceIndex } from "./positions.js";
import { isRecord, list, type Raw } from "./raw.js";
import { PERCENT_PATTERN } from "./schema.js";
import { checkTargetEntries } from "./target-checks.js";
import { substituteVars } from "./vars.js";

export interface Context {
  file: string;
  index: SourceIndex;
  problems: Problem[];
}

function report(ctx: Context, path: PathSegment[], message: string, at: "key" | "value" = "value") {
  const [line, column] = ctx.index.positionOf(path, at);
  ctx.problems.push({ file: ctx.file, line, column, path: formatPath(path), message });
}

export function checkTargets(ctx: Context, raw: Raw): void {
  checkTargetEntries(ctx, raw.targets, true);
}

/** Checks step names and commands; returns each step's argv after substitution. */
export function resolveCommands(ctx: Context, raw: Raw, vars: Record<string, string>) {
  const names = new Map<string, number>();
  return list(raw.steps).map((step, i): string[] | undefined => {
    if (!isRecord(step)) return undefined;
    if (typeof step.name === "string") {
      const first = names.get(step.name);
      if (first === undefined) names.set(step.name, i);
      else
        report(
          ctx,
          ["steps", i, "name"],
          `step name already used by steps[${first}]; step names must be unique`,
        );
    }
    let ok = Array.isArray(step.command);
    const argv = list(step.command).map((element, j) => {
      const path: PathSegment[] = ["steps", i, "command", j];
      const written = typeof element === "string" ? element : undefined;
      if (written === undefined) {
        ok = false; // null, a list or a mapping: the schema reports it
        return "";
      }
      const sub = substituteVars(written, vars);
      if (!sub.ok) {
        ok = false;
        report(ctx, path, sub.message);
        return "";
      }
      if (j === 0) ok = checkBinary(ctx, path, sub.value, written) && ok;
      return sub.value;
    });
    return ok ? argv : undefined;
  });
}

function checkBinary(ctx: Context, path: PathSegment[], binary: string, written: string): boolean {
  if (binary.trim() === "") {
    const via = binary === written ? "" : ` (after substituting ${JSON.stringify(written)})`;
    report(ctx, path, `the binary (the first element) must not be empty${via}`);
    return false;
  }
  if (/\s/.test(binary)) {
    const words = binary.trim().split(/\s+/).join(", ");
    report(
      ctx,
      path,
      `the binary ${JSON.stringify(binary)} contains a space; there is no shell, so write each argument as its own element: [${words}, ...]`,
    );
    return false;
  }
  return true;
}

export function checkPercent(ctx: Context, raw: Raw): void {
  const value = raw.maxFailures;
  if (typeof value !== "string" || !PERCENT_PATTERN.test(value)) return;
  const p = Number(PERCENT_PATTERN.exec(value)?.[1]);
  if (p <= 0 || p > 100) {
    report(
      ctx,
      ["maxFailures"],
      `a percentage must be above 0 and at most 100, got ${JSON.stringify(value)}`,
    );
  }
}
