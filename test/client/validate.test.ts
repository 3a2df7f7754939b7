import { describe, expect, test } from "vitest";
import { InvalidRequestError } from "../../src/client/errors.js";
import { validateCommand, validateId, validateTimeout } from "../../src/client/validate.js";

function rejection(fn: () => unknown): InvalidRequestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error("expected an InvalidRequestError");
}

describe("validateId", () => {
  test.each([
    "0f8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
    "0F8C1A2B-3C4D-7E5F-BA9B-0C1D2E3F4A5B",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
  ])("accepts %s", (id) => {
    expect(validateId("application id", id)).toBe(id);
  });

  test.each([
    "",
    "my-app",
    "0f8c1a2b-3c4d-0e5f-8a9b-0c1d2e3f4a5b", // version digit 0
    "0f8c1a2b-3c4d-4e5f-7a9b-0c1d2e3f4a5b", // variant 7
    "0f8c1a2b3c4d4e5f8a9b0c1d2e3f4a5b",
    "0f8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/../x",
    " 0f8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
  ])("rejects %j with INVALID_REQUEST, permanent", (id) => {
    const err = rejection(() => validateId("process id", id));
    expect(err.code).toBe("INVALID_REQUEST");
    expect(err.class).toBe("permanent");
    expect(err.message).toContain("process id");
  });

  test("rejects a non-string", () => {
    expect(rejection(() => validateId("application id", 42)).code).toBe("INVALID_REQUEST");
  });
});

describe("validateCommand", () => {
  test("accepts 1 and 100 strings, empty arguments after the first", () => {
    expect(validateCommand(["env"])).toEqual(["env"]);
    expect(validateCommand(["grep", "", "x"])).toEqual(["grep", "", "x"]);
    expect(validateCommand(Array.from({ length: 100 }, () => "a"))).toHaveLength(100);
  });

  test.each([
    [[]],
    [Array.from({ length: 101 }, () => "a")],
    [[""]],
    [["ls", 3]],
    ["ls -la"],
    [null],
  ])("rejects %j", (command) => {
    expect(rejection(() => validateCommand(command)).code).toBe("INVALID_REQUEST");
  });
});

describe("validateTimeout", () => {
  test("defaults to 15 and accepts 1..60", () => {
    expect(validateTimeout(undefined)).toBe(15);
    expect(validateTimeout(1)).toBe(1);
    expect(validateTimeout(60)).toBe(60);
  });

  test.each([0, 61, 1.5, -1, Number.NaN, "10"])("rejects %j", (timeout) => {
    expect(rejection(() => validateTimeout(timeout)).code).toBe("INVALID_REQUEST");
  });
});
