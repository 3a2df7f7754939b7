// `fanout targets`, `run --limit`, `run --dry-run` with names, and `targets discover`, as a user
// runs them: the built CLI against a 260-app simulated fleet over loopback.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, runCli, tempDir } from "../cli/spawn-cli.js";
import { APP_COUNT, bigFleet, N, PROCESS_COUNT, READ } from "../targets/big-fleet.js";

let sim: RunningSimulator;
let dir: string;
const env = (token = READ) => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: token });
const count = (route: string) => sim.counters.count(route);

const JOB = `name: fleet
targets:
  - app: billing-api
    processes: all
    labels: { env: production, team: billing }
  - app: Storefront EU
    process: web
  - apps: all
    where: { name: "svc-00*", processKey: [worker] }
    labels: { env: staging }
steps:
  - name: env
    command: [printenv, NODE_ENV]
`;

async function jobFile(text = JOB, name = "job.yaml"): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

beforeAll(async () => {
  assertBuilt();
  const fleet = bigFleet();
  // A display name of its own for shop-eu, so that it resolves by display name.
  const eu = fleet.apps.find((a) => a.name === "shop-eu");
  if (eu) eu.display_name = "Storefront EU";
  sim = await startSimulator({ fleet });
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = await tempDir("fanout-targets-");
  sim.counters.reset();
});

describe("fanout targets", () => {
  it("shows the resolved targets and runs nothing", async () => {
    const res = await runCli(["targets", await jobFile()], { env: env() });
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Job fleet: 12 targets");
    expect(lines[1]).toMatch(/^LABEL +APP +PROCESS +APP ID +PROCESS ID +LABELS$/);
    expect(lines[2]).toMatch(
      /^- +billing-api +web +a0000000-\S+ +b0000000-\S+ +env=production,team=billing$/,
    );
    expect(count("POST exec")).toBe(0);
  });

  it("--json and --limit: one object per job, the filters applied with AND", async () => {
    const res = await runCli(
      ["targets", await jobFile(), "--json", "--limit", "env=staging", "--limit", "!app=svc-001"],
      { env: env() },
    );
    expect(res.code).toBe(0);
    const [out] = JSON.parse(res.stdout) as Array<{
      resolved: number;
      targets: Array<Record<string, unknown>>;
    }>;
    expect(out?.resolved).toBe(12);
    expect(out?.targets).toHaveLength(8);
    expect(out?.targets[0]).toEqual({
      label: null,
      appName: "svc-002",
      processKey: "worker",
      appId: "a0000000-0000-4000-8000-000000000002",
      processId: "b0000000-0000-4000-8000-000200000002",
      labels: { env: "staging" },
    });
  });
});

describe("exit 4: a filter that matches nothing", () => {
  it("run: names the filter, writes a report without targets, sends no exec", async () => {
    const report = join(dir, "r.json");
    const res = await runCli(
      [
        "run",
        await jobFile(),
        "--report",
        report,
        "--limit",
        "team=billing",
        "--limit",
        "process=cron",
      ],
      { env: env() },
    );
    expect(res.code).toBe(4);
    expect(res.stderr).toContain(
      "no targets matched: --limit process=cron left 0 of 2 (of 12 resolved; after team=billing: 2)",
    );
    expect((await parseReport(JSON.parse(await readFile(report, "utf8")))).summary.targets).toBe(0);
    expect(count("POST exec")).toBe(0);
  });

  it("run --dry-run and targets: the same exit and message", async () => {
    const file = await jobFile();
    for (const args of [
      ["run", file, "--dry-run"],
      ["targets", file],
    ]) {
      const res = await runCli([...args, "--limit", "env=qa"], { env: env() });
      expect(res.code).toBe(4);
      expect(res.stderr).toContain("no targets matched: --limit env=qa left 0 of 12");
    }
  });
});

describe("names: resolved before anything runs", () => {
  it("a run lists applications once (three pages) and the processes of each app it needs once", async () => {
    const res = await runCli(["run", await jobFile(), "--report", join(dir, "r.json"), "--quiet"], {
      env: env(),
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("12 targets · 12 steps · 12 ok");
    expect(count("GET applications")).toBe(3);
    // billing-api, shop-eu and svc-001..009: each app whose processes are needed, once.
    expect(count("GET processes")).toBe(11);
    const report = parseReport(JSON.parse(await readFile(join(dir, "r.json"), "utf8")));
    expect(report.results.every((r) => r.appName !== null && r.processKey !== null)).toBe(true);
  });

  it("a typo is exit 2 with the closest names, and no exec is sent", async () => {
    const file = await jobFile(JOB.replace("app: billing-api", "app: biling-api"));
    const res = await runCli(["run", file], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `${file}:3:5: no application named "biling-api" (by name or display name, among ${APP_COUNT}); closest: billing-api, Billing API, Billing Jobs\nNothing was run: fix the targets above.\n`,
    );
    expect(count("POST exec")).toBe(0);
  });

  it("--dry-run with names needs a key, and says why", async () => {
    const res = await runCli(["run", await jobFile(), "--dry-run"], {
      env: { SEVALLA_API_URL: sim.url },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("SEVALLA_API_TOKEN is not set");
    expect(res.stderr).toContain(
      "Nothing is sent to run commands here, but job fleet names apps or processes (or uses all): resolving names needs the API (a read-only key is enough).",
    );
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("a bad --limit is exit 2 before anything is sent", async () => {
    const res = await runCli(["run", await jobFile(), "--limit", "production"], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"production" is not a filter');
    expect(sim.counters.totalRequests()).toBe(0);
  });
});

describe("fanout targets discover", () => {
  it("writes an inventory a job can use, refuses to overwrite it without --force", async () => {
    const inventory = join(dir, "fleet.yaml");
    const first = await runCli(["targets", "discover", "--write", inventory], { env: env() });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Inventory: ${inventory}`);
    const text = await readFile(inventory, "utf8");
    expect(text).toContain(`# ${APP_COUNT} apps, ${PROCESS_COUNT} processes.`);
    expect(text).toContain(
      `  - label: billing-api/web\n    app: a0000000-0000-4000-8000-000000000${N.billingApi} # billing-api (Billing API)\n`,
    );

    const again = await runCli(["targets", "discover", "--write", inventory], { env: env() });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      `${inventory} exists: not overwritten (pass --force to replace it)`,
    );
    const forced = await runCli(["targets", "discover", "--write", inventory, "--force"], {
      env: env(),
    });
    expect(forced.code).toBe(0);

    const job = await jobFile(
      "name: all\ntargets: {inventory: fleet.yaml}\nsteps: [{name: e, command: [env]}]\n",
    );
    sim.counters.reset();
    const listed = await runCli(["targets", job, "--json", "--limit", "process=cron"], {
      env: env(),
    });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)[0].targets).toHaveLength(GENERATED_CRONS);
  });
});

const GENERATED_CRONS = 50 + 1;

describe("a listing that fails", () => {
  it("is exit 3 when it got no answer (after retries), exit 2 when refused; nothing runs", async () => {
    const down = await startSimulator({
      fleet: { ...bigFleet(), faults: { routes: "all", status: { 503: 1 } } },
    });
    try {
      const file = await jobFile(`retries: 1\n${JOB}`);
      const noAnswer = await runCli(["run", file, "--report", join(dir, "r.json")], {
        env: { SEVALLA_API_URL: down.url, SEVALLA_API_TOKEN: READ },
      });
      expect(noAnswer.code).toBe(3);
      expect(noAnswer.stderr).toMatch(
        /:4:5: could not list applications: 503 Service Unavailable from GET \/applications: .*; gave up after 1 retry\nNothing was run: the targets could not be looked up\.\n$/,
      );
      expect(down.counters.count("GET applications")).toBe(2); // sent, then retried once
      expect(down.counters.count("POST exec")).toBe(0);

      const refused = await runCli(["targets", file], {
        env: { SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: "not-a-key-of-this-sim" },
      });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        "could not list applications: 401 Unauthorized from GET /applications: the API key is missing, invalid or revoked; check SEVALLA_API_TOKEN",
      );
      expect(refused.stderr).not.toContain("not-a-key-of-this-sim");
    } finally {
      await down.close();
    }
  });
});
