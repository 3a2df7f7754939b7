import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FLEET_PLANTED, DEFAULT_KEYS, defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { validateFleet } from "../../src/sim/fleet/load.js";
import { UUID_PATTERN } from "../../src/sim/fleet/schema.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { call } from "./helpers.js";

describe("the default fleet", () => {
  const fleet = defaultFleet();
  const processes = fleet.apps.flatMap((a) => a.processes);

  it("is valid, deterministic and big enough (>= 20 apps, >= 40 processes)", () => {
    expect(validateFleet(fleet)).toEqual(fleet);
    expect(defaultFleet()).toEqual(fleet);
    expect(fleet.apps.length).toBeGreaterThanOrEqual(20);
    expect(processes.length).toBeGreaterThanOrEqual(40);
  });

  it("uses the documented id scheme, matching the API's pattern", () => {
    expect(appId(1)).toBe("a0000000-0000-4000-8000-000000000001");
    expect(processId(2, 1)).toBe("b0000000-0000-4000-8000-000200000001");
    fleet.apps.forEach((a, i) => {
      expect(a.id).toBe(appId(i + 1));
      expect(a.processes.map((p) => p.id)).toEqual(
        a.processes.map((_, m) => processId(i + 1, m + 1)),
      );
    });
    for (const id of [...fleet.apps.map((a) => a.id), ...processes.map((p) => p.id)]) {
      expect(id).toMatch(UUID_PATTERN);
    }
  });

  it("plants one staging process, one Node 18 app and one debug.log", () => {
    const staging = processes.filter((p) => p.env.NODE_ENV === "staging").map((p) => p.id);
    expect(staging).toEqual([DEFAULT_FLEET_PLANTED.stagingProcess]);
    const node18 = fleet.apps.filter((a) =>
      a.processes.some((p) => p.env.NODE_VERSION?.startsWith("18.")),
    );
    expect(node18.map((a) => a.id)).toEqual([DEFAULT_FLEET_PLANTED.node18App]);
    const debug = processes.filter((p) => "/app/storage/debug.log" in p.files).map((p) => p.id);
    expect(debug).toEqual([DEFAULT_FLEET_PLANTED.debugLogProcess]);
  });
});

describe("startSimulator() without a fleet", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 1 });
  });
  afterAll(() => sim.close());

  it("serves the default fleet with its keys and a generous rate limit", async () => {
    expect(sim.keys).toEqual(DEFAULT_KEYS);
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
    const a = await call(sim, "GET", "/applications?limit=100", { key: DEFAULT_KEYS.read });
    expect(a.body.total).toBe(defaultFleet().apps.length);
    expect(a.headers["x-ratelimit-limit"]).toBe("600");
  });

  it("the flaky process answers 503 twice, then normally", async () => {
    const pid = DEFAULT_FLEET_PLANTED.flakyProcess;
    const path = `/applications/${appId(2)}/processes/${pid}/exec`;
    const body = JSON.stringify({ command: ["printenv", "NODE_ENV"] });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call(sim, "POST", path, { body, key: DEFAULT_KEYS.write })).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sim.counters.executions(pid, ["printenv", "NODE_ENV"])).toBe(1);
  });
});
