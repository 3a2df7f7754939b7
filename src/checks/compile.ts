// A step's checks compiled once per run: patterns to RegExps, the redactor, the byte budget.
// The loader has already refused bad patterns with file:line:column; a Job built by hand in code
// gets the same message here, before anything is sent.
import type { Job, Step } from "../job/model.js";
import type { CompiledExpect, CompiledStream } from "./expect.js";
import type { CompiledFilter } from "./filters.js";
import { compilePattern } from "./pattern.js";
import {
  createRedactor,
  noRedaction,
  printsSecretValues,
  type Redactor,
  redactWholeLines,
} from "./redact.js";
import { DEFAULT_MAX_OUTPUT_BYTES } from "./truncate.js";

export interface CompiledChecks {
  filter?: CompiledFilter;
  expect: CompiledExpect;
  redact: Redactor;
  maxOutputBytes: number;
}

export class InvalidCheckError extends Error {
  override readonly name = "InvalidCheckError";
  readonly code = "INVALID_CHECK";
}

/** `redact: false` is `--no-redact`: the job's own patterns are off too. */
export function compileChecks(job: Job, step: Step, options: { redact: boolean }): CompiledChecks {
  const re = (source: string, where: string) => {
    const c = compilePattern(source);
    if (!c.ok) throw new InvalidCheckError(`step "${step.name}" ${where}: ${c.message}`);
    return c.re;
  };
  const checks: CompiledChecks = {
    expect: compileExpect(step, re),
    redact: options.redact ? redactorFor(job, step, re) : noRedaction,
    maxOutputBytes: job.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
  };
  const f = step.filter;
  if (f) {
    checks.filter = { trim: f.trim ?? false };
    if (f.grep !== undefined) checks.filter.grep = re(f.grep, "grep");
    if (f.grepInvert !== undefined) checks.filter.grepInvert = re(f.grepInvert, "grepInvert");
    if (f.lines !== undefined) checks.filter.lines = f.lines;
  }
  return checks;
}

function redactorFor(job: Job, step: Step, re: (source: string, where: string) => RegExp) {
  const patterns = [...(job.redact ?? []), ...(step.redact ?? [])].map((p) => re(p, "redact"));
  return printsSecretValues(step.command) ? redactWholeLines : createRedactor(patterns);
}

function compileExpect(step: Step, re: (source: string, where: string) => RegExp): CompiledExpect {
  const e = step.expect;
  const out: CompiledExpect = { exitCode: e?.exitCode ?? [0] };
  for (const stream of ["stdout", "stderr"] as const) {
    const s = e?.[stream];
    if (!s) continue;
    const c: CompiledStream = {};
    if (s.matches !== undefined) c.matches = re(s.matches, `expect.${stream}.matches`);
    if (s.notMatches !== undefined) c.notMatches = re(s.notMatches, `expect.${stream}.notMatches`);
    if (s.equals !== undefined) c.equals = s.equals;
    if (s.contains !== undefined) c.contains = s.contains;
    out[stream] = c;
  }
  if (e?.number) {
    out.number = { re: re(e.number.pattern, "expect.number.pattern") };
    if (e.number.min !== undefined) out.number.min = e.number.min;
    if (e.number.max !== undefined) out.number.max = e.number.max;
  }
  return out;
}
