import { describe, expect, test } from "vitest";
import {
  classifyNetworkError,
  classifyStatus,
  codeForStatus,
  networkErrorFacts,
} from "../../src/client/classify.js";

describe("classifyStatus (the DESIGN.md failure table)", () => {
  test.each([
    [200, "answer"],
    [204, "answer"],
    [301, "permanent"],
    [302, "permanent"],
    [400, "permanent"],
    [401, "permanent"],
    [403, "permanent"],
    [404, "permanent"],
    [409, "permanent"],
    [422, "permanent"],
    [429, "notExecuted"],
    [500, "ambiguous"],
    [502, "ambiguous"],
    [503, "ambiguous"],
    [504, "ambiguous"],
    [501, "ambiguous"],
  ])("%i → %s", (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });
});

describe("codeForStatus", () => {
  test.each([
    [400, "API_BAD_REQUEST"],
    [401, "API_UNAUTHORIZED"],
    [403, "API_FORBIDDEN"],
    [404, "API_NOT_FOUND"],
    [422, "API_VALIDATION"],
    [429, "API_RATE_LIMITED"],
    [500, "API_SERVER_ERROR"],
    [502, "API_BAD_GATEWAY"],
    [503, "API_UNAVAILABLE"],
    [504, "API_GATEWAY_TIMEOUT"],
    [307, "API_REDIRECT"],
    [418, "API_HTTP_418"],
    [505, "API_HTTP_505"],
  ])("%i → %s", (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe("classifyNetworkError", () => {
  const cases: Array<[string | null, number | null, string, string]> = [
    ["ECONNREFUSED", null, "NETWORK_REFUSED", "notExecuted"],
    ["ENOTFOUND", null, "NETWORK_DNS", "notExecuted"],
    ["EAI_AGAIN", null, "NETWORK_DNS", "notExecuted"],
    ["EHOSTUNREACH", null, "NETWORK_UNREACHABLE", "notExecuted"],
    ["UND_ERR_CONNECT_TIMEOUT", null, "NETWORK_CONNECT_TIMEOUT", "notExecuted"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", null, "NETWORK_TLS", "permanent"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", null, "NETWORK_TLS", "permanent"],
    ["UND_ERR_HEADERS_TIMEOUT", null, "TIMEOUT", "ambiguous"],
    ["UND_ERR_BODY_TIMEOUT", null, "TIMEOUT", "ambiguous"],
    // A reset is ambiguous unless the socket provably wrote nothing at all.
    ["ECONNRESET", null, "NETWORK_RESET", "ambiguous"],
    ["UND_ERR_SOCKET", 512, "NETWORK_RESET", "ambiguous"],
    ["UND_ERR_SOCKET", 0, "NETWORK_RESET", "notExecuted"],
    ["EPIPE", null, "NETWORK_RESET", "ambiguous"],
    ["SOMETHING_NEW", null, "NETWORK_ERROR", "ambiguous"],
    [null, null, "NETWORK_ERROR", "ambiguous"],
  ];
  test.each(cases)("%s (bytesWritten %s) → %s, %s", (code, bytesWritten, expected, cls) => {
    expect(classifyNetworkError({ code, bytesWritten })).toEqual({ code: expected, class: cls });
  });
});

describe("classifyNetworkError before the request reached a socket", () => {
  test("a reset or unknown error before dispatch → notExecuted", () => {
    expect(
      classifyNetworkError({ code: "ECONNRESET", bytesWritten: null, dispatched: false }),
    ).toEqual({
      code: "NETWORK_RESET",
      class: "notExecuted",
    });
    expect(classifyNetworkError({ code: "WEIRD", bytesWritten: null, dispatched: false })).toEqual({
      code: "NETWORK_ERROR",
      class: "notExecuted",
    });
  });

  test("after dispatch the same errors are ambiguous; TLS stays permanent", () => {
    expect(
      classifyNetworkError({ code: "ECONNRESET", bytesWritten: null, dispatched: true }).class,
    ).toBe("ambiguous");
    expect(
      classifyNetworkError({ code: "CERT_HAS_EXPIRED", bytesWritten: null, dispatched: false }),
    ).toEqual({
      code: "NETWORK_TLS",
      class: "permanent",
    });
  });
});

describe("networkErrorFacts", () => {
  test("reads code and socket.bytesWritten", () => {
    const err = Object.assign(new Error("other side closed"), {
      code: "UND_ERR_SOCKET",
      socket: { bytesWritten: 0, bytesRead: 0 },
    });
    expect(networkErrorFacts(err)).toEqual({ code: "UND_ERR_SOCKET", bytesWritten: 0 });
  });

  test("takes the code of the first error of an AggregateError", () => {
    const inner = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    expect(networkErrorFacts(new AggregateError([inner]))).toEqual({
      code: "ECONNREFUSED",
      bytesWritten: null,
    });
  });

  test("copes with non-errors", () => {
    expect(networkErrorFacts("boom")).toEqual({ code: null, bytesWritten: null });
    expect(networkErrorFacts(null)).toEqual({ code: null, bytesWritten: null });
  });
});
