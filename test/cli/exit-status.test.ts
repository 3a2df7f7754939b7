import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { combineExitCodes, describeExitCode, exitStatus } from "../../src/cli/exit-status.js";
import type { StepResult } from "../../src/report/model.js";
import { PROC, report, result } from "../report/fixtures.js";

const ok = () => result();
const failed = () => result({ process: PROC(2), status: "failed", exitCode: 1 });
const error = () => result({ process: PROC(3), status: "error", exitCode: null, attempts: 3 });
const cancelled = (): StepResult =>
  result({ process: PROC(4), status: "cancelled", exitCode: null, attempts: 0 });

describe("exit status", () => {
  it("0 when every step is ok", () => {
    expect(exitStatus(report([ok(), ok()]))).toBe(EXIT.ok);
  });

  it("1 when a command answered with a failure and nothing errored", () => {
    expect(exitStatus(report([ok(), failed()]))).toBe(EXIT.failed);
  });

  it("3 when a step got no answer, even beside failures", () => {
    expect(exitStatus(report([error()]))).toBe(EXIT.noAnswer);
    expect(exitStatus(report([failed(), error()]))).toBe(EXIT.noAnswer);
  });

  it("4 when no targets matched", () => {
    expect(exitStatus(report([]))).toBe(EXIT.noTargets);
  });

  it("5 when the failure threshold stopped the run, over errors and failures", () => {
    const stopped = report([failed(), error(), cancelled()], {
      interrupted: true,
      stoppedBy: "threshold",
    });
    expect(exitStatus(stopped)).toBe(EXIT.thresholdStop);
  });

  it("130 / 143 when interrupted, over everything else", () => {
    const interrupted = report([failed(), error(), cancelled()], {
      interrupted: true,
      stoppedBy: "signal",
    });
    expect(exitStatus(interrupted)).toBe(EXIT.sigint);
    expect(exitStatus(interrupted, { signal: "SIGTERM" })).toBe(EXIT.sigterm);
    expect(exitStatus(report([ok()], { interrupted: true, stoppedBy: null }))).toBe(EXIT.sigint);
    // A signal that arrived as the last step finished still means "interrupted".
    expect(exitStatus(report([ok()]), { signal: "SIGINT" })).toBe(EXIT.sigint);
    expect(exitStatus(report([], { stoppedBy: "threshold" }), { signal: "SIGINT" })).toBe(
      EXIT.sigint,
    );
  });

  it("combines several runs by precedence, not by size", () => {
    expect(combineExitCodes([])).toBe(0);
    expect(combineExitCodes([0, 1, 0])).toBe(1);
    expect(combineExitCodes([3, 1])).toBe(3);
    expect(combineExitCodes([5, 4, 3])).toBe(5);
    expect(combineExitCodes([130, 5])).toBe(130);
    expect(combineExitCodes([2, 1])).toBe(2);
  });

  it("describes each code in words", () => {
    expect(describeExitCode(3)).toBe("3 (at least one step got no answer)");
  });
});
