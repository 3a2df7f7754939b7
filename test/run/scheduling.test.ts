// Concurrency caps, the failure threshold and interruption, through runJob with fake timers.
import { describe, expect, it, vi } from "vitest";
import type { RunEvent } from "../../src/run/events.js";
import { runJob } from "../../src/run/run-job.js";
import {
  answer,
  appId,
  FAILURES,
  FakeClient,
  job,
  processId,
  runUnderFakeTimers,
  step,
  useFakeClock,
} from "./helpers.js";

useFakeClock();
const run = runUnderFakeTimers;

describe("concurrency", () => {
  it("never has more requests in flight than the job's concurrency, and uses all of it", async () => {
    const client = new FakeClient({}, 20);
    const report = await run(
      job([step("a", ["ls"]), step("b", ["ls"])], { apps: 4, processesPerApp: 10, concurrency: 7 }),
      {
        client,
      },
    );
    expect(client.maxInFlight).toBe(7);
    expect(report.summary.ok).toBe(80);
  });

  it("the concurrency option overrides the job's", async () => {
    const client = new FakeClient({}, 20);
    await run(job([step("a", ["ls"])], { processesPerApp: 20, concurrency: 7 }), {
      client,
      concurrency: 3,
    });
    expect(client.maxInFlight).toBe(3);
  });

  it("caps each app at perApp while the global cap still holds", async () => {
    const client = new FakeClient({}, 20);
    const report = await run(
      job([step("a", ["ls"])], { apps: 3, processesPerApp: 10, concurrency: 5, perApp: 2 }),
      {
        client,
      },
    );
    expect(Math.max(...client.maxInFlightPerApp.values())).toBe(2);
    expect(client.maxInFlight).toBe(5);
    expect(report.summary.ok).toBe(30);
  });

  it("runs the steps of one target in order, one request at a time", async () => {
    const client = new FakeClient({}, 20);
    await run(
      job([step("a", ["ls"]), step("b", ["ls"]), step("c", ["ls"])], { processesPerApp: 3 }),
      { client },
    );
    for (let p = 1; p <= 3; p++) {
      const calls = client.calls.filter((c) => c.processId === processId(p));
      expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 20, 40]);
    }
  });
});

describe("pacing", () => {
  /** Start times relative to the first request. */
  const starts = (client: FakeClient) => client.calls.map((c) => c.at - (client.calls[0]?.at ?? 0));

  it("spaces request starts by the rate option, which overrides the job's rateLimit", async () => {
    const client = new FakeClient({}, 10);
    const j = job([step("a", ["ls"])], {
      processesPerApp: 4,
      rateLimit: { requests: 1, perMs: 100 },
    });
    await run(j, { client, rate: { requests: 2, perMs: 1000 } });
    expect(starts(client)).toEqual([0, 500, 1000, 1500]);
    const byJob = new FakeClient({}, 10);
    await run(j, { client: byJob });
    expect(starts(byJob)).toEqual([0, 100, 200, 300]);
  });

  it("holds requests until the reset when an answer says no budget is left", async () => {
    const spent = answer(0, "", { limit: 10, remaining: 0, resetSeconds: 5 });
    const client = new FakeClient({ [processId(1)]: [spent, answer()] }, 10);
    await run(job([step("a", ["ls"]), step("b", ["ls"])], { processesPerApp: 1 }), { client });
    expect(starts(client)).toEqual([0, 5010]);
  });
});

describe("failure threshold", () => {
  it("stops starting targets once more than maxFailures targets failed; running ones finish", async () => {
    const fail = [answer(1), answer(0)];
    const client = new FakeClient({ [processId(1)]: fail, [processId(2)]: fail }, 10);
    const j = job([step("a", ["ls"], { continueOnFailure: true }), step("b", ["ls"])], {
      processesPerApp: 6,
      concurrency: 2,
      maxFailures: { kind: "count", value: 1 },
    });
    const report = await run(j, { client });
    expect(report.stoppedBy).toBe("threshold");
    expect(report.interrupted).toBe(false);
    // Targets 1 and 2 ran to the end; 3..6 never started.
    expect(report.results.map((r) => r.status)).toEqual([
      "failed",
      "ok",
      "failed",
      "ok",
      ...Array(8).fill("cancelled"),
    ]);
    expect(
      client.calls.every((c) => c.processId === processId(1) || c.processId === processId(2)),
    ).toBe(true);
    expect(report.results[4]?.error).toEqual({
      code: "THRESHOLD",
      message:
        "not started: the failure threshold (maxFailures 1) was passed: 2 of 6 targets failed",
      httpStatus: null,
      class: null,
    });
  });

  it("is reported as passed even when no target was left to stop", async () => {
    const client = new FakeClient({ [processId(3)]: [answer(1)] }, 10);
    const j = job([step("a", ["ls"])], {
      processesPerApp: 3,
      concurrency: 1,
      maxFailures: { kind: "count", value: 0 },
    });
    const report = await run(j, { client });
    expect(report.stoppedBy).toBe("threshold");
    expect(report.summary).toMatchObject({ ok: 2, failed: 1, cancelled: 0 });
  });

  it("a percentage counts targets, not steps", async () => {
    const client = new FakeClient({ [processId(1)]: [FAILURES.forbidden()] }, 10);
    const j = job([step("a", ["ls"]), step("b", ["ls"])], {
      processesPerApp: 10,
      concurrency: 1,
      maxFailures: { kind: "percent", value: 10 },
    });
    const report = await run(j, { client });
    // One failed target of ten is 10%: not more than the threshold, so everything ran.
    expect(report.stoppedBy).toBeNull();
    expect(report.summary).toMatchObject({ error: 1, skipped: 1, ok: 18, cancelled: 0 });
  });
});

describe("interruption", () => {
  it("aborts requests in flight, cancels the rest, and still resolves with every planned pair", async () => {
    const controller = new AbortController();
    const client = new FakeClient({}, 100);
    const j = job([step("a", ["ls"]), step("b", ["ls"])], {
      apps: 2,
      processesPerApp: 5,
      concurrency: 4,
    });
    const ends: string[] = [];
    const onEvent = (e: RunEvent) => {
      if (e.type === "stepEnd") ends.push(`${e.result.process}/${e.result.step}`);
    };
    const pending = runJob(j, { client, signal: controller.signal, onEvent });
    await vi.advanceTimersByTimeAsync(150); // 4 first steps answered, 4 second steps in flight
    controller.abort();
    await vi.runAllTimersAsync();
    const report = await pending;

    expect(report.interrupted).toBe(true);
    expect(report.stoppedBy).toBe("signal");
    expect(report.results).toHaveLength(20);
    expect(report.summary).toMatchObject({ ok: 4, cancelled: 16, error: 0, failed: 0 });
    expect(new Set(report.results.map((r) => `${r.process}/${r.step}`)).size).toBe(20);
    const inFlight = report.results.filter((r) => r.status === "cancelled" && r.attempts === 1);
    expect(inFlight).toHaveLength(4);
    expect(inFlight.every((r) => r.error?.code === "CANCELLED")).toBe(true);
    expect(client.calls).toHaveLength(8);
    expect(new Set(ends).size).toBe(20); // one stepEnd per planned pair, even the cancelled ones
    expect(ends).toHaveLength(20);
  });

  it("keeps an answer that arrives as the run is interrupted: the command did run", async () => {
    const controller = new AbortController();
    const client = {
      exec: async () => {
        controller.abort();
        return answer(0, "done\n");
      },
    };
    const report = await run(job([step("a", ["ls"]), step("b", ["ls"])]), {
      client,
      signal: controller.signal,
    });
    expect(report.interrupted).toBe(true);
    expect(report.results.map((r) => [r.status, r.stdout])).toEqual([
      ["ok", "done\n"],
      ["cancelled", ""],
    ]);
  });

  it("an abort during a backoff ends the wait at once", async () => {
    const controller = new AbortController();
    const client = new FakeClient({ [processId(1)]: [FAILURES.refused()] }, 0);
    const pending = runJob(job([step("a", ["ls"])]), {
      client,
      signal: controller.signal,
      retry: { baseDelayMs: 60_000 },
    });
    await vi.advanceTimersByTimeAsync(1);
    controller.abort();
    const report = await pending; // no timers run: the sleep rejected on abort
    expect(report.results[0]).toMatchObject({
      status: "cancelled",
      attempts: 1,
      error: { code: "CANCELLED" },
    });
  });

  it("an abort during a 429 pause ends the wait at once", async () => {
    const controller = new AbortController();
    const client = new FakeClient({ [processId(1)]: [FAILURES.rateLimited(60_000)] }, 0);
    const j = job([step("a", ["ls"]), step("b", ["ls"])], { processesPerApp: 2, concurrency: 2 });
    const pending = runJob(j, { client, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1); // P1 got its 429; P2's second step waits in the pause
    controller.abort();
    const report = await pending; // no timers run: the pacer's wait rejected on abort
    expect(report.results.map((r) => [r.status, r.attempts])).toEqual([
      ["cancelled", 1],
      ["cancelled", 0],
      ["ok", 1],
      ["cancelled", 0],
    ]);
    expect(client.calls).toHaveLength(2);
  });

  it("an already aborted signal sends nothing", async () => {
    const client = new FakeClient();
    const report = await run(job([step("a", ["ls"])], { apps: 2 }), {
      client,
      signal: AbortSignal.abort(),
    });
    expect(client.calls).toHaveLength(0);
    expect(report.summary.cancelled).toBe(2);
    expect(report.results[0]?.app).toBe(appId(1));
  });
});
