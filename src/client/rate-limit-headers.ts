// Pure parsers for the rate-limit headers of API.md. A malformed header is treated as absent
// (null), so the retry policy falls back to its own backoff instead of trusting garbage.
import { headerValue, type ResponseHeaders } from "./response-headers.js";
import type { RateLimitInfo } from "./types.js";

// Values above this are Unix timestamps (seconds), not "seconds until reset": some gateways send
// the epoch form, and reading it as a delta would mean waiting for 50 years.
const EPOCH_THRESHOLD_SECONDS = 1_000_000_000;

function parseNonNegativeInteger(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function parseNonNegativeSeconds(value: string | null): number | null {
  if (value === null || !/^\d{1,15}(\.\d{1,6})?$/.test(value)) return null;
  return Number(value);
}

/** x-ratelimit-reset as seconds from now (a delta, or an epoch value converted), or null. */
export function parseResetSeconds(value: string | null, nowMs: number): number | null {
  const seconds = parseNonNegativeSeconds(value);
  if (seconds === null) return null;
  if (seconds < EPOCH_THRESHOLD_SECONDS) return seconds;
  return Math.max(0, Math.ceil(seconds - nowMs / 1000));
}

/** `x-ratelimit-limit`, `-remaining` and `-reset`; null unless all three are well-formed. */
export function parseRateLimit(
  headers: ResponseHeaders,
  nowMs: number = Date.now(),
): RateLimitInfo | null {
  const limit = parseNonNegativeInteger(headerValue(headers, "x-ratelimit-limit"));
  const remaining = parseNonNegativeInteger(headerValue(headers, "x-ratelimit-remaining"));
  const resetSeconds = parseResetSeconds(headerValue(headers, "x-ratelimit-reset"), nowMs);
  if (limit === null || remaining === null || resetSeconds === null) return null;
  return { limit, remaining, resetSeconds };
}

/** `Retry-After` as delta-seconds or an HTTP-date, in ms from now; null when malformed. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const seconds = parseNonNegativeSeconds(value);
  if (seconds !== null) return Math.round(seconds * 1000);
  // An HTTP-date always names a weekday or month; requiring a letter keeps Date.parse from
  // reading bare numbers like "-1" or "2026" as dates.
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** The server-named wait: Retry-After when well-formed, else x-ratelimit-reset; ms or null. */
export function parseRetryAfterMs(
  headers: ResponseHeaders,
  nowMs: number = Date.now(),
): number | null {
  const fromRetryAfter = parseRetryAfter(headerValue(headers, "retry-after"), nowMs);
  if (fromRetryAfter !== null) return fromRetryAfter;
  const reset = parseResetSeconds(headerValue(headers, "x-ratelimit-reset"), nowMs);
  return reset === null ? null : Math.round(reset * 1000);
}
