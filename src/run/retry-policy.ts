// Whether and when to send a failed request again, as a pure function of what happened
// (DESIGN.md, failure classes). The step executor turns a `retry: false` into the step's result.
import type { Step } from "../job/model.js";
import { RUNNER_CODES } from "./codes.js";
import { ABORTED, isRequestFailure, RATE_LIMITED } from "./failure.js";
import { isIdempotent } from "./idempotence.js";

export interface RetryState {
  /** Retries already spent from step.retries (429 waits do not count). */
  retriesUsed: number;
  /** Time already spent waiting out 429s for this request. */
  rateLimitWaitedMs: number;
}

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxRateLimitWaitMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
}

export type RetryDecision =
  | {
      retry: true;
      delayMs: number;
      reason: string;
      /** A 429 wait: all requests pause, and step.retries is not used up. */
      rateLimited: boolean;
    }
  | {
      retry: false;
      delayMs: 0;
      reason: string;
      /** The stable code for the step's error: the failure's own, or a runner one. */
      code: string;
    };

export function decideRetry(
  error: unknown,
  step: Pick<Step, "command" | "idempotent" | "retries">,
  state: RetryState,
  policy: RetryPolicy,
): RetryDecision {
  if (!isRequestFailure(error)) {
    return stop(
      RUNNER_CODES.internal,
      "an unexpected error, probably a bug in fanout: not retried",
    );
  }
  if (error.code === ABORTED) return stop(RUNNER_CODES.cancelled, "the run was interrupted");
  if (error.class === "permanent") {
    return stop(error.code, "a permanent failure: retrying cannot help");
  }
  if (error.code === RATE_LIMITED) return decideRateLimitWait(error.retryAfterMs, state, policy);

  const exhausted = state.retriesUsed >= step.retries;
  if (error.class === "ambiguous") {
    if (!isIdempotent(step)) {
      return stop(
        error.code,
        `not resent, as it may have run: "${step.command[0]}" is not known to be idempotent (mark the step idempotent: true if repeating it is safe)`,
      );
    }
    if (exhausted)
      return stop(error.code, `it may have run; gave up after ${step.retries} retries`);
    return again(
      backoffDelay(state.retriesUsed, policy),
      "may have run, but the step is idempotent",
    );
  }
  if (exhausted) return stop(error.code, `not executed; gave up after ${step.retries} retries`);
  return again(backoffDelay(state.retriesUsed, policy), "not executed, safe to send again");
}

/**
 * A 429 waits exactly as long as the server says (no jitter on server-given timing); when it
 * names no wait, the backoff applies. The total wait per request is bounded.
 */
function decideRateLimitWait(
  retryAfterMs: number | null,
  state: RetryState,
  policy: RetryPolicy,
): RetryDecision {
  const delayMs = retryAfterMs ?? backoffDelay(0, policy);
  if (state.rateLimitWaitedMs + delayMs > policy.maxRateLimitWaitMs) {
    return stop(
      RUNNER_CODES.rateLimitExhausted,
      `still rate limited after waiting ${seconds(state.rateLimitWaitedMs)} in total (limit ${seconds(policy.maxRateLimitWaitMs)})`,
    );
  }
  const why =
    retryAfterMs === null
      ? "rate limited, no reset named: backoff"
      : "rate limited until the reset the server named";
  return { retry: true, delayMs, reason: why, rateLimited: true };
}

/** Exponential backoff, capped, with "equal jitter": between half and all of the capped delay. */
export function backoffDelay(retriesUsed: number, policy: RetryPolicy): number {
  const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retriesUsed);
  return Math.round(capped / 2 + (policy.random() * capped) / 2);
}

function again(delayMs: number, reason: string): RetryDecision {
  return { retry: true, delayMs, reason, rateLimited: false };
}

function stop(code: string, reason: string): RetryDecision {
  return { retry: false, delayMs: 0, reason, code };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
