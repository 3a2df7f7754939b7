// Property-based tests of the scheduler (runJob with a fake client, on fake timers): for random
// plans, concurrencies, per-app caps, fault sequences, failure thresholds and interruption points,
//   - requests in flight never exceed the global cap nor the per-app cap;
//   - a target's steps never overlap and never run out of order;
//   - every planned pair ends in exactly one terminal status, consistent with what happened.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ExecOptions, ExecResult } from "../../src/client/types.js";
import type { Job, Step } from "../../src/job/model.js";
import type { RunEvent } from "../../src/run/events.js";
import { runJob } from "../../src/run/run-job.js";
import { answer, FAILURES, FakeClient, job, type Reply, step } from "../run/helpers.js";

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

const replyKinds = ["ok", "exit1", "503", "refused", "403", "429"] as const;
type ReplyKind = (typeof replyKinds)[number];

function reply(kind: ReplyKind): Reply {
  switch (kind) {
    case "ok":
      return answer(0, "ok\n");
    case "exit1":
      return answer(1, "no\n");
    case "503":
      return () => FAILURES.unavailable();
    case "refused":
      return () => FAILURES.refused();
    case "403":
      return () => FAILURES.forbidden();
    case "429":
      return () => FAILURES.rateLimited(500);
  }
}

const stepArb = fc.record({
  mutating: fc.boolean(),
  idempotent: fc.option(fc.boolean(), { nil: undefined }),
  continueOnFailure: fc.boolean(),
  retries: fc.integer({ min: 0, max: 3 }),
});

const scenarioArb = fc.record({
  apps: fc.integer({ min: 1, max: 4 }),
  processesPerApp: fc.integer({ min: 1, max: 4 }),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 3 }),
  concurrency: fc.integer({ min: 1, max: 6 }),
  perApp: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  maxFailures: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  latencyMs: fc.integer({ min: 1, max: 40 }),
  // One fault sequence per process (the last reply repeats), by process number.
  faults: fc.array(fc.array(fc.constantFrom(...replyKinds), { minLength: 1, maxLength: 6 }), {
    minLength: 16,
    maxLength: 16,
  }),
  cancelAtMs: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** FakeClient plus what the properties need: per-process overlap and the order of steps sent. */
class WatchingClient extends FakeClient {
  readonly perProcess = new Map<string, number>();
  readonly overlaps: string[] = [];
  readonly stepsSent = new Map<string, number[]>();

  override async exec(
    app: string,
    process: string,
    command: string[],
    options?: ExecOptions,
  ): Promise<ExecResult> {
    const n = (this.perProcess.get(process) ?? 0) + 1;
    this.perProcess.set(process, n);
    if (n > 1) this.overlaps.push(process);
    const sent = this.stepsSent.get(process) ?? [];
    sent.push(Number(command[1]));
    this.stepsSent.set(process, sent);
    try {
      return await super.exec(app, process, command, options);
    } finally {
      this.perProcess.set(process, (this.perProcess.get(process) ?? 1) - 1);
    }
  }
}

function buildJob(s: Scenario): Job {
  const steps: Step[] = s.steps.map((st, i) =>
    step(`s${i}`, [st.mutating ? "touch" : "echo", String(i)], {
      retries: st.retries,
      continueOnFailure: st.continueOnFailure,
      ...(st.idempotent === undefined ? {} : { idempotent: st.idempotent }),
    }),
  );
  return job(steps, {
    apps: s.apps,
    processesPerApp: s.processesPerApp,
    concurrency: s.concurrency,
    ...(s.perApp === undefined ? {} : { perApp: s.perApp }),
    ...(s.maxFailures === undefined
      ? {}
      : { maxFailures: { kind: "count", value: s.maxFailures } }),
  });
}

async function runScenario(s: Scenario) {
  const j = buildJob(s);
  const processIds = j.targets.flatMap((t) => ("processes" in t ? (t.processes as string[]) : []));
  const script: Record<string, Reply[]> = {};
  processIds.forEach((id, i) => {
    script[id] = (s.faults[i] ?? ["ok"]).map(reply);
  });
  const client = new WatchingClient(script, s.latencyMs);
  const controller = new AbortController();
  if (s.cancelAtMs !== undefined) setTimeout(() => controller.abort(), s.cancelAtMs);
  const events: RunEvent[] = [];
  const pending = runJob(j, {
    client,
    signal: controller.signal,
    onEvent: (e) => events.push(e),
    random: () => 0.5,
  });
  await vi.runAllTimersAsync();
  const report = await pending;
  return { j, processIds, client, report, events, aborted: controller.signal.aborted };
}

describe("scheduler properties", () => {
  it("caps hold, a target's steps are sequential and ordered, every pair ends exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { j, processIds, client, report, events } = await runScenario(s);
        const stepCount = j.steps.length;
        const planned = processIds.length * stepCount;

        // Caps.
        expect(client.maxInFlight).toBeLessThanOrEqual(s.concurrency);
        if (s.perApp !== undefined) {
          for (const n of client.maxInFlightPerApp.values())
            expect(n).toBeLessThanOrEqual(s.perApp);
        }
        // A target's steps: one request at a time, in job order (retries repeat a step).
        expect(client.overlaps).toEqual([]);
        for (const sent of client.stepsSent.values()) {
          expect(sent).toEqual([...sent].sort((a, b) => a - b));
        }

        // Exactly one terminal result per planned pair, in plan order, announced once.
        expect(report.results).toHaveLength(planned);
        const seen = new Set(report.results.map((r) => `${r.process}/${r.step}`));
        expect(seen.size).toBe(planned);
        report.results.forEach((r, i) => {
          expect(r.process).toBe(processIds[Math.floor(i / stepCount)]);
          expect(r.step).toBe(`s${i % stepCount}`);
          expect(["ok", "failed", "error", "skipped", "cancelled"]).toContain(r.status);
        });
        const ends = events.filter((e) => e.type === "stepEnd");
        expect(ends).toHaveLength(planned);
        expect(events.filter((e) => e.type === "runEnd")).toHaveLength(1);

        // Statuses agree with what was sent: attempts match the client's calls per process.
        for (const id of processIds) {
          const results = report.results.filter((r) => r.process === id);
          const attempts = results.reduce((n, r) => n + r.attempts, 0);
          expect(attempts).toBe(client.attemptsOn(id));
          for (const r of results) {
            if (r.status === "skipped" || r.status === "cancelled") {
              if (r.status === "skipped") expect(r.attempts).toBe(0);
            } else expect(r.attempts).toBeGreaterThan(0);
            // Retries stay within the step's budget; 429 waits do not use it.
            const st = s.steps[Number(r.step.slice(1))];
            const waits = events.filter(
              (e) =>
                e.type === "attempt" &&
                e.target.processId === id &&
                e.step === r.step &&
                e.failure?.code === "API_RATE_LIMITED",
            ).length;
            if (st) expect(r.attempts - waits).toBeLessThanOrEqual(1 + st.retries);
          }
        }
        const sum = report.summary;
        expect(sum.ok + sum.failed + sum.error + sum.skipped + sum.cancelled).toBe(planned);
        // Cancelled results only with a signal (interrupted) or a passed threshold.
        if (report.stoppedBy === null) expect(sum.cancelled).toBe(0);
        expect(report.interrupted).toBe(report.stoppedBy === "signal");
        for (const r of report.results.filter((x) => x.status === "cancelled"))
          expect(
            report.stoppedBy === "signal" ? ["CANCELLED", "THRESHOLD"] : ["THRESHOLD"],
          ).toContain(r.error?.code);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it("a step not known to be idempotent is never sent again after an ambiguous failure", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const { client, j, processIds } = await runScenario(s);
        processIds.forEach((process, p) => {
          const kinds = s.faults[p] ?? ["ok"];
          const calls = client.calls.filter((c) => c.processId === process);
          calls.forEach((call, k) => {
            const stepIndex = Number(call.command[1]);
            const st = j.steps[stepIndex];
            const kind = kinds[Math.min(k, kinds.length - 1)];
            const resent = calls[k + 1]?.command[1] === call.command[1];
            // touch is not read-only: only idempotent: true makes it safe to resend after a 503.
            if (st?.command[0] === "touch" && st.idempotent !== true && kind === "503")
              expect(resent).toBe(false);
            // 4xx are permanent: never resent, whatever the step.
            if (kind === "403") expect(resent).toBe(false);
          });
        });
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
