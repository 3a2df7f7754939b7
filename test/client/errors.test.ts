import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  ApiError,
  BadResponseError,
  InvalidRequestError,
  isRequestFailure,
  NetworkError,
  RequestAbortedError,
  RequestError,
  RequestTimeoutError,
  redactSecret,
} from "../../src/client/errors.js";

describe("client errors", () => {
  test("toJSON has a fixed key set (the report relies on it)", () => {
    const err = new ApiError({
      code: "API_FORBIDDEN",
      class: "permanent",
      message: "403 Forbidden",
      httpStatus: 403,
      requestId: "r1",
    });
    expect(Object.keys(err.toJSON()).sort()).toEqual(
      [
        "apiCode",
        "apiMessage",
        "causeCode",
        "class",
        "code",
        "httpStatus",
        "message",
        "name",
        "rateLimit",
        "request",
        "requestId",
        "retryAfterMs",
      ].sort(),
    );
    expect(err.toJSON()).toMatchObject({ name: "ApiError", httpStatus: 403, apiCode: null });
  });

  test("every class is a RequestError with its own name", () => {
    const init = { code: "X", class: "ambiguous" as const, message: "m" };
    for (const [Type, name] of [
      [ApiError, "ApiError"],
      [NetworkError, "NetworkError"],
      [RequestTimeoutError, "RequestTimeoutError"],
      [RequestAbortedError, "RequestAbortedError"],
      [BadResponseError, "BadResponseError"],
    ] as const) {
      const err = new Type(init);
      expect(err).toBeInstanceOf(RequestError);
      expect(err).toBeInstanceOf(Error);
      expect(err.name).toBe(name);
      expect(isRequestFailure(err)).toBe(true);
    }
    const invalid = new InvalidRequestError("bad id");
    expect(invalid).toMatchObject({
      code: "INVALID_REQUEST",
      class: "permanent",
      httpStatus: null,
    });
  });

  test("no cause is kept, so nothing of undici's request can be printed", () => {
    const err = new NetworkError({ code: "NETWORK_RESET", class: "ambiguous", message: "m" });
    expect(err.cause).toBeUndefined();
    expect(inspect(err, { depth: 10 })).not.toContain("authorization");
  });

  test("isRequestFailure accepts look-alikes and refuses the rest", () => {
    const fake = Object.assign(new Error("x"), {
      code: "API_UNAVAILABLE",
      class: "ambiguous",
      httpStatus: 503,
    });
    expect(isRequestFailure(fake)).toBe(true);
    expect(isRequestFailure(new Error("x"))).toBe(false);
    expect(
      isRequestFailure(Object.assign(new Error("x"), { code: "E", class: "weird", httpStatus: 1 })),
    ).toBe(false);
    expect(isRequestFailure({ code: "X", class: "permanent", httpStatus: null })).toBe(false);
  });

  test("redactSecret replaces every occurrence", () => {
    expect(redactSecret("a KEY b KEY", "KEY")).toBe("a [redacted] b [redacted]");
    expect(redactSecret("abc", "")).toBe("abc");
  });
});
