import { describe, expect, it } from "vitest";
import { FailureThreshold } from "../../src/run/threshold.js";

function failing(threshold: FailureThreshold, n: number): boolean[] {
  const passed: boolean[] = [];
  for (let i = 0; i < n; i++) {
    threshold.recordFailedTarget(i);
    passed.push(threshold.passed);
  }
  return passed;
}

describe("FailureThreshold", () => {
  it("a count passes when more targets than it failed", () => {
    expect(failing(new FailureThreshold({ kind: "count", value: 2 }, 10), 3)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it("zero passes on the first failed target", () => {
    expect(failing(new FailureThreshold({ kind: "count", value: 0 }, 10), 1)).toEqual([true]);
  });

  it("a percentage is of targets: 10% of 25 allows 2", () => {
    expect(failing(new FailureThreshold({ kind: "percent", value: 10 }, 25), 3)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it("counts a target once however many of its steps failed", () => {
    const threshold = new FailureThreshold({ kind: "count", value: 1 }, 10);
    threshold.recordFailedTarget(4);
    threshold.recordFailedTarget(4);
    expect(threshold.passed).toBe(false);
  });

  it("without maxFailures never passes", () => {
    expect(failing(new FailureThreshold(null, 3), 3)).toEqual([false, false, false]);
  });

  it("describes itself for the THRESHOLD results", () => {
    const threshold = new FailureThreshold({ kind: "percent", value: 5 }, 40);
    failing(threshold, 3);
    expect(threshold.describe()).toBe(
      "not started: the failure threshold (maxFailures 5%) was passed: 3 of 40 targets failed",
    );
  });
});
