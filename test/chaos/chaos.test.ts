// Chaos: the simulator's seeded faults (5xx, resets before and after the command ran, responses
// slower than the client's deadline, 429 bursts) at 5%, 20% and 50%, across 1,000+ targets × 2
// steps, through the real SevallaClient and runJob over loopback. `npm run chaos` runs it bigger
// (CHAOS_TARGETS, default 1000 here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SevallaClient } from "../../src/client/client.js";
import type { Job } from "../../src/job/model.js";
import type { Report } from "../../src/report/model.js";
import type { RunEvent } from "../../src/run/events.js";
import { runJob } from "../../src/run/run-job.js";
import { mulberry32 } from "../../src/sim/random.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { appId, processId, step } from "../run/helpers.js";

const TARGETS = Number(process.env.CHAOS_TARGETS ?? 1000);
const PER_APP = 10;
const APPS = Math.ceil(TARGETS / PER_APP);
/** Targets naming a process the API does not know: each must get exactly one 404, never resent. */
const MISSING = Math.max(5, Math.round(TARGETS / 100));
const WRITE = "sev_rw_chaos_0123456789abcdef";
const RETRIES = 3;
const SLOW_MS = 1000;
/** The runner's clock runs this much faster than real time (backoffs, 429 pauses); see fastClock. */
const SPEEDUP = 20;

const READ_STEP = ["cat", "/app/package.json"];
const MUTATING_STEP = ["touch", "/app/storage/chaos-marker"];

function fleet(rate: number) {
  let next = 0;
  return {
    keys: [{ token: WRITE, permission: "write" }],
    apps: Array.from({ length: APPS }, (_, a) => ({
      id: appId(a + 1),
      name: `chaos-${a + 1}`,
      processes: Array.from({ length: PER_APP }, () => {
        next += 1;
        return {
          id: processId(next),
          key: `p${next}`,
          files: { "/app/package.json": `{"name":"p${next}"}` },
        };
      }),
    })),
    latency: { min: 0, max: 2 },
    faults: {
      routes: "exec",
      status: { 500: rate * 0.15, 502: rate * 0.15, 503: rate * 0.15, 504: rate * 0.15 },
      resetBeforeRead: rate * 0.15,
      resetAfterExec: rate * 0.15,
      slow: { probability: rate * 0.1, ms: SLOW_MS },
      // A burst pauses every request (Retry-After: 1 s): kept rarer than the rest.
      rateLimitBurst: { probability: rate * 0.01, length: 3, retryAfterSeconds: 1 },
    },
  };
}

function chaosJob(): Job {
  const known = Array.from({ length: APPS }, (_, a) => ({
    app: appId(a + 1),
    processes: Array.from({ length: PER_APP }, (_, p) => processId(a * PER_APP + p + 1)),
  }));
  // Unknown processes in a known app: the API answers 404 (permanent).
  const missing = Array.from({ length: MISSING }, (_, i) => ({
    app: appId(1),
    processes: [processId(900_000 + i)],
  }));
  return {
    version: 1,
    name: "chaos",
    concurrency: 50,
    perApp: 8,
    timeout: 1,
    retries: RETRIES,
    vars: {},
    targets: [...known, ...missing],
    steps: [
      // continueOnFailure: the mutating step is sent even where the read failed, so both run everywhere.
      step("read", READ_STEP, { timeout: 1, retries: RETRIES, continueOnFailure: true }),
      step("touch", MUTATING_STEP, { timeout: 1, retries: RETRIES }),
    ],
  };
}

/**
 * Virtual time for the runner only: its clock runs SPEEDUP× faster and its sleeps are as much
 * shorter, so a 1 s 429 pause or a 2 s backoff costs a twentieth of that in real time while every
 * decision sees consistent times. The client's deadlines and the simulator stay in real time.
 */
function fastClock() {
  const origin = Date.now();
  const now = () => origin + (Date.now() - origin) * SPEEDUP;
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(
        () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.ceil(ms / SPEEDUP),
      );
      signal.addEventListener("abort", onAbort, { once: true });
    });
  return { now, sleep };
}

interface Outcome {
  report: Report;
  sim: RunningSimulator;
  events: RunEvent[];
}

const totals = { pairs: 0, requests: 0, faults: 0, executionsChecked: 0 };

async function chaosRun(rate: number, seed: number): Promise<Outcome> {
  const sim = await startSimulator({ fleet: fleet(rate), seed });
  const client = new SevallaClient({
    baseUrl: sim.url,
    token: WRITE,
    connections: 50,
    // A short deadline (timeout 1 s minus 500 ms = 500 ms) so that SLOW_MS answers time out.
    deadlineMarginMs: -500,
    env: {},
  });
  const events: RunEvent[] = [];
  try {
    const report = await runJob(chaosJob(), {
      client,
      onEvent: (e) => {
        if (e.type === "attempt" || e.type === "stepEnd") events.push(e);
      },
      retry: { baseDelayMs: 100, maxDelayMs: 2000 },
      random: mulberry32(seed),
      ...fastClock(),
    });
    return { report, sim, events };
  } finally {
    await client.close();
  }
}

const key = (process: string, stepName: string) => `${process}\u0000${stepName}`;

function checkInvariants({ report, sim, events }: Outcome): void {
  const job = chaosJob();
  const planned = (APPS * PER_APP + MISSING) * job.steps.length;

  // Exactly one result per planned pair, none missing, none twice.
  expect(report.results).toHaveLength(planned);
  expect(new Set(report.results.map((r) => key(r.process, r.step))).size).toBe(planned);
  const stepEnds = events.filter((e) => e.type === "stepEnd");
  expect(stepEnds).toHaveLength(planned);
  expect(report.interrupted).toBe(false);

  // The summary adds up.
  const s = report.summary;
  expect(s.total).toBe(planned);
  expect(s.ok + s.failed + s.error + s.skipped + s.cancelled).toBe(planned);
  for (const status of ["ok", "failed", "error", "skipped", "cancelled"] as const) {
    expect(s[status]).toBe(report.results.filter((r) => r.status === status).length);
  }
  expect(s.skipped).toBe(0);
  expect(s.cancelled).toBe(0);

  // Nothing reached the simulator that the runner did not count. (Fewer may have: under load a
  // request can time out on the client before the server, in this same process, has read it.)
  const sent = report.results.reduce((n, r) => n + r.attempts, 0);
  expect(sim.counters.totalRequests()).toBeLessThanOrEqual(sent);

  // Requests per pair: retries within the budget; 429s wait without using it.
  const rateLimited = new Map<string, number>();
  for (const e of events) {
    if (e.type === "attempt" && e.failure?.code === "API_RATE_LIMITED") {
      const k = key(e.target.processId, e.step);
      rateLimited.set(k, (rateLimited.get(k) ?? 0) + 1);
    }
  }
  for (const r of report.results) {
    const waits = rateLimited.get(key(r.process, r.step)) ?? 0;
    expect(r.attempts - waits).toBeGreaterThanOrEqual(1);
    expect(r.attempts - waits).toBeLessThanOrEqual(1 + RETRIES);
  }
  // A mutating step is resent only after a failure that proves it did not run.
  for (const e of events) {
    if (e.type === "attempt" && e.step === "touch" && e.failure !== null)
      expect(e.failure.class).toBe("notExecuted");
  }

  // 4xx (other than 429) never retried: no retried attempt ended on one, and every 404 the
  // simulator sent is a result of its own. Under load an answer can arrive after the client's
  // deadline: the client then saw TIMEOUT, not the status, hence the slack of `timeouts`.
  for (const e of events) {
    if (e.type !== "attempt" || e.failure?.httpStatus == null) continue;
    const status = e.failure.httpStatus;
    expect(status >= 400 && status < 500 && status !== 429, `${e.failure.code} resent`).toBe(false);
  }
  const timeouts =
    events.filter((e) => e.type === "attempt" && e.failure?.code === "TIMEOUT").length +
    report.results.filter((r) => r.error?.code === "TIMEOUT").length;
  const notFound = report.results.filter((r) => r.error?.code === "API_NOT_FOUND");
  // (A fault may answer first: the touch step then ends on that 5xx, not resent.)
  const missing = new Set(Array.from({ length: MISSING }, (_, i) => processId(900_000 + i)));
  const onMissing = report.results.filter((r) => missing.has(r.process));
  expect(onMissing).toHaveLength(MISSING * 2);
  for (const r of onMissing) expect(r.status).toBe("error");
  expect(notFound.length).toBeGreaterThan(0);
  const sim404 = sim.counters.count("POST exec", 404);
  expect(sim404).toBeGreaterThanOrEqual(notFound.length);
  expect(sim404).toBeLessThanOrEqual(notFound.length + timeouts);
  const fourXX = sim.counters
    .requests()
    .filter((r) => r.status >= 400 && r.status < 500 && r.status !== 404 && r.status !== 429);
  expect(fourXX).toEqual([]);
  // Every 429 the simulator sent was waited out and sent again (or ended the step).
  const waited = [...rateLimited.values()].reduce((n, v) => n + v, 0);
  const exhausted = report.results.filter((r) => r.error?.code === "RATE_LIMIT_EXHAUSTED").length;
  const sim429 = sim.counters.count("POST exec", 429);
  expect(sim429).toBeGreaterThanOrEqual(waited + exhausted);
  expect(sim429).toBeLessThanOrEqual(waited + exhausted + timeouts);

  // The mutating command ran at most once per process (the simulator counts executions).
  for (const r of report.results.filter((x) => x.step === "touch")) {
    const runs = sim.counters.executions(r.process, MUTATING_STEP);
    expect(runs).toBeLessThanOrEqual(1);
    if (r.status === "ok") expect(runs).toBe(1);
    totals.executionsChecked += 1;
  }
  // Answers are answers: an ok read saw the process's own file.
  for (const r of report.results.filter((x) => x.step === "read" && x.status === "ok")) {
    expect(r.stdout).toMatch(/^\{"name":"p\d+"\}$/);
  }
  // Errors carry a code and say why; no pair is left with the runner's INTERNAL code.
  for (const r of report.results.filter((x) => x.status === "error")) {
    expect(r.error?.code).toMatch(/^[A-Z_0-9]+$/);
    expect(r.error?.code).not.toBe("INTERNAL");
  }

  totals.pairs += planned;
  totals.requests += sent;
  totals.faults += sim.counters
    .requests()
    .filter((r) => r.status === 0 || r.status >= 500 || r.status === 429)
    .reduce((n, r) => n + r.count, 0);
}

describe(`chaos: ${TARGETS + MISSING} targets × 2 steps through SevallaClient and runJob`, () => {
  const sims: RunningSimulator[] = [];
  beforeAll(() => {
    totals.pairs = 0;
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
    // One line for the note: what the suite put the runner through.
    console.log(
      `chaos totals: ${totals.pairs} pairs, ${totals.requests} requests, ${totals.faults} faults injected (5xx, resets, 429s), ${totals.executionsChecked} mutating executions checked`,
    );
  });

  for (const [rate, seed] of [
    [0.05, 105],
    [0.2, 120],
    [0.5, 150],
  ] as const) {
    it(`${rate * 100}% faults: one result per pair, no 4xx resent, touch run at most once, summary adds up`, {
      timeout: 120_000,
    }, async () => {
      const outcome = await chaosRun(rate, seed);
      sims.push(outcome.sim);
      checkInvariants(outcome);
      const { summary } = outcome.report;
      // Faults did happen and did not take everything down.
      expect(summary.error).toBeGreaterThan(MISSING * 2);
      expect(summary.ok).toBeGreaterThan(0);
      // Each kind of fault was met: slow answers past the deadline, resets, 5xx, 429 bursts.
      const codes = new Set(outcome.report.results.map((r) => r.error?.code));
      if (rate >= 0.2) {
        for (const code of ["TIMEOUT", "NETWORK_RESET", "API_SERVER_ERROR", "API_UNAVAILABLE"])
          expect(codes).toContain(code);
        expect(outcome.sim.counters.count("POST exec", 429)).toBeGreaterThan(0);
      }
    });
  }
});
