import { describe, expect, it } from "vitest";
import { formatPath, formatProblems, JobValidationError } from "../../src/job/errors.js";

describe("formatPath", () => {
  it("writes indexes in brackets and odd keys quoted", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["steps", 1, "command", 0])).toBe("steps[1].command[0]");
    expect(formatPath(["vars", "with-dash"])).toBe("vars.with-dash");
    expect(formatPath(["vars", "bad key"])).toBe('vars["bad key"]');
    expect(formatPath(["1st"])).toBe('["1st"]');
  });
});

describe("formatProblems", () => {
  it("renders file:line:column path: message, one per line; file-level problems without position", () => {
    expect(
      formatProblems([
        { file: "a.yaml", line: 3, column: 5, path: "steps[0].name", message: "m1" },
        { file: "a.yaml", line: 1, column: 1, path: "", message: "m2" },
        { file: "b.yaml", line: 0, column: 0, path: "", message: "no such file" },
      ]),
    ).toBe("a.yaml:3:5 steps[0].name: m1\na.yaml:1:1: m2\nb.yaml: no such file");
  });
});

describe("JobValidationError", () => {
  it("sorts its problems by position and keeps its code", () => {
    const e = new JobValidationError("JOB_INVALID", [
      { file: "a", line: 9, column: 1, path: "b", message: "later" },
      { file: "a", line: 2, column: 7, path: "a", message: "earlier" },
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe("JOB_INVALID");
    expect(e.problems.map((p) => p.message)).toEqual(["earlier", "later"]);
    expect(e.message).toBe("2 problems:\na:2:7 a: earlier\na:9:1 b: later");
  });
});
