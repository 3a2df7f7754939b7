import { describe, expect, it } from "vitest";
import { fitColumns } from "../../src/report/fit.js";
import { renderResultsTable, resultRows } from "../../src/report/table.js";
import { mixedReport, report, result } from "./fixtures.js";

const lines = (text: string) => text.split("\n");
const width = (text: string) => Math.max(...lines(text).map((l) => Array.from(l).length));

describe("results table", () => {
  it("puts failures first: error, failed, cancelled, skipped, then ok", () => {
    const { rows } = resultRows(mixedReport().results);
    expect(rows.map((r) => r[2])).toEqual(["error", "failed", "cancelled", "skipped", "ok", "ok"]);
  });

  it("names targets by label, else app/process names, else short ids", () => {
    const { rows } = resultRows(mixedReport().results);
    expect(rows.map((r) => r[0])).toEqual([
      "00000002/00000003",
      "shop/worker",
      "00000002/00000003",
      "shop/worker",
      "web-1",
      "web-1",
    ]);
  });

  it("shows exit code, attempts, duration and one line of output or the error", () => {
    const { rows } = resultRows(mixedReport().results);
    expect(rows[0]).toEqual([
      "00000002/00000003",
      "node-env",
      "error",
      "-",
      "1",
      "20 ms",
      "403 Forbidden: this key may not run touch",
    ]);
    expect(rows[1]?.slice(3)).toEqual(["1", "1", "20 ms", "printenv: NODE_ENV: not set"]);
    expect(rows[3]?.slice(3, 6)).toEqual(["-", "0", "-"]);
    expect(rows[4]?.[6]).toBe("production");
  });

  it("fits the given terminal width, cutting long cells with an ellipsis", () => {
    const long = report([result({ stdout: `${"x".repeat(300)}\nsecond line` })]);
    for (const w of [72, 80, 120]) {
      const text = renderResultsTable(long, { width: w });
      expect(width(text)).toBeLessThanOrEqual(w);
      expect(text).toContain("…");
      expect(text).not.toContain("second line");
    }
  });

  it("keeps short tables at their natural width", () => {
    const text = renderResultsTable(report([result()]), { width: 200 });
    expect(width(text)).toBeLessThan(80);
    expect(text).toContain("production");
  });

  it("--only-failed leaves out ok rows, and is empty when everything is ok", () => {
    const text = renderResultsTable(mixedReport(), { onlyFailed: true });
    expect(text).not.toContain("web-1");
    expect(
      lines(text).filter((l) => l.includes("│ 00000002") || l.includes("│ shop")),
    ).toHaveLength(4);
    expect(renderResultsTable(report([result()]), { onlyFailed: true })).toBe("");
  });

  it("colours the status only when asked, and escape codes in output never reach the terminal", () => {
    const evil = report([result({ status: "failed", exitCode: 1, stdout: "\u001b[2Jgone\ttab" })]);
    const plain = renderResultsTable(evil);
    expect(plain).not.toContain("\u001b");
    expect(plain).toContain("[2Jgone tab");
    expect(renderResultsTable(evil, { color: true })).toContain("\u001b[31mfailed\u001b[39m");
  });
});

describe("fitColumns", () => {
  const cols = [
    { header: "A", flexible: true, min: 4 },
    { header: "B", flexible: false },
    { header: "C", flexible: true, min: 4 },
  ];
  it("shrinks the widest flexible column first and never below the minimum", () => {
    const widths = fitColumns(cols, [["a".repeat(20), "bbbbb", "c".repeat(40)]], 40);
    expect(widths.reduce((a, b) => a + b, 0) + 4).toBe(40);
    expect(widths[1]).toBe(7);
    expect(widths[0]).toBe(14);
    expect(widths[2]).toBe(15);
    const tiny = fitColumns(cols, [["a".repeat(20), "bbbbb", "c".repeat(40)]], 5);
    expect(tiny).toEqual([6, 7, 6]);
  });
});

describe("one-line detail", () => {
  const errorResult = (message: string, httpStatus: number | null, code: string) =>
    result({
      status: "error",
      exitCode: null,
      stdout: "",
      error: { code, message, httpStatus, class: "ambiguous" },
    });

  it("names the code of a network failure, not of an HTTP one, and drops the request path", () => {
    const [net] = resultRows([errorResult("socket hang up\nstack", null, "NETWORK_RESET")]).rows;
    expect(net?.[6]).toBe("NETWORK_RESET: socket hang up");
    const [http] = resultRows([
      errorResult(
        "503 Service Unavailable from POST /applications/x/processes/y/exec: busy",
        503,
        "API_UNAVAILABLE",
      ),
    ]).rows;
    expect(http?.[6]).toBe("503 Service Unavailable: busy");
  });

  it("shows what a failed command printed: stderr, else stdout", () => {
    const failed = { status: "failed" as const, exitCode: 1 };
    const [a, b] = resultRows([
      result({ ...failed, stdout: "out", stderr: "err" }),
      result({ ...failed, process: "p2", stdout: "\n  only out  \n", stderr: "" }),
    ]).rows;
    expect([a?.[6], b?.[6]]).toEqual(["err", "only out"]);
  });
});
