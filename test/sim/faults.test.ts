import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import type { FleetInput } from "../../src/sim/fleet/schema.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import { APP, call, exec, execOrReset, run, smallFleet, start, WEB, WORKER } from "./helpers.js";

let sims: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
async function startWith(overrides: Partial<FleetInput>, seed?: number) {
  const sim = await start(smallFleet(overrides), seed === undefined ? {} : { seed });
  sims.push(sim);
  return sim;
}

const ENV = ["env"];

describe("injected statuses", () => {
  it.each([500, 502, 503, 504] as const)(
    "%i with the error body; the command does not run",
    async (status) => {
      const sim = await startWith({ faults: { status: { [status]: 1 } } });
      const a = await exec(sim, { command: ENV });
      expect(a.status).toBe(status);
      expect(a.body).toMatchObject({ status, data: { code: `err-sim-${status}` } });
      expect(sim.counters.executions(WEB, ENV)).toBe(0);
      expect(sim.counters.count("POST exec", status)).toBe(1);
    },
  );

  it("hit exec only by default; the list endpoints too with routes: all", async () => {
    const execOnly = await startWith({ faults: { status: { 503: 1 } } });
    expect((await call(execOnly, "GET", "/applications")).status).toBe(200);
    const all = await startWith({ faults: { routes: "all", status: { 503: 1 } } });
    expect((await call(all, "GET", "/applications")).status).toBe(503);
  });
});

describe("connection resets", () => {
  it("before the request is read: nothing runs", async () => {
    const sim = await startWith({ faults: { resetBeforeRead: 1 } });
    expect(await execOrReset(sim, { command: ENV })).toBe("reset");
    expect(sim.counters.executions(WEB, ENV)).toBe(0);
    expect(sim.counters.count("POST exec", 0)).toBe(1);
  });

  it("after the command ran: it DID run (executions counts it)", async () => {
    const sim = await startWith({ faults: { resetAfterExec: 1 } });
    expect(await execOrReset(sim, { command: ENV })).toBe("reset");
    expect(sim.counters.executions(WEB, ENV)).toBe(1);
  });
});

describe("scripted sequences", () => {
  it("[503, 503, answer] for any command, then normal behaviour", async () => {
    const sim = await startWith({ scripts: [{ process: WEB, sequence: [503, 503, "answer"] }] });
    const statuses = [];
    for (const argv of [ENV, ["hostname"], ENV, ENV])
      statuses.push((await exec(sim, { command: argv })).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(sim.counters.executions(WEB, ENV)).toBe(2);
    expect(sim.counters.executions(WEB, ["hostname"])).toBe(0);
    // Other processes are not scripted.
    expect((await exec(sim, { command: ENV }, { process: WORKER })).status).toBe(200);
  });

  it("a command-specific reset-after: the rm happened although the client saw a reset", async () => {
    const rm = ["rm", "/app/log.txt"];
    const sim = await startWith({
      scripts: [{ process: WEB, command: rm, sequence: ["reset-after", "answer"] }],
    });
    expect((await exec(sim, { command: ["cat", "/app/log.txt"] })).status).toBe(200);
    expect(await execOrReset(sim, { command: rm })).toBe("reset");
    expect(sim.counters.executions(WEB, rm)).toBe(1);
    expect(await run(sim, ["cat", "/app/log.txt"])).toMatchObject({ exit_code: 1 });
    // The retry the client must not send blindly: the file is gone, so rm now fails.
    expect(await run(sim, rm)).toMatchObject({
      exit_code: 1,
      stderr: expect.stringContaining("No such file"),
    });
  });

  it("reset-before and 429 steps do not run the command", async () => {
    const sim = await startWith({ scripts: [{ process: WEB, sequence: ["reset-before", 429] }] });
    expect(await execOrReset(sim, { command: ENV })).toBe("reset");
    const limited = await exec(sim, { command: ENV });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("1");
    expect(sim.counters.executions(WEB, ENV)).toBe(0);
  });
});

describe("answers not of the documented shape", () => {
  it("html: a proxy's 200 text/html page, nothing ran; no-exit-code: ran, exit_code missing", async () => {
    const sim = await startWith({
      scripts: [{ process: WEB, sequence: ["html", "no-exit-code"] }],
    });
    const url = `${sim.url}/applications/${APP}/processes/${WEB}/exec`;
    const headers = {
      authorization: `Bearer ${sim.keys.write}`,
      "content-type": "application/json",
    };
    const html = await request(url, {
      method: "POST",
      headers,
      body: JSON.stringify({ command: ENV }),
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toBe("text/html");
    expect(await html.body.text()).toMatch(/^<html>/);
    expect(sim.counters.executions(WEB, ENV)).toBe(0);
    const partial = await exec(sim, { command: ["echo", "hi"] });
    expect(partial.body).toEqual({ stdout: "hi\n", stderr: "" });
    expect(sim.counters.executions(WEB, ["echo", "hi"])).toBe(1);
  });
});

describe("slow responses", () => {
  it("delay the answer past a client deadline; the command still ran", async () => {
    const sim = await startWith({ faults: { slow: { probability: 1, ms: 20_000 } } });
    const url = `${sim.url}/applications/${APP}/processes/${WEB}/exec`;
    const pending = request(url, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.keys.write}`, "content-type": "application/json" },
      body: JSON.stringify({ command: ENV }),
      headersTimeout: 300,
    });
    await expect(pending).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(sim.counters.executions(WEB, ENV)).toBe(1);
  });

  it("a scripted slow step waits slowMs", async () => {
    const sim = await startWith({
      slowMs: 20_000,
      scripts: [{ process: WEB, sequence: ["slow"] }],
    });
    const url = `${sim.url}/applications/${APP}/processes/${WEB}/exec`;
    const headers = {
      authorization: `Bearer ${sim.keys.write}`,
      "content-type": "application/json",
    };
    const body = JSON.stringify({ command: ENV });
    await expect(
      request(url, { method: "POST", headers, body, headersTimeout: 300 }),
    ).rejects.toMatchObject({
      code: "UND_ERR_HEADERS_TIMEOUT",
    });
    expect((await exec(sim, { command: ENV })).status).toBe(200);
  });
});

describe("429 bursts", () => {
  it("come in runs of at least `length`, with Retry-After; nothing runs meanwhile", async () => {
    const sim = await startWith(
      { faults: { rateLimitBurst: { probability: 0.15, length: 3, retryAfterSeconds: 2 } } },
      3,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const a = await exec(sim, { command: ENV });
      statuses.push(a.status);
      if (a.status === 429) expect(a.headers["retry-after"]).toBe("2");
    }
    const runs = statuses
      .join(",")
      .split("200")
      .map((s) => s.split("429").length - 1)
      .filter((n) => n > 0);
    expect(runs.length).toBeGreaterThan(0);
    for (const n of runs) expect(n).toBeGreaterThanOrEqual(3);
    expect(sim.counters.executions(WEB, ENV)).toBe(statuses.filter((s) => s === 200).length);
  });
});

describe("seeded randomness", () => {
  const noisy: Partial<FleetInput> = {
    faults: { status: { 503: 0.3, 500: 0.1 }, resetBeforeRead: 0.1 },
  };
  async function outcomes(seed: number, interleave: boolean) {
    const sim = await startWith(noisy, seed);
    const out: Array<number | "reset"> = [];
    for (let i = 0; i < 30; i++) {
      out.push(await execOrReset(sim, { command: ENV }));
      if (interleave) await execOrReset(sim, { command: ENV }, { process: WORKER });
    }
    return out;
  }

  it("the same seed replays the same faults, even when other processes interleave", async () => {
    const a = await outcomes(7, false);
    expect(await outcomes(7, false)).toEqual(a);
    expect(await outcomes(7, true)).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(1);
  });

  it("another seed gives another run", async () => {
    expect(await outcomes(8, false)).not.toEqual(await outcomes(7, false));
  });
});
