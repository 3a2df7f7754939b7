import { describe, expect, it } from "vitest";
import { buildPlan, pairsOfTarget } from "../../src/run/plan.js";
import type { Target } from "../../src/targets/model.js";
import { step } from "./helpers.js";

const target = (n: number): Target => ({
  appId: `app${n}`,
  processId: `p${n}`,
  appName: null,
  processKey: null,
  label: null,
});

describe("buildPlan", () => {
  it("is targets × steps, target by target, with counts", () => {
    const plan = buildPlan(
      [target(1), target(2), target(3)],
      [step("a", ["ls"]), step("b", ["env"])],
    );
    expect(plan.counts).toEqual({ targets: 3, steps: 2, total: 6 });
    expect(plan.pairs.map((p) => `${p.index}:${p.target.processId}/${p.step.name}`)).toEqual([
      "0:p1/a",
      "1:p1/b",
      "2:p2/a",
      "3:p2/b",
      "4:p3/a",
      "5:p3/b",
    ]);
    expect(pairsOfTarget(plan, 1).map((p) => p.index)).toEqual([2, 3]);
  });

  it("an empty target list plans nothing", () => {
    expect(buildPlan([], [step("a", ["ls"])]).counts).toEqual({ targets: 0, steps: 1, total: 0 });
  });

  it("every pair of a step shares one frozen copy of its command", () => {
    const argv = ["cat", "/etc/os-release"];
    const plan = buildPlan([target(1), target(2)], [step("a", argv)]);
    const [first, second] = plan.pairs;
    expect(first?.command).toEqual(argv);
    expect(first?.command).not.toBe(argv);
    expect(first?.command).toBe(second?.command);
    expect(Object.isFrozen(first?.command)).toBe(true);
  });
});
