import { describe, expect, it } from "vitest";
import { groupOutputs, worthShowing } from "../../src/checks/group.js";
import { renderGroups } from "../../src/report/groups.js";
import { report, result } from "../report/fixtures.js";

const proc = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const fleet = (outputs: string[], step = "node-env") =>
  outputs.map((stdout, i) =>
    result({ process: proc(i + 1), label: `app-${i + 1}/web`, step, stdout }),
  );

describe("group by output", () => {
  it("rolls a step up into distinct outputs, majority first, deviants named", () => {
    const results = fleet([
      "production\n",
      "production\n",
      "staging\n",
      "production\n",
      "production\n",
      "staging\n",
    ]);
    const [step] = groupOutputs(results);
    expect(step).toMatchObject({ step: "node-env", answered: 6, distinct: 2 });
    expect(step?.groups.map((g) => [g.output, g.count])).toEqual([
      ["production\n", 4],
      ["staging\n", 2],
    ]);
    expect(step?.groups[1]?.targets.map((t) => t.name)).toEqual(["app-3/web", "app-6/web"]);
    expect(step?.groups[1]?.targets[0]?.process).toBe(proc(3));
  });

  it("keeps different exit codes apart and leaves out results without an answer", () => {
    const results = [
      result({ stdout: "", exitCode: 0 }),
      result({ process: proc(2), stdout: "", exitCode: 1, status: "failed" }),
      result({ process: proc(3), stdout: "", exitCode: null, status: "error" }),
    ];
    const [step] = groupOutputs(results);
    expect(step?.answered).toBe(2);
    expect(step?.groups.map((g) => g.exitCode)).toEqual([0, 1]);
  });

  it("orders groups of equal count by first appearance, across exit codes", () => {
    const results = [
      result({ process: proc(1), stdout: "a", exitCode: 1, status: "failed" }),
      result({ process: proc(2), stdout: "b", exitCode: 0 }),
      result({ process: proc(3), stdout: "a", exitCode: 0 }),
      result({ process: proc(4), stdout: "c", exitCode: 1, status: "failed" }),
    ];
    const [step] = groupOutputs(results);
    expect(step?.groups.map((g) => [g.exitCode, g.output])).toEqual([
      [1, "a"],
      [0, "b"],
      [0, "a"],
      [1, "c"],
    ]);
  });

  it("names a target the same way in every step's groups", () => {
    const steps = ["node-env", "node-version"];
    const results = [1, 2].flatMap((n) =>
      steps.map((step) =>
        result({ process: proc(n), label: null, appName: "shop", processKey: `p${n}`, step }),
      ),
    );
    const byStep = groupOutputs(results).map((s) => s.groups[0]?.targets);
    const expected = [1, 2].map((n) => ({
      app: results[0]?.app,
      process: proc(n),
      name: `shop/p${n}`,
    }));
    expect(byStep).toEqual([expected, expected]);
  });

  it("shows a step when it has at most 5 distinct outputs and one is shared", () => {
    const [few] = groupOutputs(fleet(["a", "a", "b"]));
    const [allDifferent] = groupOutputs(fleet(["a", "b", "c"]));
    const [many] = groupOutputs(fleet(["a", "a", "b", "c", "d", "e", "f"]));
    expect([few, allDifferent, many].map((s) => s && worthShowing(s))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("renders the roll-up after the table: counts, outputs, the deviants' names", () => {
    const outputs = [...Array(118).fill("production\n"), "staging\n", "staging\n"];
    const r = report(fleet(outputs));
    const text = renderGroups(r, { width: 100 });
    expect(text.split("\n")).toEqual([
      "node-env: 120 answers, 2 distinct outputs",
      "  ×118  production",
      "    ×2  staging — app-119/web, app-120/web",
    ]);
  });

  it("one output everywhere: the count says it, no list of every target", () => {
    const text = renderGroups(report(fleet(Array(40).fill("Debian 12\n"))));
    expect(text).toBe("node-env: 40 answers, 1 output\n   ×40  Debian 12");
  });

  it("--group shows every step; multi-line outputs show their first lines", () => {
    const r = report(fleet(["a\nb\nc\nd\ne\nf\ng\n", "x\n", "y\n"], "ps"));
    expect(renderGroups(r)).toBe("");
    const text = renderGroups(r, { all: true, width: 80 });
    expect(text).toContain("ps: 3 answers, 3 distinct outputs");
    expect(text).toContain(
      "    ×1  7 lines — app-1/web\n        a\n        b\n        c\n        d\n        e\n        … 2 more lines",
    );
  });
});
