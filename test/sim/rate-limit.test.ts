import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import { call, exec, READ, smallFleet, start, WRITE } from "./helpers.js";

let sim: RunningSimulator | undefined;
afterEach(() => sim?.close());

// A manual clock: the window's reset is asserted exactly, without waiting for real time.
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("rate limit (fixed window per company)", () => {
  it("counts down in x-ratelimit-*, then 429 with Retry-After until the window resets", async () => {
    const clock = manualClock();
    sim = await start(smallFleet({ rateLimit: { limit: 3, windowSeconds: 60 } }), {
      now: clock.now,
    });
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await exec(sim, { command: ["true"] });
      expect(a.status).toBe(200);
      expect(a.headers["x-ratelimit-limit"]).toBe("3");
      remaining.push(a.headers["x-ratelimit-remaining"]);
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    clock.advance(15_000);
    const limited = await exec(sim, { command: ["true"] });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 429, message: "Too Many Requests" });
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
    expect(limited.headers["x-ratelimit-reset"]).toBe("45");
    expect(limited.headers["retry-after"]).toBe("45");
    expect(sim.counters.totalExecutions()).toBe(3);

    clock.advance(45_000);
    const after = await exec(sim, { command: ["true"] });
    expect(after.status).toBe(200);
    expect(after.headers["x-ratelimit-remaining"]).toBe("2");
    expect(after.headers["x-ratelimit-reset"]).toBe("60");
  });

  it("is shared by the keys of one company, separate for another company", async () => {
    const fleet = smallFleet({
      keys: [
        { token: READ, permission: "read" },
        { token: WRITE, permission: "write" },
        { token: "other_company_key", permission: "write", company: "acme" },
      ],
      rateLimit: { limit: 2, windowSeconds: 60 },
    });
    sim = await start(fleet, { now: manualClock().now });
    expect((await call(sim, "GET", "/applications", { key: READ })).status).toBe(200);
    expect((await call(sim, "GET", "/applications", { key: WRITE })).status).toBe(200);
    expect((await call(sim, "GET", "/applications", { key: WRITE })).status).toBe(429);
    const other = await call(sim, "GET", "/applications", { key: "other_company_key" });
    expect(other.status).toBe(200);
    expect(other.headers["x-ratelimit-remaining"]).toBe("1");
  });

  it("headers are on errors too; a 401 shows the full allowance", async () => {
    sim = await start(smallFleet({ rateLimit: { limit: 5, windowSeconds: 10 } }), {
      now: manualClock().now,
    });
    const notFound = await exec(
      sim,
      { command: ["true"] },
      { process: "b0000000-0000-4000-8000-000100000099" },
    );
    expect(notFound.status).toBe(404);
    expect(notFound.headers["x-ratelimit-remaining"]).toBe("4");
    const noRoute = await call(sim, "GET", "/v2/whatever");
    expect(noRoute.status).toBe(404);
    expect(noRoute.headers["x-ratelimit-limit"]).toBe("5");
    const unauthorized = await call(sim, "GET", "/applications", { key: null });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers).toMatchObject({
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "5",
      "x-ratelimit-reset": "10",
    });
  });

  it("rateLimit: off sends no rate-limit headers and never refuses", async () => {
    sim = await start(smallFleet({ rateLimit: "off" }));
    for (let i = 0; i < 20; i++) {
      const a = await call(sim, "GET", "/applications");
      expect(a.status).toBe(200);
      expect(a.headers["x-ratelimit-limit"]).toBeUndefined();
    }
  });
});
