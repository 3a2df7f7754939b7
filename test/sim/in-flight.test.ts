import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import { execOrReset, run, smallFleet, start } from "./helpers.js";

describe("many requests in flight", () => {
  let sim: RunningSimulator | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await sim?.close();
  });

  it("50 at once raise no MaxListenersExceededWarning", async () => {
    const warn = vi.spyOn(process, "emitWarning");
    sim = await start(smallFleet({ latency: 20 }));
    const s = sim;
    const answers = await Promise.all(Array.from({ length: 50 }, () => run(s, ["echo", "hi"])));
    expect(answers.every((a) => a.stdout === "hi\n")).toBe(true);
    expect(s.counters.maxInFlight()).toBeGreaterThan(10);
    expect(warn).not.toHaveBeenCalled();
  });

  it("close() drops every request still waiting out its latency", async () => {
    sim = await start(smallFleet({ latency: 60_000 }));
    const s = sim;
    const pending = Array.from({ length: 20 }, () => execOrReset(s, { command: ["echo", "hi"] }));
    while (s.counters.totalRequests() < 20) await new Promise((r) => setTimeout(r, 5));
    await s.close();
    expect(await Promise.all(pending)).toEqual(Array(20).fill("reset"));
  });
});
