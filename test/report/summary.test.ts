import { describe, expect, it } from "vitest";
import { groupByOutcome, renderOutcomeTable } from "../../src/report/by-exit-code.js";
import { formatDuration } from "../../src/report/format.js";
import { failedTargets, renderSummary, summaryLine } from "../../src/report/summary-line.js";
import { mixedReport, PROC, report, result } from "./fixtures.js";

describe("summary line", () => {
  it("counts targets, steps and each status, leaving out zeros", () => {
    expect(summaryLine(mixedReport())).toBe(
      "3 targets · 6 steps · 2 ok · 1 failed · 1 error · 1 skipped · 1 cancelled · 12.4 s",
    );
    expect(summaryLine(report([result()], { durationMs: 320 }))).toBe(
      "1 target · 1 step · 1 ok · 320 ms",
    );
  });

  it("says why a run stopped early", () => {
    expect(summaryLine(report([result()], { interrupted: true, stoppedBy: "signal" }))).toMatch(
      /· interrupted$/,
    );
    expect(summaryLine(report([result()], { interrupted: true, stoppedBy: "threshold" }))).toMatch(
      /· stopped: failure threshold$/,
    );
  });

  it("lists each failed target once, with its first failing step", () => {
    expect(failedTargets(mixedReport()).map((t) => [t.name, t.first.step, t.first.status])).toEqual(
      [
        ["shop/worker", "node-env", "failed"],
        ["00000002/00000003", "node-env", "error"],
      ],
    );
    const text = renderSummary(mixedReport());
    expect(text.split("\n").slice(1)).toEqual([
      "Failed targets (2):",
      "  shop/worker  node-env: failed (printenv: NODE_ENV: not set)",
      "  00000002/00000003  node-env: error (403 Forbidden: this key may not run touch)",
      "Not run to the end (cancelled): 1 target",
    ]);
  });

  it("cuts each listed target to the terminal width", () => {
    const lines = renderSummary(mixedReport(), { width: 40 }).split("\n");
    expect(lines[2]).toBe("  shop/worker  node-env: failed (printe…");
    expect(lines.slice(2, 4).every((l) => Array.from(l).length <= 40)).toBe(true);
  });

  it("caps the list of failed targets", () => {
    const many = report(
      Array.from({ length: 5 }, (_, i) =>
        result({ process: PROC(i), label: `t${i}`, status: "failed", exitCode: 1 }),
      ),
    );
    const text = renderSummary(many, { maxListed: 2 });
    expect(text).toContain("  ... and 3 more (see the report)");
    expect(text).not.toContain("t2");
  });

  it("formats durations for people", () => {
    expect([formatDuration(12), formatDuration(12_400), formatDuration(185_000)]).toEqual([
      "12 ms",
      "12.4 s",
      "3 min 05 s",
    ]);
  });
});

describe("outcomes by exit code", () => {
  it("groups by exit code or error code, failures first, with a few examples", () => {
    const groups = groupByOutcome(mixedReport());
    expect(groups.map((g) => [g.outcome, g.status, g.count, g.examples])).toEqual([
      ["API_FORBIDDEN", "error", 1, ["00000002/00000003"]],
      ["exit 1", "failed", 1, ["shop/worker"]],
      ["CANCELLED", "cancelled", 1, ["00000002/00000003"]],
      ["SKIPPED", "skipped", 1, ["shop/worker"]],
      ["exit 0", "ok", 2, ["web-1"]],
    ]);
  });

  it("shows at most maxExamples targets and counts the rest", () => {
    const many = report(
      Array.from({ length: 6 }, (_, i) => result({ process: PROC(i), label: `t${i}` })),
    );
    const [group] = groupByOutcome(many, 2);
    expect(group).toMatchObject({ count: 6, examples: ["t0", "t1"], more: 4 });
    expect(renderOutcomeTable(many, { maxExamples: 2 })).toContain("t0, t1 +4 more");
  });
});
