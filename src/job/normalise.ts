// Normalisation of a file that passed every check into the Job every later stage trusts:
// defaults applied, inherited step settings filled in, limits parsed, variables merged.
import type { Context } from "./checks.js";
import type { PathSegment } from "./errors.js";
import type { Job, MaxFailures, RateLimit, Step } from "./model.js";
import { jobChecks, stepChecks } from "./normalise-checks.js";
import { isRecord, type Raw } from "./raw.js";
import { parseRollout } from "./rollout.js";
import { type JobFile, PERCENT_PATTERN, RATE_LIMIT_PATTERN, VAR_NAME_PATTERN } from "./schema.js";
import { buildTargetSpecs } from "./target-specs.js";

export const DEFAULTS = { concurrency: 10, timeout: 15, retries: 3 } as const;

export function resolveVars(raw: Raw, overrides: Readonly<Record<string, string>>) {
  const vars: Record<string, string> = {};
  const declared = isRecord(raw.vars) ? raw.vars : {};
  for (const [name, value] of Object.entries(declared)) {
    // Invalid names and values are reported by the schema; numbers are text by now (as-written.ts).
    if (VAR_NAME_PATTERN.test(name) && typeof value === "string") vars[name] = value;
  }
  return { ...vars, ...overrides };
}

export function parseRateLimit(text: string): RateLimit {
  const m = RATE_LIMIT_PATTERN.exec(text) as RegExpExecArray;
  const unit = m[2] as string;
  const perMs = unit.startsWith("s") ? 1_000 : unit.startsWith("m") ? 60_000 : 3_600_000;
  return { requests: Number(m[1]), perMs };
}

export function parseMaxFailures(value: number | string): MaxFailures {
  if (typeof value === "number") return { kind: "count", value };
  return { kind: "percent", value: Number((PERCENT_PATTERN.exec(value) as RegExpExecArray)[1]) };
}

/** The Job from a file that passed every check. */
export function buildJob(
  ctx: Context,
  file: JobFile,
  vars: Record<string, string>,
  commands: (string[] | undefined)[],
): Job {
  const timeout = file.timeout ?? DEFAULTS.timeout;
  const retries = file.retries ?? DEFAULTS.retries;
  const pos = (path: PathSegment[]) => {
    const [line, column] = ctx.index.positionOf(path);
    return { file: ctx.file, line, column };
  };
  const targets = buildTargetSpecs(file.targets, ctx.file, pos);
  const steps = file.steps.map((s, i): Step => {
    const step: Step = {
      name: s.name,
      command: commands[i] ?? [],
      timeout: s.timeout ?? timeout,
      retries: s.retries ?? retries,
      continueOnFailure: s.continueOnFailure ?? false,
      ...stepChecks(s),
      position: pos(["steps", i]),
    };
    if (s.idempotent !== undefined) step.idempotent = s.idempotent;
    return step;
  });
  const job: Job = {
    version: 1,
    name: file.name,
    concurrency: file.concurrency ?? DEFAULTS.concurrency,
    timeout,
    retries,
    vars,
    targets,
    steps,
    ...jobChecks(file),
  };
  if (file.description !== undefined) job.description = file.description;
  if (file.perApp !== undefined) job.perApp = file.perApp;
  if (file.rateLimit !== undefined) job.rateLimit = parseRateLimit(file.rateLimit);
  if (file.maxFailures !== undefined) job.maxFailures = parseMaxFailures(file.maxFailures);
  if (file.rollout !== undefined) job.rollout = parseRollout(file.rollout);
  return job;
}
