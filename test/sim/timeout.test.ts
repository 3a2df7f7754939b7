import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import { exec, execOrReset, smallFleet, start, WEB } from "./helpers.js";

let sim: RunningSimulator | undefined;
afterEach(() => sim?.close());

const SLEEP = ["sleep", "30"];

describe("a command that outlives its timeout", () => {
  it("default (exit-code): 200, exit_code 124, a note on stderr; it counts as executed", async () => {
    sim = await start(smallFleet());
    const a = await exec(sim, { command: SLEEP, timeout: 1 });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      stdout: "",
      stderr: "command timed out after 1s and was killed\n",
      exit_code: 124,
    });
    expect(sim.counters.executions(WEB, SLEEP)).toBe(1);
  });

  it("timeoutBehavior: gateway-timeout answers 504 with the error body", async () => {
    sim = await start(smallFleet({ timeoutBehavior: "gateway-timeout" }));
    const a = await exec(sim, { command: SLEEP, timeout: 1 });
    expect(a.status).toBe(504);
    expect(a.body).toMatchObject({
      status: 504,
      message: "Gateway Timeout",
      data: { code: "err-exec-timeout" },
    });
    expect(sim.counters.executions(WEB, SLEEP)).toBe(1);
  });

  it("a command within its timeout answers normally", async () => {
    sim = await start(smallFleet());
    expect((await exec(sim, { command: ["sleep", "0"], timeout: 1 })).body).toMatchObject({
      exit_code: 0,
    });
  });
});

describe("in flight", () => {
  it("counts the highest number of concurrent requests; close() ends sleeping commands", async () => {
    const s = await start(smallFleet());
    sim = s;
    const pending = Array.from({ length: 6 }, () =>
      execOrReset(s, { command: SLEEP, timeout: 60 }),
    );
    await vi.waitFor(() => expect(s.counters.totalExecutions(WEB)).toBe(6), { timeout: 10_000 });
    expect(s.counters.maxInFlight()).toBe(6);
    await s.close();
    // Closing drops the connections of the six sleeping commands instead of waiting 30 s.
    expect(await Promise.all(pending)).toEqual(Array(6).fill("reset"));
    expect(s.counters.maxInFlight()).toBe(6);
    expect(s.counters.count("POST exec", 0)).toBe(6);
  });
});
