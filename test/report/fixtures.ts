// Hand-made reports for renderer tests: every status, an API error, odd characters.
import { groupOutputs } from "../../src/checks/group.js";
import type { Report, StepResult } from "../../src/report/model.js";

export const APP1 = "a0000000-0000-4000-8000-000000000001";
export const APP2 = "a0000000-0000-4000-8000-000000000002";
export const PROC = (n: number) => `b0000000-0000-4000-8000-00000000000${n}`;

export function result(overrides: Partial<StepResult> = {}): StepResult {
  return {
    app: APP1,
    appName: null,
    process: PROC(1),
    processKey: null,
    label: "web-1",
    step: "node-env",
    command: ["printenv", "NODE_ENV"],
    status: "ok",
    exitCode: 0,
    stdout: "production\n",
    stderr: "",
    attempts: 1,
    durationMs: 20,
    requestId: "req-1",
    error: null,
    filtered: false,
    redacted: false,
    truncated: null,
    expectation: null,
    ...overrides,
  };
}

export function report(results: StepResult[], overrides: Partial<Report> = {}): Report {
  const count = (s: StepResult["status"]) => results.filter((r) => r.status === s).length;
  const exitCodes: Record<string, number> = {};
  for (const r of results) {
    if (r.exitCode !== null)
      exitCodes[String(r.exitCode)] = (exitCodes[String(r.exitCode)] ?? 0) + 1;
  }
  return {
    schemaVersion: 1,
    tool: { name: "fanout", version: "0.1.0" },
    job: { name: "env-audit", file: "/jobs/env-audit.yaml" },
    startedAt: "2026-12-04T15:00:00.000Z",
    finishedAt: "2026-12-04T15:00:12.400Z",
    durationMs: 12_400,
    interrupted: false,
    stoppedBy: null,
    summary: {
      targets: new Set(results.map((r) => `${r.app}/${r.process}`)).size,
      total: results.length,
      ok: count("ok"),
      failed: count("failed"),
      error: count("error"),
      skipped: count("skipped"),
      cancelled: count("cancelled"),
      exitCodes,
    },
    results,
    groups: groupOutputs(results),
    ...overrides,
  };
}

/** Three targets, two steps: an ok, a failed answer, a 403, a skip, a cancel. */
export function mixedReport(): Report {
  return report([
    result(),
    result({ step: "os", command: ["cat", "/etc/os-release"], stdout: 'NAME="Debian"\n' }),
    result({
      process: PROC(2),
      label: null,
      appName: "shop",
      processKey: "worker",
      status: "failed",
      exitCode: 1,
      stdout: "",
      stderr: "printenv: NODE_ENV: not set\n",
      error: {
        code: "UNEXPECTED_EXIT_CODE",
        message: "exit code 1, expected 0",
        httpStatus: null,
        class: null,
      },
    }),
    result({
      process: PROC(2),
      label: null,
      appName: "shop",
      processKey: "worker",
      step: "os",
      command: ["cat", "/etc/os-release"],
      status: "skipped",
      exitCode: null,
      stdout: "",
      attempts: 0,
      durationMs: 0,
      requestId: null,
      error: {
        code: "SKIPPED",
        message: "an earlier step failed: node-env",
        httpStatus: null,
        class: null,
      },
    }),
    result({
      app: APP2,
      process: PROC(3),
      label: null,
      status: "error",
      exitCode: null,
      stdout: "",
      attempts: 1,
      requestId: "req-403",
      error: {
        code: "API_FORBIDDEN",
        message: "403 Forbidden: this key may not run touch",
        httpStatus: 403,
        class: "permanent",
      },
    }),
    result({
      app: APP2,
      process: PROC(3),
      label: null,
      step: "os",
      command: ["cat", "/etc/os-release"],
      status: "cancelled",
      exitCode: null,
      stdout: "",
      attempts: 0,
      durationMs: 0,
      requestId: null,
      error: {
        code: "CANCELLED",
        message: "interrupted before it ran",
        httpStatus: null,
        class: null,
      },
    }),
  ]);
}
