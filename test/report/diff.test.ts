import { describe, expect, it } from "vitest";
import { classifyPair, diffReports } from "../../src/report/diff.js";
import { diffCountLine, renderDiff } from "../../src/report/diff-render.js";
import { APP2, PROC, report, result } from "./fixtures.js";

const failed = (over = {}) =>
  result({
    status: "failed",
    exitCode: 1,
    error: { code: "UNEXPECTED_EXIT_CODE", message: "exit 1", httpStatus: null, class: null },
    ...over,
  });
const errored = () =>
  result({
    status: "error",
    exitCode: null,
    stdout: "",
    error: { code: "API_FORBIDDEN", message: "403", httpStatus: 403, class: "permanent" },
  });

describe("classifyPair", () => {
  it("names each kind of change between two results of one pair", () => {
    expect(classifyPair(result(), result())).toBeNull();
    expect(classifyPair(result(), failed())).toBe("newFailure");
    expect(classifyPair(result(), result({ status: "cancelled", exitCode: null }))).toBe(
      "newFailure",
    );
    expect(classifyPair(failed(), result())).toBe("recovery");
    expect(classifyPair(failed(), errored())).toBe("statusChanged");
    expect(classifyPair(result(), result({ stdout: "staging\n" }))).toBe("valueChanged");
    expect(classifyPair(failed(), failed({ exitCode: 2 }))).toBe("valueChanged");
  });
});

describe("diffReports", () => {
  it("finds no drift between identical reports (labels and timings do not count)", () => {
    const a = report([result(), result({ step: "os" })]);
    const b = report([result({ label: "renamed", durationMs: 999 }), result({ step: "os" })]);
    const diff = diffReports(a, b);
    expect(diff.drifted).toBe(false);
    expect(diff.unchanged).toBe(2);
    expect(diff.changes).toEqual([]);
    expect(diffCountLine(diff)).toBe("No drift: 2 unchanged (target, step) pairs.");
  });

  it("lists every kind of drift once, with what changed on each side", () => {
    const p = (n: number) => ({ process: PROC(n) });
    const older = report([
      result(p(1)),
      failed(p(2)),
      result({ ...p(3), stdout: "v18\n" }),
      result(p(4)),
      failed({ ...p(5), status: "failed" }),
      result({ app: APP2, ...p(6) }),
    ]);
    const newer = report([
      failed(p(1)),
      result(p(2)),
      result({ ...p(3), stdout: "v20\n" }),
      result(p(4)),
      { ...errored(), ...p(5) },
      result({ app: APP2, ...p(7) }),
    ]);
    const diff = diffReports(older, newer);
    expect(diff.drifted).toBe(true);
    expect(diff.unchanged).toBe(1);
    expect(diff.counts).toEqual({
      newFailure: 1,
      recovery: 1,
      statusChanged: 1,
      valueChanged: 1,
      appeared: 1,
      vanished: 1,
    });
    const byKind = Object.fromEntries(diff.changes.map((c) => [c.kind, c]));
    expect(byKind.valueChanged).toMatchObject({
      changed: ["output"],
      old: { status: "ok", output: "v18\n" },
      new: { status: "ok", output: "v20\n" },
    });
    expect(byKind.newFailure?.changed).toEqual(["status", "exitCode"]);
    expect(byKind.statusChanged?.new).toMatchObject({
      status: "error",
      errorCode: "API_FORBIDDEN",
    });
    expect(byKind.appeared).toMatchObject({ process: PROC(7), old: null });
    expect(byKind.vanished).toMatchObject({ process: PROC(6), new: null });
    // The vanished pair comes last: new report order, then what only the old one had.
    expect(diff.changes.at(-1)?.kind).toBe("vanished");
  });

  it("renders the changes grouped by kind with a count line", () => {
    const older = report([result(), result({ process: PROC(2), stdout: "v18\n" })]);
    const newer = report([failed(), result({ process: PROC(2), stdout: "v20\n" })]);
    const text = renderDiff(diffReports(older, newer), { width: 200 });
    expect(text).toContain("New failures:\n  web-1 · node-env: ok (exit 0) → failed (exit 1)");
    expect(text).toContain('Changed values:\n  web-1 · node-env: ok "v18" → ok "v20"');
    expect(text.split("\n").at(-1)).toBe("Drift: 1 new failure · 1 changed value · 0 unchanged.");
  });
});
