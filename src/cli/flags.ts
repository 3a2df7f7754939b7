// Parsers for `fanout run` flags: each turns bad input into a message that says what is allowed.
import { InvalidArgumentError } from "commander";
import type { RateLimit } from "../job/model.js";
import { parseRateLimit } from "../job/normalise.js";
import { RATE_LIMIT_PATTERN } from "../job/schema.js";
import { FilterSyntaxError, parseFilter, type TargetFilter } from "../targets/filters.js";

export function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 1000) {
    throw new InvalidArgumentError("must be a whole number from 1 to 1000 (requests in flight).");
  }
  return n;
}

/** `30/min`, `5/s`, `1000/hour`: the same syntax as the job's `rateLimit`. */
export function parseRate(value: string): RateLimit {
  const text = value.trim();
  if (!RATE_LIMIT_PATTERN.test(text)) {
    throw new InvalidArgumentError('must be a rate like "30/min", "5/s" or "1000/hour".');
  }
  return parseRateLimit(text);
}

/** Commander's way of collecting a repeatable option (`--var a=1 --var b=2`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--limit EXPR` (repeatable): each checked as it is given, collected in order. */
export function collectLimit(value: string, previous: TargetFilter[] | undefined): TargetFilter[] {
  try {
    return [...(previous ?? []), parseFilter(value)];
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    throw new InvalidArgumentError(error.message);
  }
}
