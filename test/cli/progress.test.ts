import { describe, expect, it } from "vitest";
import { createProgress, type ProgressState, progressLine } from "../../src/cli/progress.js";
import type { StepResult } from "../../src/report/model.js";
import type { RunEvent } from "../../src/run/events.js";
import { result } from "../report/fixtures.js";

const at = "2026-12-04T15:00:00.000Z";
const start = (total: number): RunEvent => ({
  type: "runStart",
  job: "j",
  targets: total,
  steps: 1,
  total,
  at,
});
const end = (status: StepResult["status"], extra: Partial<StepResult> = {}): RunEvent => ({
  type: "stepEnd",
  result: result({ status, ...extra }),
  at,
});
const target = { appId: "a", processId: "p", appName: null, processKey: null, label: null };
const attempt = (retried: boolean): RunEvent => ({
  type: "attempt",
  target,
  step: "s",
  attempt: 1,
  failure: retried ? { code: "NETWORK_RESET", class: "notExecuted", httpStatus: null } : null,
  delayMs: 0,
  at,
});
const wait = (delayMs: number): RunEvent => ({
  type: "rateLimitWait",
  reason: "paused",
  delayMs,
  at,
});

const state = (over: Partial<ProgressState>): ProgressState => ({
  ...{ done: 0, total: 10, ok: 0, failed: 0, error: 0, resumed: 0, retries: 0 },
  ...{ requests: 0, waits: 0, waitingMs: 0, elapsedMs: 0, ...over },
});
const plain = (written: string[]) => written.map((w) => w.replaceAll("\r\u001b[2K", ""));

describe("progress line", () => {
  it("shows done/total, counts, requests per second, rate-limit waits and the ETA", () => {
    const s = state({ done: 4, ok: 2, failed: 1, error: 1, retries: 2, requests: 6 });
    expect(progressLine({ ...s, waits: 3, waitingMs: 4200, elapsedMs: 2000 })).toBe(
      "4/10 · 2 ok · 1 failed · 1 error · 2 retried · 3.0 req/s · 3 rate-limit waits · " +
        "waiting 5s for the rate limit · ETA 3s",
    );
  });

  it("leaves resumed pairs out of the ETA (they took no time) and drops it when done", () => {
    const s = state({ done: 6, ok: 1, resumed: 5, requests: 1, elapsedMs: 10_000 });
    expect(progressLine(s)).toBe("6/10 · 1 ok · 5 resumed · 0.1 req/s · ETA 40s");
    expect(progressLine(state({ done: 10, ok: 10 }))).toBe("10/10 · 10 ok");
    expect(progressLine(state({ done: 1, ok: 1, elapsedMs: 125_000 }))).toBe(
      "1/10 · 1 ok · ETA 18m45s",
    );
  });

  it("colours the counts only when asked (never with NO_COLOR / --no-color)", () => {
    const s = state({ done: 2, ok: 1, failed: 1 });
    expect(progressLine(s, true)).toContain("\u001b[31m1 failed\u001b[39m");
    expect(progressLine(s, false)).not.toContain("\u001b[");
  });
});

describe("createProgress", () => {
  it("draws on a terminal, throttled, always drawing the last step, and clears", () => {
    const written: string[] = [];
    let clock = 0;
    const p = createProgress({ write: (t) => written.push(t), isTTY: true }, true, () => clock);
    p.onEvent(start(3)); // t=0: drawn
    clock = 50;
    p.onEvent(attempt(true)); // 50 ms after the last draw: counted, not drawn
    p.onEvent(attempt(false));
    p.onEvent(end("failed"));
    clock = 1000;
    p.onEvent(wait(3000)); // a 429: drawn, with the wait
    clock = 2000;
    p.onEvent(end("ok", { resumed: true }));
    clock = 2010;
    p.onEvent(end("error")); // the last step: drawn despite the throttle
    p.clear();
    expect(plain(written)).toEqual([
      "0/3",
      "1/3 · 1 failed · 1 retried · 2.0 req/s · 1 rate-limit wait · waiting 3s for the rate limit · ETA 2s",
      "2/3 · 1 failed · 1 resumed · 1 retried · 1.0 req/s · 1 rate-limit wait · waiting 2s for the rate limit · ETA 2s",
      "3/3 · 1 failed · 1 error · 1 resumed · 1 retried · 1.0 req/s · 1 rate-limit wait · waiting 2s for the rate limit",
      "",
    ]);
  });

  it("names a rollout's current stage once it starts", () => {
    const written: string[] = [];
    let clock = 0;
    const p = createProgress({ write: (t) => written.push(t), isTTY: true }, true, () => clock);
    p.onEvent(start(10));
    clock = 200;
    p.onEvent({ type: "stageStart", stage: 1, stages: 3, size: "1", targets: 1, at });
    clock = 400;
    p.onEvent(end("ok"));
    clock = 600;
    p.onEvent({ type: "stageStart", stage: 2, stages: 3, size: "50%", targets: 4, at });
    expect(plain(written)).toEqual([
      "0/10",
      "0/10 · stage 1/3 (1)",
      "1/10 · stage 1/3 (1) · 1 ok · ETA 4s",
      "1/10 · stage 2/3 (50%) · 1 ok · ETA 6s",
    ]);
  });

  it("counts a long rate-limit wait down each second, then stops ticking", () => {
    const written: string[] = [];
    let clock = 0;
    const ticks: Array<() => void> = [];
    let stopped = 0;
    const ticker = {
      every: (_ms: number, tick: () => void) => {
        ticks.push(tick);
        return () => {
          stopped++;
        };
      },
    };
    const p = createProgress(
      { write: (t) => written.push(t), isTTY: true },
      true,
      () => clock,
      ticker,
    );
    p.onEvent(start(10));
    clock = 500;
    p.onEvent(wait(2500)); // a 429 pause until t=3000: one ticker, drawn now
    p.onEvent(wait(2400)); // another request waits too (not drawn: throttled): still one ticker
    expect(ticks).toHaveLength(1);
    for (const t of [1500, 2500, 3000]) {
      clock = t;
      ticks[0]?.();
    }
    expect(stopped).toBe(1);
    expect(plain(written).slice(1)).toEqual([
      "0/10 · 1 rate-limit wait · waiting 3s for the rate limit",
      "0/10 · 2 rate-limit waits · waiting 2s for the rate limit",
      "0/10 · 2 rate-limit waits", // under a second left: not worth a flickering countdown
      "0/10 · 2 rate-limit waits",
    ]);
    p.clear();
  });

  it("stays silent when stderr is not a terminal or when disabled (--quiet)", () => {
    const written: string[] = [];
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const p = createProgress({ write: (t) => written.push(t), isTTY }, enabled);
      p.onEvent(start(1));
      p.onEvent(end("ok"));
      p.clear();
    }
    expect(written).toEqual([]);
  });

  it("colours only when its sink says so", () => {
    for (const color of [true, false]) {
      const written: string[] = [];
      const p = createProgress({ write: (t) => written.push(t), isTTY: true, color }, true);
      p.onEvent(start(1));
      p.onEvent(end("ok"));
      expect(written.join("").includes("\u001b[32m")).toBe(color);
    }
  });
});
