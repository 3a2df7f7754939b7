// The pacer against a virtual clock: sleep() moves time forward, so delays are exact numbers.
import { describe, expect, it } from "vitest";
import type { RateLimit } from "../../src/job/model.js";
import { Pacer } from "../../src/run/pacer.js";

function virtualPacer(rate: RateLimit | null = null) {
  const clock = { t: 0, slept: [] as number[] };
  const pacer = new Pacer({
    now: () => clock.t,
    sleep: async (ms) => {
      clock.slept.push(ms);
      clock.t += ms;
    },
    rate,
  });
  return { clock, pacer };
}

const signal = new AbortController().signal;

async function starts(pacer: Pacer, clock: { t: number }, n: number): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    await pacer.acquire(signal);
    at.push(clock.t);
  }
  return at;
}

describe("Pacer", () => {
  it("lets requests go at once when it knows of no limit", async () => {
    const { clock, pacer } = virtualPacer();
    expect(await starts(pacer, clock, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it("spaces starts evenly under a client-side rate", async () => {
    const { clock, pacer } = virtualPacer({ requests: 30, perMs: 60_000 });
    expect(await starts(pacer, clock, 4)).toEqual([0, 2000, 4000, 6000]);
  });

  it("goes freely while more than half the server's budget is left", async () => {
    const { clock, pacer } = virtualPacer();
    pacer.observe({ limit: 30, remaining: 20, resetSeconds: 60 }, 0);
    expect(await starts(pacer, clock, 4)).toEqual([0, 0, 0, 0]);
  });

  it("spreads the rest of the budget over the time left in the window", async () => {
    const { clock, pacer } = virtualPacer();
    pacer.observe({ limit: 30, remaining: 10, resetSeconds: 60 }, 0);
    // The first goes at once; the 9 left share the 60 s: one every 6.67 s.
    expect((await starts(pacer, clock, 3)).map(Math.round)).toEqual([0, 6667, 13_333]);
  });

  it("waits for the reset when the budget is spent, then goes freely in the new window", async () => {
    const { clock, pacer } = virtualPacer();
    pacer.observe({ limit: 30, remaining: 0, resetSeconds: 12 }, 0);
    expect(await starts(pacer, clock, 3)).toEqual([12_000, 12_000, 12_000]);
  });

  it("counts requests started after the observed one against its budget, and keeps the newest numbers", async () => {
    const { clock, pacer } = virtualPacer();
    const first = await pacer.acquire(signal);
    const second = await pacer.acquire(signal);
    pacer.observe({ limit: 4, remaining: 2, resetSeconds: 10 }, second);
    pacer.observe({ limit: 4, remaining: 3, resetSeconds: 10 }, first); // older: ignored
    // 2 left (not 3): one at 5 s, the last at 10 s. Then a fresh window of 4, presumed from the
    // last one: half go at once, the rest spread; never more than 4 starts in a window.
    expect(await starts(pacer, clock, 6)).toEqual([5000, 10_000, 10_000, 15_000, 20_000, 20_000]);
  });

  it("keeps the earliest end a window's whole-second resets allow, until a new window", async () => {
    const { clock, pacer } = virtualPacer();
    // The window really ends at 2000: reset rounds up, so each answer bounds the end from above.
    pacer.observe({ limit: 4, remaining: 3, resetSeconds: 2 }, await pacer.acquire(signal));
    clock.t = 900; // 1.1 s left: "2"; would mean 2900
    pacer.observe({ limit: 4, remaining: 2, resetSeconds: 2 }, await pacer.acquire(signal));
    clock.t = 1200; // 0.8 s left: "1", 2200; the tighter bound 2000 stays
    pacer.observe({ limit: 4, remaining: 0, resetSeconds: 1 }, await pacer.acquire(signal));
    expect(pacer.earliestStart(clock.t)).toBe(2000);
    // A fresh window (the budget went up) is trusted as it is.
    clock.t = 2000;
    pacer.observe({ limit: 4, remaining: 3, resetSeconds: 2 }, await pacer.acquire(signal));
    clock.t = 2100;
    pacer.observe({ limit: 4, remaining: 0, resetSeconds: 2 }, await pacer.acquire(signal));
    expect(pacer.earliestStart(clock.t)).toBe(4000);
  });

  it("a 429 pause holds every request, and a longer pause wins over a shorter one", async () => {
    const { clock, pacer } = virtualPacer();
    pacer.pauseFor(5000);
    pacer.pauseFor(2000);
    expect(await starts(pacer, clock, 2)).toEqual([5000, 5000]);
  });

  it("rejects with the signal's reason when aborted while waiting", async () => {
    const controller = new AbortController();
    const pacer = new Pacer({
      now: () => 0,
      sleep: (_ms, s) =>
        new Promise((_, reject) => s.addEventListener("abort", () => reject(s.reason))),
      rate: null,
    });
    pacer.pauseFor(10_000);
    const waiting = pacer.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
