import { describe, expect, it } from "vitest";
import type { StepResult } from "../../src/report/model.js";
import { summarize } from "../../src/report/summarize.js";

const result = (
  process: string,
  status: StepResult["status"],
  exitCode: number | null,
): StepResult => ({
  app: "a",
  appName: null,
  process,
  processKey: null,
  label: null,
  step: "s",
  command: ["ls"],
  status,
  exitCode,
  stdout: "",
  stderr: "",
  attempts: 1,
  durationMs: 1,
  requestId: null,
  error: null,
  filtered: false,
  redacted: false,
  truncated: null,
  expectation: null,
});

describe("summarize", () => {
  it("counts statuses, distinct targets and answers by exit code", () => {
    expect(
      summarize([
        result("p1", "ok", 0),
        result("p1", "failed", 1),
        result("p2", "ok", 0),
        result("p2", "error", null),
        result("p3", "skipped", null),
        result("p3", "cancelled", null),
      ]),
    ).toEqual({
      targets: 3,
      total: 6,
      ok: 2,
      failed: 1,
      error: 1,
      skipped: 1,
      cancelled: 1,
      exitCodes: { "0": 2, "1": 1 },
    });
  });

  it("an empty report has zero everything", () => {
    expect(summarize([])).toEqual({
      targets: 0,
      total: 0,
      ok: 0,
      failed: 0,
      error: 0,
      skipped: 0,
      cancelled: 0,
      exitCodes: {},
    });
  });
});
