import { describe, expect, it } from "vitest";
import { backoffDelay, decideRetry, type RetryPolicy } from "../../src/run/retry-policy.js";
import { FAILURES, failure, step } from "./helpers.js";

const policy: RetryPolicy = {
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRateLimitWaitMs: 300_000,
  random: () => 0.5,
};
const fresh = { retriesUsed: 0, rateLimitWaitedMs: 0 };
const readOnly = step("cat", ["cat", "/etc/os-release"], { retries: 2 });
const mutating = step("rm", ["rm", "-rf", "/tmp/cache"], { retries: 2 });

describe("decideRetry", () => {
  it("never retries a permanent failure, whatever the step", () => {
    expect(decideRetry(FAILURES.forbidden(), readOnly, fresh, policy)).toEqual({
      retry: false,
      delayMs: 0,
      code: "API_FORBIDDEN",
      reason: "a permanent failure: retrying cannot help",
    });
  });

  it("retries a not-executed failure, mutating or not, until step.retries is used up", () => {
    expect(decideRetry(FAILURES.refused(), mutating, fresh, policy)).toMatchObject({
      retry: true,
      delayMs: 188,
    });
    expect(
      decideRetry(FAILURES.refused(), mutating, { ...fresh, retriesUsed: 1 }, policy),
    ).toMatchObject({
      retry: true,
      delayMs: 375,
      rateLimited: false,
    });
    expect(
      decideRetry(FAILURES.refused(), mutating, { ...fresh, retriesUsed: 2 }, policy),
    ).toMatchObject({
      retry: false,
      code: "NETWORK_REFUSED",
    });
  });

  it("retries an ambiguous failure only when the step is idempotent", () => {
    expect(decideRetry(FAILURES.badGateway(), readOnly, fresh, policy).retry).toBe(true);
    const refused = decideRetry(FAILURES.badGateway(), mutating, fresh, policy);
    expect(refused).toMatchObject({ retry: false, code: "API_BAD_GATEWAY" });
    expect(refused.reason).toMatch(/may have run.*"rm".*idempotent: true/);
    const explicit = { ...mutating, idempotent: true };
    expect(decideRetry(failure("TIMEOUT", "ambiguous", null), explicit, fresh, policy).retry).toBe(
      true,
    );
  });

  it("waits out a 429 for exactly the server's time, without jitter or using up retries", () => {
    const used = { retriesUsed: 2, rateLimitWaitedMs: 0 };
    expect(decideRetry(FAILURES.rateLimited(7000), mutating, used, policy)).toMatchObject({
      retry: true,
      delayMs: 7000,
      rateLimited: true,
    });
  });

  it("falls back to backoff when a 429 names no wait, and bounds the total wait", () => {
    const bare = failure("API_RATE_LIMITED", "notExecuted", 429);
    expect(decideRetry(bare, readOnly, fresh, policy)).toMatchObject({
      retry: true,
      delayMs: 188,
      rateLimited: true,
    });
    const waited = { retriesUsed: 0, rateLimitWaitedMs: 295_000 };
    expect(decideRetry(FAILURES.rateLimited(6000), readOnly, waited, policy)).toMatchObject({
      retry: false,
      code: "RATE_LIMIT_EXHAUSTED",
    });
  });

  it("treats ABORTED as cancelled and anything that is not a RequestFailure as a bug", () => {
    expect(
      decideRetry(failure("ABORTED", "ambiguous", null), readOnly, fresh, policy),
    ).toMatchObject({
      retry: false,
      code: "CANCELLED",
    });
    expect(decideRetry(new RangeError("oops"), readOnly, fresh, policy)).toMatchObject({
      retry: false,
      code: "INTERNAL",
    });
    expect(decideRetry("a string", readOnly, fresh, policy)).toMatchObject({
      retry: false,
      code: "INTERNAL",
    });
  });
});

describe("backoffDelay", () => {
  it("doubles from the base, is capped, and jitters between half and all of it", () => {
    const at = (random: number) => ({ ...policy, random: () => random });
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, at(0)))).toEqual([125, 250, 500, 1000]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, at(1)))).toEqual([250, 500, 1000, 2000]);
    expect(backoffDelay(10, at(0))).toBe(5000);
    expect(backoffDelay(10, at(1))).toBe(10_000);
  });
});
