// The client against the simulated Sevalla API over real sockets: every row of the failure
// table, pagination, validation before sending, and the key kept out of every error.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SevallaClient } from "../../src/client/client.js";
import { simAppId, simProcessId } from "../../src/index.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { failure } from "./servers.js";

const WRITE = "sim-write-key-3c1f9a";
const READ = "sim-read-key-77d0e2";
const APP = simAppId(1);
const WEB = simProcessId(1, 1);
const FLAKY = simProcessId(1, 2);
const RESET_AFTER = simProcessId(1, 3);
const RESET_BEFORE = simProcessId(1, 4);
const RATE = simProcessId(1, 5);
const SLOW = simProcessId(1, 6);
const MISSING = simProcessId(9, 9);

const proc = (id: string, key: string) => ({ id, key, env: { NODE_ENV: "production" } });

const fleet = {
  keys: [
    { token: WRITE, permission: "write" },
    { token: READ, permission: "read" },
  ],
  apps: [
    {
      id: APP,
      name: "shop",
      processes: [
        proc(WEB, "web"),
        proc(FLAKY, "worker"),
        proc(RESET_AFTER, "cron"),
        proc(RESET_BEFORE, "queue"),
        proc(RATE, "mailer"),
        proc(SLOW, "slow"),
      ],
    },
  ],
  slowMs: 10_000,
  scripts: [
    { process: FLAKY, sequence: [503, 500, 502, 504, "answer"] },
    { process: RESET_AFTER, sequence: ["reset-after"] },
    { process: RESET_BEFORE, sequence: ["reset-before"] },
    { process: RATE, sequence: [429] },
    { process: SLOW, sequence: ["slow"] },
  ],
};

let sim: RunningSimulator;
let client: SevallaClient;

function clientWith(token: string, deadlineMarginMs = 200): SevallaClient {
  return new SevallaClient({ baseUrl: sim.url, token, deadlineMarginMs, env: {} });
}

beforeAll(async () => {
  sim = await startSimulator({ fleet, seed: 7 });
  client = clientWith(WRITE);
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

describe("answers", () => {
  test("a command that runs returns its output, request id and rate limit", async () => {
    const result = await client.exec(APP, WEB, ["printenv", "NODE_ENV"], { timeout: 5 });
    expect(result).toMatchObject({ stdout: "production\n", exitCode: 0 });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a non-zero exit code is an answer, not an error", async () => {
    const result = await client.exec(APP, WEB, ["false"], { timeout: 5 });
    expect(result.exitCode).toBe(1);
  });

  test("an unknown binary answers 127", async () => {
    const result = await client.exec(APP, WEB, ["nonexistent-binary"], { timeout: 5 });
    expect(result.exitCode).toBe(127);
  });
});

describe("the failure table", () => {
  test("403: a read-only key running a mutating binary → permanent, names the binary", async () => {
    const reader = clientWith(READ);
    try {
      const err = await failure(reader.exec(APP, WEB, ["touch", "/tmp/x"], { timeout: 5 }), READ);
      expect(err).toMatchObject({ code: "API_FORBIDDEN", class: "permanent", httpStatus: 403 });
      expect(err.apiCode).toBe("err-forbidden");
      expect(err.requestId).not.toBeNull();
      expect(err.message).toContain('"touch"');
      expect(sim.counters.executions(WEB.toLowerCase(), ["touch", "/tmp/x"])).toBe(0);
      // The same key may run read-only binaries.
      expect((await reader.exec(APP, WEB, ["env"], { timeout: 5 })).exitCode).toBe(0);
    } finally {
      await reader.close();
    }
  });

  test("401: an unknown key → permanent, and the key is in no part of the error", async () => {
    const stranger = clientWith("not-a-key-of-this-fleet-5e1d");
    try {
      const err = await failure(
        stranger.exec(APP, WEB, ["env"], { timeout: 5 }),
        "not-a-key-of-this-fleet-5e1d",
      );
      expect(err).toMatchObject({ code: "API_UNAUTHORIZED", class: "permanent", httpStatus: 401 });
      expect(err.message).toContain("SEVALLA_API_TOKEN");
    } finally {
      await stranger.close();
    }
  });

  test("404: a process that does not exist → permanent", async () => {
    const err = await failure(client.exec(APP, MISSING, ["env"], { timeout: 5 }), WRITE);
    expect(err).toMatchObject({ code: "API_NOT_FOUND", class: "permanent", httpStatus: 404 });
  });

  test("404: listing the processes of an unknown app → permanent", async () => {
    const err = await failure(client.listProcesses(simAppId(99)), WRITE);
    expect(err).toMatchObject({ code: "API_NOT_FOUND", class: "permanent" });
  });

  test("429 → notExecuted with retryAfterMs from the server, nothing ran", async () => {
    const err = await failure(client.exec(APP, RATE, ["env"], { timeout: 5 }), WRITE);
    expect(err).toMatchObject({ code: "API_RATE_LIMITED", class: "notExecuted", httpStatus: 429 });
    expect(err.retryAfterMs).toBe(1000);
    expect(sim.counters.executions(RATE.toLowerCase(), ["env"])).toBe(0);
  });

  test("503, 500, 502, 504 → ambiguous, each with its own code; then the answer", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const err = await failure(client.exec(APP, FLAKY, ["env"], { timeout: 5 }), WRITE);
      expect(err.class).toBe("ambiguous");
      codes.push(err.code);
    }
    expect(codes).toEqual([
      "API_UNAVAILABLE",
      "API_SERVER_ERROR",
      "API_BAD_GATEWAY",
      "API_GATEWAY_TIMEOUT",
    ]);
    expect((await client.exec(APP, FLAKY, ["env"], { timeout: 5 })).exitCode).toBe(0);
  });

  test("a reset after the command ran → NETWORK_RESET, ambiguous (and it did run)", async () => {
    const err = await failure(client.exec(APP, RESET_AFTER, ["env"], { timeout: 5 }), WRITE);
    expect(err).toMatchObject({ code: "NETWORK_RESET", class: "ambiguous", httpStatus: null });
    expect(sim.counters.executions(RESET_AFTER.toLowerCase(), ["env"])).toBe(1);
  });

  test("a reset before the request was read → NETWORK_RESET, still ambiguous to the client", async () => {
    // The request bytes were already on the wire: the client cannot know the server dropped them.
    const err = await failure(client.exec(APP, RESET_BEFORE, ["env"], { timeout: 5 }), WRITE);
    expect(err).toMatchObject({ code: "NETWORK_RESET", class: "ambiguous" });
    expect(sim.counters.executions(RESET_BEFORE.toLowerCase(), ["env"])).toBe(0);
  });

  test("a slow answer past the client deadline → TIMEOUT, ambiguous", async () => {
    const err = await failure(client.exec(APP, SLOW, ["env"], { timeout: 1 }), WRITE);
    expect(err).toMatchObject({ code: "TIMEOUT", class: "ambiguous" });
  });

  test("a command outliving its timeout answers 200 with exit 124 (the default behaviour)", async () => {
    // A roomy margin: the answer comes at the 1 s server timeout, and must beat the deadline.
    const patient = clientWith(WRITE, 5000);
    try {
      const result = await patient.exec(APP, WEB, ["sleep", "5"], { timeout: 1 });
      expect(result.exitCode).toBe(124);
    } finally {
      await patient.close();
    }
  });
});

describe("validation before sending", () => {
  test.each([
    ["an app id that is not a UUID", "shop", WEB, ["env"], 5],
    ["a process id that is not a UUID", APP, "web", ["env"], 5],
    ["no argv", APP, WEB, [], 5],
    ["101 arguments", APP, WEB, Array.from({ length: 101 }, () => "x"), 5],
    ["a timeout of 0", APP, WEB, ["env"], 0],
    ["a timeout of 90", APP, WEB, ["env"], 90],
  ])("%s → INVALID_REQUEST and no request at all", async (_name, app, proc, argv, timeout) => {
    const before = sim.counters.totalRequests();
    const err = await failure(client.exec(app, proc, argv, { timeout }), WRITE);
    expect(err).toMatchObject({ code: "INVALID_REQUEST", class: "permanent" });
    expect(sim.counters.totalRequests()).toBe(before);
  });
});

describe("listings", () => {
  test("listProcesses returns every process of the app", async () => {
    const processes = await client.listProcesses(APP);
    expect(processes.map((p) => p.id).sort()).toEqual(
      fleet.apps[0]?.processes.map((p) => p.id).sort(),
    );
    expect(processes[0]).toMatchObject({ app_id: APP });
  });

  test("listApplications reads all 250 apps of a big fleet, 100 a page", async () => {
    const big = await startSimulator({
      fleet: {
        keys: [{ token: WRITE, permission: "write" }],
        apps: Array.from({ length: 250 }, (_, i) => ({
          id: simAppId(i + 1),
          name: `app-${i + 1}`,
        })),
      },
    });
    const bigClient = new SevallaClient({ baseUrl: big.url, token: WRITE, env: {} });
    try {
      const apps = await bigClient.listApplications();
      expect(apps).toHaveLength(250);
      expect(new Set(apps.map((a) => a.id)).size).toBe(250);
      expect(apps[249]).toMatchObject({ id: simAppId(250), name: "app-250" });
      expect(big.counters.count("GET applications", 200)).toBe(3);
    } finally {
      await bigClient.close();
      await big.close();
    }
  });
});
