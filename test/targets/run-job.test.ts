// runJob's resolve stage over loopback: names resolved with the run's client, the report carries
// appName/processKey, the same process reached twice runs once, and --limit can empty the run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SevallaClient } from "../../src/client/client.js";
import type { Job, TargetSpec } from "../../src/job/model.js";
import { runJob } from "../../src/run/run-job.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { parseFilter } from "../../src/targets/filters.js";
import { bigFleet, N, READ, WRITE } from "./big-fleet.js";
import { rejection } from "./helpers.js";

let sim: RunningSimulator;
const clients: SevallaClient[] = [];
const client = (token = WRITE) => {
  const c = new SevallaClient({ baseUrl: sim.url, token, env: {} });
  clients.push(c);
  return c;
};

const job = (targets: TargetSpec[]): Job => ({
  version: 1,
  name: "names",
  concurrency: 10,
  timeout: 15,
  retries: 1,
  vars: {},
  targets,
  steps: [
    {
      name: "env",
      command: ["printenv", "NODE_ENV"],
      timeout: 15,
      retries: 1,
      continueOnFailure: false,
    },
  ],
});

beforeAll(async () => {
  sim = await startSimulator({ fleet: bigFleet() });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});
beforeEach(() => sim.counters.reset());

describe("runJob resolves names with its client", () => {
  it("runs each process once, and every result carries appName and processKey", async () => {
    const report = await runJob(
      job([
        { app: "billing-api", processes: "all", label: "billing" },
        { app: appId(N.billingApi), processes: [processId(N.billingApi, 1)] },
        { apps: "all", where: { name: "svc-00?", processKey: ["web"] } },
      ]),
      { client: client() },
    );
    expect(report.summary).toMatchObject({ targets: 11, ok: 11 });
    expect(report.results.slice(0, 3).map((r) => [r.appName, r.processKey, r.label])).toEqual([
      ["billing-api", "web", "billing"],
      ["billing-api", "worker", "billing"],
      ["svc-001", "web", null],
    ]);
    expect(report.results.every((r) => r.appName && r.processKey)).toBe(true);
    expect(sim.counters.totalExecutions(processId(N.billingApi, 1))).toBe(1);
    expect(sim.counters.count("GET applications", 200)).toBe(3);
  });

  it("a --limit that matches nothing gives a report with no targets (exit 4) and sends no exec", async () => {
    const report = await runJob(job([{ app: "billing-api", processes: "all" }]), {
      client: client(),
      limit: [parseFilter("process=cron")],
    });
    expect(report.summary.targets).toBe(0);
    expect(report.results).toEqual([]);
    expect(sim.counters.count("POST exec")).toBe(0);
  });

  it("a bad name rejects before any exec", async () => {
    const error = await rejection(
      runJob(job([{ app: "biling-api", processes: ["web"] }]), { client: client() }),
    );
    expect(error.code).toBe("TARGET_NOT_FOUND");
    expect(sim.counters.count("POST exec")).toBe(0);
  });

  it("a read-only key lists too (listing is a read)", async () => {
    const report = await runJob(job([{ app: "shop", processes: ["web"] }]), {
      client: client(READ),
    });
    expect(report.results[0]).toMatchObject({ status: "ok", appName: "shop", processKey: "web" });
  });
});
