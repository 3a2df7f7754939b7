import { describe, expect, it } from "vitest";
import { createProgress, progressLine } from "../../src/cli/progress.js";
import type { RunEvent } from "../../src/run/events.js";
import { result } from "../report/fixtures.js";

const at = "2026-12-04T15:00:00.000Z";
const start: RunEvent = { type: "runStart", job: "j", targets: 2, steps: 1, total: 2, at };
const end = (status: "ok" | "failed" | "error"): RunEvent => ({
  type: "stepEnd",
  result: result({ status }),
  at,
});

describe("progress line", () => {
  it("counts steps done, failures and retries", () => {
    expect(progressLine(3, 10, { failed: 1, error: 0, retries: 2 })).toBe(
      "3/10 steps · 1 failed · 2 retried",
    );
  });

  it("draws on a terminal only, throttled, always drawing the last step, and clears", () => {
    const written: string[] = [];
    let clock = 0;
    const p = createProgress({ write: (t) => written.push(t), isTTY: true }, true, () => clock);
    p.onEvent({ ...start, total: 3 } as RunEvent); // t=0: drawn
    clock = 50;
    p.onEvent(end("failed")); // 50 ms after the last draw: skipped
    clock = 150;
    p.onEvent(end("ok")); // 150 ms: drawn
    clock = 160;
    p.onEvent(end("error")); // the last step: drawn despite the throttle
    p.clear();
    expect(written.map((w) => w.replaceAll("\r\u001b[2K", ""))).toEqual([
      "0/3 steps",
      "2/3 steps · 1 failed",
      "3/3 steps · 1 failed · 1 error",
      "",
    ]);
  });

  it("stays silent when stderr is not a terminal or when disabled (--quiet)", () => {
    const written: string[] = [];
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const p = createProgress({ write: (t) => written.push(t), isTTY }, enabled);
      p.onEvent(start);
      p.onEvent(end("ok"));
      p.clear();
    }
    expect(written).toEqual([]);
  });
});
