// How a missed expectation reads in the table and in JUnit.
import { describe, expect, it } from "vitest";
import { resultDetail } from "../../src/report/format.js";
import { renderJunit } from "../../src/report/junit.js";
import { report, result } from "../report/fixtures.js";

const missed = result({
  status: "failed",
  stdout: "NODE_ENV=staging\n",
  expectation: {
    check: "stdout.matches",
    expected: "a line matching /^NODE_ENV=production$/",
    seen: "NODE_ENV=staging",
  },
  error: {
    code: "EXPECTATION_FAILED",
    message:
      'stdout.matches: expected a line matching /^NODE_ENV=production$/, saw "NODE_ENV=staging"',
    httpStatus: null,
    class: null,
  },
});

describe("a missed expectation in the renderers", () => {
  it("the table says which expectation and what was seen", () => {
    expect(resultDetail(missed)).toBe("stdout.matches: saw NODE_ENV=staging");
  });

  it("JUnit names the expectation as the failure type, with the whole message", () => {
    const xml = renderJunit(report([missed]));
    expect(xml).toContain(
      '<failure message="stdout.matches: saw NODE_ENV=staging" type="stdout.matches">',
    );
    expect(xml).toContain(
      "expected a line matching /^NODE_ENV=production$/, saw &quot;NODE_ENV=staging&quot;</failure>",
    );
  });
});
