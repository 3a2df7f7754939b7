// runJob with the real SevallaClient against the real simulator over loopback: attempts per
// failure class, caps, threshold and interruption, counted by the simulator itself.
import { afterEach, describe, expect, it } from "vitest";
import type { RunOptions } from "../../src/run/options.js";
import { runJob } from "../../src/run/run-job.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { processId, step } from "./helpers.js";
import { clientFor, fleet, READ, Recorder, simJob } from "./sim-fleet.js";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function start(f: object, token?: string, connections?: number) {
  const sim = await startSimulator({ fleet: f, seed: 3 });
  const client = clientFor(sim, token, connections);
  open.push(client, sim);
  return { sim, client };
}

/** Fast backoff: these tests count attempts, not delays (unit tests pin those). */
const fast: Pick<RunOptions, "retry"> = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };
const P = (n: number) => processId(n);
const execs = (sim: RunningSimulator, status: number) =>
  sim.counters.requests().find((r) => r.route === "POST exec" && r.status === status)?.count ?? 0;

describe("runJob against the simulator", () => {
  it("attempts per class: 403 once; 503×2 then answer 3 times; 502 on a read-only step resent", async () => {
    const f = fleet(1, 3, {
      scripts: [
        { process: P(2), sequence: [503, 503, "answer"] },
        { process: P(3), sequence: [502, "answer"] },
      ],
    });
    const { sim } = await start(f);
    const reader = clientFor(sim, READ);
    open.push(reader);
    const env = [step("env", ["printenv", "NODE_ENV"])];

    const forbidden = await runJob(simJob([step("touch", ["touch", "/app/x"])], 1, 1), {
      client: reader,
      ...fast,
    });
    expect(forbidden.results[0]).toMatchObject({
      status: "error",
      attempts: 1,
      error: { code: "API_FORBIDDEN", httpStatus: 403, class: "permanent" },
    });
    expect(execs(sim, 403)).toBe(1);

    const report = await runJob(simJob(env, 1, 3), { client: reader, ...fast });
    expect(report.results.map((r) => [r.status, r.attempts, r.stdout])).toEqual([
      ["ok", 1, "production\n"],
      ["ok", 3, "production\n"],
      ["ok", 2, "production\n"],
    ]);
    expect(execs(sim, 503)).toBe(2);
    expect(execs(sim, 502)).toBe(1);
  });

  it("a mutating step is never resent after an ambiguous failure: it ran at most once", async () => {
    const touch = ["touch", "/app/storage/marker"];
    const f = fleet(1, 2, {
      scripts: [
        { process: P(1), command: touch, sequence: [502] },
        { process: P(2), command: touch, sequence: ["reset-after"] },
      ],
    });
    const { sim, client } = await start(f);
    const report = await runJob(simJob([step("touch", touch)], 1, 2), { client, ...fast });

    expect(report.results.map((r) => [r.status, r.attempts, r.error?.class])).toEqual([
      ["error", 1, "ambiguous"],
      ["error", 1, "ambiguous"],
    ]);
    expect(report.results[1]?.error?.message).toMatch(/may have run/);
    expect(sim.counters.executions(P(1), touch)).toBe(0); // the 502 came before it ran
    expect(sim.counters.executions(P(2), touch)).toBe(1); // it ran, the answer was lost: not again
  });

  it("a 429 waits for the server's reset, pauses the other requests, and costs no retries", async () => {
    const f = fleet(1, 4, { scripts: [{ process: P(1), sequence: [429, "answer"] }] });
    const { sim, client } = await start(f);
    const recorder = new Recorder(client);
    const steps = [
      step("a", ["echo", "a"], { retries: 0 }),
      step("b", ["echo", "b"], { retries: 0 }),
    ];
    const report = await runJob(simJob(steps, 1, 4, { concurrency: 4 }), {
      client: recorder,
      ...fast,
    });

    expect(report.summary.ok).toBe(8);
    expect(report.results[0]).toMatchObject({ status: "ok", attempts: 2 });
    expect(execs(sim, 429)).toBe(1);
    const limited = recorder.sent.find((s) => s.outcome === "API_RATE_LIMITED");
    if (!limited) throw new Error("no 429 seen");
    // Retry-After: 1 (s). Everything that started after the 429 came back waited for it.
    const later = recorder.sent.filter((s) => s.startedAt > limited.endedAt);
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const s of later) expect(s.startedAt - limited.endedAt).toBeGreaterThanOrEqual(1000 - 5);
  });

  it("paces a run against a small rate limit so that it sees few 429s, and finishes", async () => {
    const f = fleet(1, 20, { rateLimit: { limit: 10, windowSeconds: 1 } });
    const { sim, client } = await start(f);
    const report = await runJob(simJob([step("echo", ["echo", "hi"])], 1, 20, { concurrency: 8 }), {
      client,
      ...fast,
    });
    expect(report.summary.ok).toBe(20);
    // Only the first burst can overshoot (nothing is known before the first answer).
    expect(execs(sim, 429)).toBeLessThanOrEqual(2);
  });

  it("never has more requests in flight than concurrency (simulator's count) or perApp", async () => {
    const f = fleet(3, 10, { latency: { min: 5, max: 15 } });
    const { sim, client } = await start(f, undefined, 20);
    const recorder = new Recorder(client);
    const steps = [step("a", ["echo", "a"]), step("b", ["printenv", "NODE_ENV"])];
    const report = await runJob(simJob(steps, 3, 10, { concurrency: 6, perApp: 2 }), {
      client: recorder,
    });

    expect(sim.counters.maxInFlight()).toBeLessThanOrEqual(6);
    expect(Math.max(...recorder.maxInFlightPerApp.values())).toBe(2);
    expect(report.results).toHaveLength(60);
    const pairs = new Set(report.results.map((r) => `${r.process}/${r.step}`));
    expect(pairs.size).toBe(60);
    expect(report.summary.ok).toBe(60);
  });

  it("a threshold stops new targets", async () => {
    const { sim, client } = await start(fleet(1, 8));
    const j = simJob([step("false", ["false"])], 1, 8, {
      concurrency: 1,
      maxFailures: { kind: "count", value: 2 },
    });
    const report = await runJob(j, { client, ...fast });
    expect(report.stoppedBy).toBe("threshold");
    expect(report.summary).toMatchObject({ failed: 3, cancelled: 5 });
    expect(sim.counters.totalRequests()).toBe(3);
  });

  it("an abort mid-run resolves with a complete partial report", async () => {
    const { sim, client } = await start(fleet(1, 10));
    const controller = new AbortController();
    const steps = [step("sleep", ["sleep", "2"]), step("echo", ["echo", "after"])];
    const pending = runJob(simJob(steps, 1, 10, { concurrency: 3 }), {
      client,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    const report = await pending;

    expect(report.interrupted).toBe(true);
    expect(report.stoppedBy).toBe("signal");
    expect(report.results).toHaveLength(20);
    expect(report.summary.cancelled).toBe(20);
    expect(report.results.filter((r) => r.attempts === 1)).toHaveLength(3); // the three in flight
    expect(report.results.every((r) => r.error?.code === "CANCELLED")).toBe(true);
    expect(sim.counters.totalRequests()).toBe(3);
  });
});
