import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { StepResult } from "../../src/report/model.js";
import type { RunEvent } from "../../src/run/events.js";
import { runJob } from "../../src/run/run-job.js";
import {
  answer,
  FakeClient,
  job,
  processId,
  runUnderFakeTimers,
  step,
  useFakeClock,
} from "./helpers.js";

useFakeClock();
const run = runUnderFakeTimers;

const keysOf = (r: StepResult) => `${r.process}/${r.step}`;

describe("runJob", () => {
  it("returns one result per (target, step), in plan order, with the summary", async () => {
    const client = new FakeClient({ [processId(2)]: [answer(1, "", null)] });
    const j = job([step("env", ["printenv", "NODE_ENV"]), step("ls", ["ls", "/app"])], {
      apps: 2,
      processesPerApp: 2,
    });
    const report = await run(j, { client });

    expect(report.results.map(keysOf)).toEqual(
      [1, 2, 3, 4].flatMap((p) => [`${processId(p)}/env`, `${processId(p)}/ls`]),
    );
    expect(report.results.map((r) => r.status)).toEqual([
      "ok",
      "ok",
      "failed",
      "skipped",
      "ok",
      "ok",
      "ok",
      "ok",
    ]);
    expect(report.summary).toEqual({
      targets: 4,
      total: 8,
      ok: 6,
      failed: 1,
      error: 0,
      skipped: 1,
      cancelled: 0,
      exitCodes: { "0": 6, "1": 1 },
    });
    expect(report).toMatchObject({
      schemaVersion: 1,
      job: { name: "test job", file: null },
      interrupted: false,
      stoppedBy: null,
      startedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("gives every status the same keys (the report cannot drift by accident)", async () => {
    const client = new FakeClient({ [processId(1)]: [answer(2)] });
    const report = await run(job([step("a", ["false"]), step("b", ["true"])]), { client });
    const keys = [
      "app",
      "appName",
      "attempts",
      "command",
      "durationMs",
      "error",
      "filtered",
      "redacted",
      "truncated",
      "expectation",
      "exitCode",
      "label",
      "process",
      "processKey",
      "requestId",
      "status",
      "step",
      "stderr",
      "stdout",
    ];
    for (const result of report.results) expect(Object.keys(result).sort()).toEqual(keys.sort());
    expect(report.results[0]?.error).toEqual({
      code: "UNEXPECTED_EXIT_CODE",
      message: "exited with code 2 (expected 0)",
      httpStatus: null,
      class: null,
    });
    expect(report.results[1]?.error).toEqual({
      code: "SKIPPED",
      message: 'skipped: step "a" did not succeed on this target',
      httpStatus: null,
      class: null,
    });
  });

  it("runs later steps after a failure when the step says continueOnFailure", async () => {
    const client = new FakeClient({ [processId(1)]: [answer(1), answer(0)] });
    const j = job([step("a", ["test", "-f", "x"], { continueOnFailure: true }), step("b", ["ls"])]);
    const report = await run(j, { client });
    expect(report.results.map((r) => r.status)).toEqual(["failed", "ok"]);
  });

  it("emits runStart, stepStart, attempt and stepEnd per step, then runEnd with the report", async () => {
    const events: RunEvent[] = [];
    const client = new FakeClient();
    const report = await run(job([step("echo", ["echo", "hi"])]), {
      client,
      onEvent: (e) => events.push(e),
    });
    expect(events.map((e) => e.type)).toEqual([
      "runStart",
      "stepStart",
      "attempt",
      "stepEnd",
      "runEnd",
    ]);
    expect(events[0]).toMatchObject({ job: "test job", targets: 1, steps: 1, total: 1 });
    expect(events[2]).toMatchObject({ attempt: 1, failure: null, delayMs: 0 });
    expect(events.at(-1)).toMatchObject({ type: "runEnd", report });
  });

  it("a listener that throws does not cost any result", async () => {
    const report = await run(job([step("echo", ["echo"])], { processesPerApp: 3 }), {
      client: new FakeClient(),
      onEvent: () => {
        throw new Error("broken progress bar");
      },
    });
    expect(report.summary.ok).toBe(3);
  });

  it("passes the step timeout, and a signal that follows the caller's, to the client", async () => {
    const client = new FakeClient();
    const controller = new AbortController();
    await run(job([step("s", ["ls"], { timeout: 42 })]), { client, signal: controller.signal });
    const passed = client.calls[0]?.options;
    expect(passed?.timeout).toBe(42);
    expect(passed?.signal?.aborted).toBe(false);
    controller.abort();
    // Detached after the run: the caller's signal keeps no listener of ours.
    expect(passed?.signal?.aborted).toBe(false);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("50 requests in flight on one signal raise no MaxListenersExceededWarning", async () => {
    const warn = vi.spyOn(process, "emitWarning");
    const controller = new AbortController();
    const j = job([step("s", ["ls"])], { processesPerApp: 120, concurrency: 50 });
    const report = await run(j, { client: new FakeClient(), signal: controller.signal });
    expect(report.summary.ok).toBe(120);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it("rejects invalid options before sending anything", async () => {
    const client = new FakeClient();
    await expect(
      runJob(job([step("s", ["ls"])]), { client, concurrency: 0 }),
    ).rejects.toMatchObject({
      code: "INVALID_RUN_OPTIONS",
    });
    expect(client.calls).toHaveLength(0);
  });
});
