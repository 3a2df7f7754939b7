// Attempts and delays per failure class, through runJob with a scripted client and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunEvent } from "../../src/run/events.js";
import type { RunOptions } from "../../src/run/options.js";
import { runJob } from "../../src/run/run-job.js";
import { answer, FAILURES, FakeClient, job, processId, step } from "./helpers.js";

const T0 = Date.UTC(2026, 0, 1);
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** random() = 0 makes the jitter its minimum: half of 250 ms × 2^n. */
async function run(j: Parameters<typeof runJob>[0], options: Omit<RunOptions, "random">) {
  const events: RunEvent[] = [];
  const pending = runJob(j, { random: () => 0, onEvent: (e) => events.push(e), ...options });
  await vi.runAllTimersAsync();
  return { report: await pending, events };
}

const gaps = (client: FakeClient) =>
  client.calls.slice(1).map((c, i) => c.at - (client.calls[i]?.at ?? 0));
const P1 = processId(1);

describe("retries by failure class", () => {
  it("a 403 is sent once and ends as an error with the API code", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.forbidden()] });
    const { report } = await run(job([step("rm", ["rm", "-f", "x"])]), { client });
    expect(client.attemptsOn(P1)).toBe(1);
    expect(report.results[0]).toMatchObject({
      status: "error",
      attempts: 1,
      exitCode: null,
      requestId: "req-x",
      error: { code: "API_FORBIDDEN", httpStatus: 403, class: "permanent" },
    });
  });

  it("503 twice then an answer: 3 attempts, ok, with growing backoff", async () => {
    const unavailable = FAILURES.unavailable();
    const client = new FakeClient(
      { [P1]: [unavailable, unavailable, answer(0, "production\n")] },
      10,
    );
    const { report, events } = await run(job([step("env", ["printenv", "NODE_ENV"])]), { client });
    expect(report.results[0]).toMatchObject({ status: "ok", attempts: 3, stdout: "production\n" });
    // 10 ms of latency, then 125 ms (250 × 2^0, jitter at its minimum), then 250 ms.
    expect(gaps(client)).toEqual([10 + 125, 10 + 250]);
    const attempts = events.filter((e) => e.type === "attempt");
    expect(attempts.map((e) => [e.attempt, e.failure?.code ?? null, e.delayMs])).toEqual([
      [1, "API_UNAVAILABLE", 125],
      [2, "API_UNAVAILABLE", 250],
      [3, null, 0],
    ]);
  });

  it("jitter stays within [half, all] of the capped delay, and the cap is 10 s", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.refused()] }, 0);
    const j = job([step("ls", ["ls"], { retries: 8 })]);
    await run(j, { client, random: () => 0.999_999 } as RunOptions);
    const expected = [250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000];
    expect(gaps(client)).toEqual(expected);
    expect(client.attemptsOn(P1)).toBe(9);
  });

  it("a mutating step meeting a 502 is not resent, and says it may have run", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.badGateway(), answer()] });
    const { report } = await run(job([step("touch", ["/usr/bin/touch", "/tmp/x"])]), { client });
    expect(client.attemptsOn(P1)).toBe(1);
    expect(report.results[0]?.status).toBe("error");
    expect(report.results[0]?.error).toMatchObject({
      code: "API_BAD_GATEWAY",
      class: "ambiguous",
      httpStatus: 502,
    });
    expect(report.results[0]?.error?.message).toMatch(/may have run/);
  });

  it("a read-only step meeting a 502 is resent; so is a mutating one marked idempotent", async () => {
    const script = [FAILURES.badGateway(), answer()];
    const client = new FakeClient({ [P1]: script, [processId(2)]: script });
    const j = job(
      [
        step("cat", ["cat", "/etc/hostname"]),
        step("mkdir", ["mkdir", "-p", "/tmp/d"], { idempotent: true }),
      ],
      {
        processesPerApp: 1,
      },
    );
    const { report } = await run(j, { client });
    expect(report.results.map((r) => [r.status, r.attempts])).toEqual([
      ["ok", 2],
      ["ok", 1],
    ]);
  });

  it("a not-executed failure is retried within step.retries, then ends as an error", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.refused()] }, 0);
    const { report } = await run(job([step("ls", ["ls"], { retries: 2 })]), { client });
    expect(client.attemptsOn(P1)).toBe(3);
    expect(report.results[0]).toMatchObject({
      status: "error",
      attempts: 3,
      error: { code: "NETWORK_REFUSED" },
    });
    expect(report.results[0]?.error?.message).toMatch(/gave up after 2 retries/);
  });

  it("a non-zero exit code is an answer and is never retried", async () => {
    const client = new FakeClient({ [P1]: [answer(137)] });
    const { report } = await run(job([step("ls", ["ls"])]), { client });
    expect(client.attemptsOn(P1)).toBe(1);
    expect(report.results[0]).toMatchObject({ status: "failed", exitCode: 137, attempts: 1 });
  });

  it("an unknown error is a bug: not retried, reported as INTERNAL with its message", async () => {
    const client = new FakeClient({ [P1]: [new TypeError("x is undefined")] });
    const { report } = await run(job([step("ls", ["ls"])]), { client });
    expect(client.attemptsOn(P1)).toBe(1);
    expect(report.results[0]).toMatchObject({
      status: "error",
      error: { code: "INTERNAL", class: null },
    });
    expect(report.results[0]?.error?.message).toMatch(/x is undefined/);
  });

  // The first attempt runs outside p-retry; these pin that the hand-over keeps the same outcomes.
  it("an unknown error after a retry is still INTERNAL, with both attempts counted", async () => {
    const client = new FakeClient(
      { [P1]: [FAILURES.unavailable(), new TypeError("y is undefined")] },
      0,
    );
    const { report } = await run(job([step("ls", ["ls"])]), { client });
    expect(client.attemptsOn(P1)).toBe(2);
    expect(report.results[0]).toMatchObject({
      status: "error",
      attempts: 2,
      error: { code: "INTERNAL", class: null },
    });
  });

  it("an interrupt during the first backoff ends the step cancelled, nothing resent", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.unavailable(), answer()] }, 10);
    const controller = new AbortController();
    const pending = runJob(job([step("ls", ["ls"])]), {
      client,
      random: () => 0,
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(50); // answered at 10 ms, backing off until 135 ms
    controller.abort();
    await vi.runAllTimersAsync();
    const report = await pending;
    expect(client.attemptsOn(P1)).toBe(1);
    expect(report.results[0]).toMatchObject({
      status: "cancelled",
      attempts: 1,
      error: { code: "CANCELLED" },
    });
  });
});

describe("429", () => {
  it("waits exactly the server's reset, without using up retries", async () => {
    const limited = FAILURES.rateLimited(3000);
    const client = new FakeClient({ [P1]: [limited, limited, limited, answer()] }, 0);
    const { report } = await run(job([step("ls", ["ls"], { retries: 0 })]), { client });
    expect(gaps(client)).toEqual([3000, 3000, 3000]);
    expect(report.results[0]).toMatchObject({ status: "ok", attempts: 4 });
  });

  it("pauses all requests, not only its own", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.rateLimited(5000), answer()] }, 100);
    const j = job([step("a", ["ls"]), step("b", ["ls"])], { processesPerApp: 2, concurrency: 2 });
    await run(j, { client });
    // Both targets start at once; P1's 429 at 100 ms pauses P2's second step until 5100 ms.
    const p2 = client.calls.filter((c) => c.processId === processId(2)).map((c) => c.at - T0);
    expect(p2).toEqual([0, 5100]);
    const p1 = client.calls.filter((c) => c.processId === P1).map((c) => c.at - T0);
    expect(p1).toEqual([0, 5100, 5200]);
  });

  it("gives up with RATE_LIMIT_EXHAUSTED once the total wait would pass the bound", async () => {
    const client = new FakeClient({ [P1]: [FAILURES.rateLimited(60_000)] }, 0);
    const { report } = await run(job([step("ls", ["ls"])]), {
      client,
      retry: { maxRateLimitWaitMs: 150_000 },
    });
    expect(client.attemptsOn(P1)).toBe(3); // waits 60 s twice; a third wait would reach 180 s
    expect(report.results[0]).toMatchObject({
      status: "error",
      error: { code: "RATE_LIMIT_EXHAUSTED", httpStatus: 429, class: "notExecuted" },
    });
  });
});
