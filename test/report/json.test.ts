import { describe, expect, it } from "vitest";
import { reportToJson, serializeReport } from "../../src/report/json.js";
import { parseReport, reportJsonSchema } from "../../src/report/schema.js";
import { mixedReport, result } from "./fixtures.js";

// Scripts parse these names (issue 4, item 7): renaming or removing one is a new schemaVersion.
const REPORT_KEYS = [
  "schemaVersion",
  "tool",
  "job",
  "startedAt",
  "finishedAt",
  "durationMs",
  "interrupted",
  "stoppedBy",
  "summary",
  "results",
  "groups",
];
const SUMMARY_KEYS = [
  "targets",
  "total",
  "ok",
  "failed",
  "error",
  "skipped",
  "cancelled",
  "exitCodes",
];
const RESULT_KEYS = [
  "app",
  "appName",
  "process",
  "processKey",
  "label",
  "step",
  "command",
  "status",
  "exitCode",
  "stdout",
  "stderr",
  "attempts",
  "durationMs",
  "requestId",
  "error",
  "filtered",
  "redacted",
  "truncated",
  "expectation",
];
const ERROR_KEYS = ["code", "message", "httpStatus", "class"];
// Added by issue 6 (fleet checks); pinned the same way.
const EXPECTATION_KEYS = ["check", "expected", "seen"];
const TRUNCATION_KEYS = ["stdout", "stderr", "originalBytes"];
const STEP_GROUPS_KEYS = ["step", "answered", "distinct", "groups"];
const GROUP_KEYS = ["output", "exitCode", "count", "targets"];

describe("JSON report", () => {
  it("writes the documented keys in the documented order, for every status", () => {
    const json = JSON.parse(serializeReport(mixedReport()));
    expect(Object.keys(json)).toEqual(REPORT_KEYS);
    expect(Object.keys(json.summary)).toEqual(SUMMARY_KEYS);
    for (const r of json.results) {
      expect(Object.keys(r)).toEqual(RESULT_KEYS);
      if (r.error) expect(Object.keys(r.error)).toEqual(ERROR_KEYS);
    }
    expect(json.groups.length).toBeGreaterThan(0);
    for (const s of json.groups) {
      expect(Object.keys(s)).toEqual(STEP_GROUPS_KEYS);
      for (const g of s.groups) expect(Object.keys(g)).toEqual(GROUP_KEYS);
    }
  });

  it("pins the keys of a missed expectation and of a truncation", () => {
    const r = result({
      status: "failed",
      expectation: { check: "stdout.matches", expected: "a line matching /x/", seen: "y" },
      truncated: { stdout: true, stderr: false, originalBytes: { stdout: 70_000, stderr: 0 } },
    });
    const json = JSON.parse(serializeReport({ ...mixedReport(), results: [r] }));
    expect(Object.keys(json.results[0].expectation)).toEqual(EXPECTATION_KEYS);
    expect(Object.keys(json.results[0].truncated)).toEqual(TRUNCATION_KEYS);
    expect(() => parseReport(json)).not.toThrow();
  });

  it("orders keys the same whatever order the runner built them in", () => {
    const shuffled = Object.fromEntries(Object.entries(result()).reverse()) as ReturnType<
      typeof result
    >;
    const json = reportToJson({ ...mixedReport(), results: [shuffled] });
    expect(Object.keys(json.results[0] ?? {})).toEqual(RESULT_KEYS);
  });

  it("keeps fields added later (the format grows by adding)", () => {
    const extended = { ...mixedReport(), newField: 1 };
    expect(JSON.parse(serializeReport(extended)).newField).toBe(1);
  });

  it("matches the snapshot, timestamps and durations normalised", () => {
    const json = JSON.parse(serializeReport(mixedReport()), (key, value) => {
      if (key === "startedAt" || key === "finishedAt") return "<time>";
      if (key === "durationMs") return "<ms>";
      return value;
    });
    expect(json).toMatchSnapshot();
  });

  it("ends with a newline and is 2-space indented", () => {
    const text = serializeReport(mixedReport());
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "schemaVersion": 1,');
  });
});

describe("report schema", () => {
  it("accepts a report with every status", () => {
    expect(() => parseReport(JSON.parse(serializeReport(mixedReport())))).not.toThrow();
  });

  it("rejects an unknown status and a missing key", () => {
    const bad = JSON.parse(serializeReport(mixedReport()));
    bad.results[0].status = "weird";
    expect(() => parseReport(bad)).toThrow();
    const missing = JSON.parse(serializeReport(mixedReport()));
    delete missing.results[0].exitCode;
    expect(() => parseReport(missing)).toThrow();
  });

  it("is the checked-in schema/report.schema.json (update with `npx vitest run -u`)", async () => {
    const text = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
    await expect(text).toMatchFileSnapshot("../../schema/report.schema.json");
  });

  it("publishes every result key as required", () => {
    const schema = reportJsonSchema() as {
      properties: { results: { items: { required: string[] } } };
    };
    expect(schema.properties.results.items.required).toEqual(RESULT_KEYS);
  });
});

describe("schema/report.schema.json as a consumer reads it", () => {
  it("validates a report and rejects a broken one (through zod's JSON Schema reader)", async () => {
    const { readFile } = await import("node:fs/promises");
    const { fromJSONSchema } = await import("zod");
    const file = JSON.parse(
      await readFile(new URL("../../schema/report.schema.json", import.meta.url), "utf8"),
    );
    const validator = fromJSONSchema(file);
    const good = JSON.parse(serializeReport(mixedReport()));
    expect(validator.safeParse(good).success).toBe(true);
    expect(validator.safeParse({ ...good, schemaVersion: 2 }).success).toBe(false);
  });
});
