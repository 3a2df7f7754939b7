import { describe, expect, test } from "vitest";
import {
  parseRateLimit,
  parseRetryAfter,
  parseRetryAfterMs,
} from "../../src/client/rate-limit-headers.js";
import { headerValue } from "../../src/client/response-headers.js";

const NOW = Date.parse("2026-12-04T15:00:00Z");

describe("parseRateLimit", () => {
  test("reads the three x-ratelimit headers", () => {
    const headers = {
      "x-ratelimit-limit": "30",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": "42",
    };
    expect(parseRateLimit(headers, NOW)).toEqual({ limit: 30, remaining: 0, resetSeconds: 42 });
  });

  test("reads a reset given as a Unix timestamp as seconds from now", () => {
    const headers = {
      "x-ratelimit-limit": "30",
      "x-ratelimit-remaining": "3",
      "x-ratelimit-reset": String(NOW / 1000 + 17),
    };
    expect(parseRateLimit(headers, NOW)?.resetSeconds).toBe(17);
  });

  test.each([
    [{}],
    [{ "x-ratelimit-limit": "30", "x-ratelimit-remaining": "1" }],
    [{ "x-ratelimit-limit": "thirty", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "5" }],
    [{ "x-ratelimit-limit": "30", "x-ratelimit-remaining": "-1", "x-ratelimit-reset": "5" }],
    [{ "x-ratelimit-limit": "30", "x-ratelimit-remaining": "1.5", "x-ratelimit-reset": "5" }],
    [{ "x-ratelimit-limit": "30", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "soon" }],
    [{ "x-ratelimit-limit": "", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "5" }],
  ])("malformed or incomplete → null (%j)", (headers) => {
    expect(parseRateLimit(headers, NOW)).toBeNull();
  });

  test("takes the first of repeated headers", () => {
    expect(headerValue({ "x-ratelimit-limit": ["30", "60"] }, "X-RateLimit-Limit")).toBe("30");
  });
});

describe("parseRetryAfter", () => {
  test.each([
    ["0", 0],
    ["7", 7000],
    ["1.5", 1500],
    [" 3 ", null], // headerValue trims; the raw parser is strict
    ["-1", null],
    ["soon", null],
    ["", null],
    ["1e3", null],
  ])("%j → %s", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  test("an HTTP-date in the future → ms until then", () => {
    expect(parseRetryAfter("Fri, 04 Dec 2026 15:00:30 GMT", NOW)).toBe(30_000);
  });

  test("an HTTP-date in the past → 0", () => {
    expect(parseRetryAfter("Fri, 04 Dec 2026 14:00:00 GMT", NOW)).toBe(0);
  });

  test("an unparseable date → null", () => {
    expect(parseRetryAfter("Fri, 99 Foo 2026 GMT", NOW)).toBeNull();
  });
});

describe("parseRetryAfterMs", () => {
  test("prefers Retry-After", () => {
    expect(parseRetryAfterMs({ "retry-after": "2", "x-ratelimit-reset": "50" }, NOW)).toBe(2000);
  });

  test("falls back to x-ratelimit-reset when Retry-After is absent or malformed", () => {
    expect(parseRetryAfterMs({ "x-ratelimit-reset": "50" }, NOW)).toBe(50_000);
    expect(parseRetryAfterMs({ "retry-after": "later", "x-ratelimit-reset": "5" }, NOW)).toBe(5000);
  });

  test("null when neither is usable", () => {
    expect(parseRetryAfterMs({}, NOW)).toBeNull();
    expect(parseRetryAfterMs({ "retry-after": "x", "x-ratelimit-reset": "y" }, NOW)).toBeNull();
  });
});
