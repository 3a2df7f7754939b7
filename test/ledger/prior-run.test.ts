// runJob's `prior` option and the rateLimitWait event, with a fake client that counts requests.
import { describe, expect, it } from "vitest";
import type { StepResult } from "../../src/report/model.js";
import type { RunEvent } from "../../src/run/events.js";
import { pairKey } from "../../src/run/prior.js";
import { runJob } from "../../src/run/run-job.js";
import { answer, FakeClient, job, processId, step } from "../run/helpers.js";

const steps = [step("one", ["echo", "1"]), step("two", ["echo", "2"])];

async function firstRun(client = new FakeClient()) {
  return runJob(job(steps, { apps: 2 }), { client });
}

describe("runJob with prior results", () => {
  it("does not send the pairs it is given, and reports them as recorded, resumed: true", async () => {
    const before = await firstRun();
    const prior = new Map<string, StepResult>();
    for (const r of before.results.slice(0, 3)) prior.set(pairKey(r.app, r.process, r.step), r);
    const client = new FakeClient();
    const report = await runJob(job(steps, { apps: 2 }), { client, prior });
    expect(client.calls.map((c) => [c.processId, c.command[1]])).toEqual([[processId(2), "2"]]);
    expect(report.results.map((r) => r.resumed ?? false)).toEqual([true, true, true, false]);
    expect(report.results[0]).toEqual({ ...before.results[0], resumed: true });
    expect(report.summary.ok).toBe(4);
  });

  it("keeps known results when the run is interrupted before a target starts", async () => {
    const before = await firstRun();
    const prior = new Map(before.results.map((r) => [pairKey(r.app, r.process, r.step), r]));
    const controller = new AbortController();
    controller.abort();
    const report = await runJob(job(steps, { apps: 2 }), {
      client: new FakeClient(),
      prior: new Map([...prior].slice(0, 2)),
      signal: controller.signal,
    });
    expect(report.results.map((r) => r.status)).toEqual(["ok", "ok", "cancelled", "cancelled"]);
  });

  it("emits rateLimitWait before a request waits for the client-side rate", async () => {
    const events: RunEvent[] = [];
    // A fake clock that the runner's sleeps move: no wall-clock time in the test.
    let t = 0;
    await runJob(job([step("one", ["echo", "1"])], { apps: 3, concurrency: 1 }), {
      client: new FakeClient({}, 0, answer()),
      rate: { requests: 1, perMs: 1000 },
      onEvent: (e) => events.push(e),
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    const waits = events.flatMap((e) =>
      e.type === "rateLimitWait" ? [[e.reason, e.delayMs]] : [],
    );
    expect(waits).toEqual([
      ["rate", 1000],
      ["rate", 1000],
    ]);
  });
});
