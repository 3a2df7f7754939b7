// The client against simulators configured for one behaviour each: a real rate-limit window,
// and the 504 answer to a command that outlives its timeout.
import { expect, test } from "vitest";
import { SevallaClient } from "../../src/client/client.js";
import { simAppId, simProcessId } from "../../src/index.js";
import { startSimulator } from "../../src/sim/server.js";
import { failure } from "./servers.js";

const WRITE = "sim-write-key-91ab0c";
const APP = simAppId(1);
const WEB = simProcessId(1, 1);

function fleet(extra: Record<string, unknown>) {
  return {
    keys: [{ token: WRITE, permission: "write" }],
    apps: [{ id: APP, name: "shop", processes: [{ id: WEB, key: "web" }] }],
    ...extra,
  };
}

async function withClient(
  extra: Record<string, unknown>,
  body: (client: SevallaClient) => Promise<void>,
): Promise<void> {
  const sim = await startSimulator({ fleet: fleet(extra) });
  const client = new SevallaClient({
    baseUrl: sim.url,
    token: WRITE,
    // Default margin (5 s): the 504 comes at the 1 s server timeout and must beat the deadline.
    env: {},
  });
  try {
    await body(client);
  } finally {
    await client.close();
    await sim.close();
  }
}

test("x-ratelimit-* on answers, then a 429 naming the wait once the window is spent", async () => {
  await withClient({ rateLimit: { limit: 2, windowSeconds: 60 } }, async (client) => {
    const first = await client.exec(APP, WEB, ["env"], { timeout: 5 });
    expect(first.rateLimit).toMatchObject({ limit: 2, remaining: 1 });
    const second = await client.exec(APP, WEB, ["env"], { timeout: 5 });
    expect(second.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    const err = await failure(client.exec(APP, WEB, ["env"], { timeout: 5 }), WRITE);
    expect(err).toMatchObject({ code: "API_RATE_LIMITED", class: "notExecuted" });
    expect(err.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

test("timeoutBehavior gateway-timeout: a command outliving its timeout → 504, ambiguous", async () => {
  await withClient({ timeoutBehavior: "gateway-timeout" }, async (client) => {
    const err = await failure(client.exec(APP, WEB, ["sleep", "5"], { timeout: 1 }), WRITE);
    expect(err).toMatchObject({ code: "API_GATEWAY_TIMEOUT", class: "ambiguous", httpStatus: 504 });
    expect(err.apiCode).toBe("err-exec-timeout");
    expect(err.message).toContain("did not finish within 1s");
  });
});
