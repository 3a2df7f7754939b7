// The listing cache: once per run, retried like an idempotent read by the run engine's policy,
// 429s paused (not counted as retries), permanent failures not retried. A fake lister and a
// recorded sleep: no wall clock.
import { describe, expect, it } from "vitest";
import type { Application, Process } from "../../src/client/types.js";
import { ListingCache, ListingError, type TargetLister } from "../../src/targets/listing.js";

function failure(
  code: string,
  cls: string,
  httpStatus: number | null,
  retryAfterMs: number | null = null,
) {
  return Object.assign(new Error(`GET /applications: ${code}`), {
    code,
    class: cls,
    httpStatus,
    retryAfterMs,
    rateLimit: null,
    apiMessage: null,
    apiCode: null,
    requestId: null,
  });
}

const apps: Application[] = [
  { id: "a0000000-0000-4000-8000-000000000001", name: "one", display_name: "One" },
];

/** Answers with `script` in order (an Error is thrown), then with the apps. */
function lister(script: Error[] = []) {
  const calls = { apps: 0, processes: 0 };
  const fake: TargetLister = {
    async listApplications() {
      calls.apps += 1;
      const next = script.shift();
      if (next) throw next;
      return apps;
    },
    async listProcesses(appId) {
      calls.processes += 1;
      return [{ id: "b0000000-0000-4000-8000-000100000001", app_id: appId, key: "web" } as Process];
    },
  };
  return { fake, calls };
}

function cache(fake: TargetLister, retries = 3) {
  const slept: number[] = [];
  const c = new ListingCache(fake, {
    retries,
    random: () => 0,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  return { c, slept };
}

describe("ListingCache", () => {
  it("lists once per run, however many callers ask, at once or later", async () => {
    const { fake, calls } = lister();
    const { c } = cache(fake);
    await Promise.all([c.applications(), c.applications()]);
    await c.applications();
    await c.processes("A0000000-0000-4000-8000-000000000001");
    await c.processes("a0000000-0000-4000-8000-000000000001");
    expect(calls).toEqual({ apps: 1, processes: 1 });
  });

  it("retries a 503 (ambiguous, but a read is idempotent) with the run's backoff", async () => {
    const { fake, calls } = lister([
      failure("API_UNAVAILABLE", "ambiguous", 503),
      failure("NETWORK_REFUSED", "notExecuted", null),
    ]);
    const { c, slept } = cache(fake);
    expect(await c.applications()).toEqual(apps);
    expect(calls.apps).toBe(3);
    expect(slept).toEqual([125, 250]); // 250 ms × 2ⁿ with equal jitter at random() = 0
  });

  it("gives up after the retries, with the client's message and why", async () => {
    const { fake } = lister([0, 1, 2].map(() => failure("API_BAD_GATEWAY", "ambiguous", 502)));
    const { c } = cache(fake, 2);
    const error = await c.applications().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListingError);
    expect((error as Error).message).toBe(
      "could not list applications: GET /applications: API_BAD_GATEWAY; gave up after 2 retries",
    );
  });

  it("does not retry a 403, and a failed listing is not sent again by the next caller", async () => {
    const { fake, calls } = lister([failure("API_FORBIDDEN", "permanent", 403)]);
    const { c } = cache(fake);
    await expect(c.applications()).rejects.toThrow(
      "could not list applications: GET /applications: API_FORBIDDEN; not retried: retrying cannot help",
    );
    await expect(c.applications()).rejects.toThrow(ListingError);
    expect(calls.apps).toBe(1);
  });

  it("waits out a 429 for the time the server names, without using a retry", async () => {
    const { fake, calls } = lister([
      failure("API_RATE_LIMITED", "notExecuted", 429, 1000),
      failure("API_RATE_LIMITED", "notExecuted", 429, 1000),
    ]);
    const now = { t: 0 };
    const slept: number[] = [];
    const c = new ListingCache(fake, {
      retries: 0,
      now: () => now.t,
      sleep: async (ms) => {
        slept.push(ms);
        now.t += ms;
      },
    });
    expect(await c.applications()).toEqual(apps);
    expect(calls.apps).toBe(3);
    expect(slept).toEqual([1000, 1000]); // the pacer's pause, not a backoff
  });
});
