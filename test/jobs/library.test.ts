// Every job in jobs/ runs against the simulator's default fleet and finds exactly what the fleet
// plants for it (src/sim/fleet/default-checks.ts): the deviants fail, everyone else is ok, and
// nothing secret reaches the report.
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SevallaClient } from "../../src/client/client.js";
import { loadJob } from "../../src/job/load.js";
import type { Report } from "../../src/report/model.js";
import { runJob } from "../../src/run/run-job.js";
import { DEFAULT_FLEET_PLANTED as P } from "../../src/sim/fleet/default.js";
import { DEFAULT_FLEET_CHECKS as C } from "../../src/sim/fleet/default-checks.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 1 });
});
afterAll(() => sim.close());

async function run(file: string, vars: Record<string, string> = {}, key = sim.keys.read) {
  const job = await loadJob(`jobs/${file}`, { vars });
  const client = new SevallaClient({ baseUrl: sim.url, token: key, connections: 4 });
  try {
    return await runJob(job, { client, sleep: async () => {} });
  } finally {
    await client.close();
  }
}

/** "step process" of every result that is not ok. */
const notOk = (report: Report) =>
  report.results.filter((r) => r.status !== "ok").map((r) => `${r.step} ${r.process}`);

describe("jobs/ against the default fleet", () => {
  it("has at least 12 documented jobs besides the demo, each in jobs/README.md", async () => {
    const { readFile } = await import("node:fs/promises");
    const index = await readFile("jobs/README.md", "utf8");
    const files = readdirSync("jobs").filter((f) => f.endsWith(".yaml"));
    expect(files.filter((f) => f !== "demo.yaml").length).toBeGreaterThanOrEqual(12);
    for (const f of files) expect(index).toContain(`(${f})`);
    for (const f of files) expect((await loadJob(`jobs/${f}`)).description).toBeTruthy();
  });

  it("env-var: NODE_ENV=production everywhere but the staging worker; grouped with the deviant named", async () => {
    const report = await run("env-var.yaml");
    expect(notOk(report)).toEqual([`value ${P.stagingProcess}`]);
    const [miss] = report.results.filter((r) => r.status === "failed");
    expect(miss?.expectation).toEqual({
      check: "stdout.equals",
      expected: '"production"',
      seen: "staging",
    });
    const groups = report.groups[0]?.groups ?? [];
    expect(groups.map((g) => [g.output, g.count])).toEqual([
      ["production", 11],
      ["staging", 1],
    ]);
    expect(groups[1]?.targets.map((t) => t.process)).toEqual([P.stagingProcess]);
  });

  it("env-var --var name=TZ --var expected=UTC: the Berlin process is not among these targets, all ok", async () => {
    const report = await run("env-var.yaml", { name: "TZ", expected: "UTC" });
    expect(notOk(report)).toEqual([]);
  });

  it("runtime-versions: Python and PHP show up in the inventory; shipping fails the Node >= 20 check", async () => {
    const report = await run("runtime-versions.yaml");
    const failed = notOk(report);
    expect(failed).toHaveLength(3);
    expect(failed.every((f) => f.startsWith("node-supported b0000000-0000-4000-8000-0009"))).toBe(
      true,
    );
    const outputs = report.groups.find((g) => g.step === "runtimes")?.groups.map((g) => g.output);
    expect(outputs).toContain("NODE_VERSION=20.18.1\nPYTHON_VERSION=3.12.7\n");
    expect(outputs).toContain("NODE_VERSION=20.18.1\nPHP_VERSION=8.3.13\n");
    expect(report.results.every((r) => r.step !== "runtimes" || r.filtered)).toBe(true);
  });

  it("disk-usage: the 93% worker fails the number check", async () => {
    const report = await run("disk-usage.yaml");
    expect(notOk(report)).toEqual([`df ${C.fullDisk}`]);
    const miss = report.results.find((r) => r.status === "failed")?.expectation;
    expect(miss?.check).toBe("number");
    expect(miss?.seen).toMatch(/^93 in "\/dev\/sda1 .* 93% \/app\/storage"$/);
  });

  it("debug-files: mailer/web has debug.log (ls exits 0 where 2 is expected)", async () => {
    const report = await run("debug-files.yaml");
    expect(notOk(report)).toEqual([
      `no-debug-log ${P.debugLogProcess}`,
      `storage-extras ${P.debugLogProcess}`,
    ]);
    const first = report.results.find((r) => r.process === P.debugLogProcess);
    expect(first?.error?.message).toBe("exited with code 0 (expected 2)");
  });

  it("listening-ports: payments/web also listens on 9229", async () => {
    const report = await run("listening-ports.yaml");
    expect(notOk(report)).toEqual([`listening ${C.inspectorPort}`]);
    expect(report.results.find((r) => r.status === "failed")?.expectation?.seen).toContain(
      ":2412 ",
    );
  });

  it("processes: the scheduler's cron runs a node --inspect", async () => {
    const report = await run("processes.yaml");
    expect(notOk(report)).toEqual([`ps ${C.inspectProcess}`]);
  });

  it("deployed-revision: catalog is on the old revision; --var revision=<old> turns it around", async () => {
    const report = await run("deployed-revision.yaml");
    const catalog = report.results
      .filter((r) => r.app === C.oldRevisionApp)
      .map((r) => `revision ${r.process}`);
    expect(notOk(report)).toEqual(catalog);
    const old = await run("deployed-revision.yaml", { revision: "3b8d0a7" });
    expect(notOk(old)).toHaveLength(report.results.length - catalog.length);
  });

  it("timezone-locale: reports/web runs in Europe/Berlin; its locale step still runs", async () => {
    const report = await run("timezone-locale.yaml");
    expect(notOk(report)).toEqual([`timezone ${C.berlinTimezone}`]);
  });

  it("certificates: gateway/web has an empty CA bundle (grep -c says 0, exit 1)", async () => {
    const report = await run("certificates.yaml");
    expect(notOk(report)).toEqual([`ca-bundle ${C.emptyCaBundle}`]);
    const r = report.results.find((x) => x.status === "failed");
    expect(r).toMatchObject({ exitCode: 1, expectation: { check: "number", seen: '0 in "0"' } });
  });

  it("secrets-set: the test key fails, and no secret value reaches the report", async () => {
    const report = await run("secrets-set.yaml");
    expect(notOk(report)).toEqual([`secrets ${C.testApiKey}`]);
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/sk_(live|test)_[0-9a-f]/);
    for (const app of sim.fleet.apps) {
      for (const p of app.processes) {
        for (const key of ["DATABASE_URL", "REDIS_URL", "API_TOKEN", "SENTRY_DSN"]) {
          const secret = p.env[key]?.match(
            /:([0-9a-f]{16,})@|sk_\w+_([0-9a-f]+)|\/\/([0-9a-f]{32})@/,
          );
          const value = secret?.slice(1).find(Boolean);
          if (value) expect(text).not.toContain(value);
        }
      }
    }
    expect(report.results.every((r) => r.redacted)).toBe(true);
    expect(report.results[0]?.stdout).toMatch(/^DATABASE_URL=postgres:\/\/\w+:\[redacted\]@/m);
    expect(report.results[0]?.stdout).toContain("API_TOKEN=[redacted]");
  });

  it("log-errors: webhooks/web logged 15 errors; the tail shows the last 3 lines", async () => {
    const report = await run("log-errors.yaml");
    expect(notOk(report)).toEqual([`error-count ${C.erroringLog}`]);
    const tail = report.results.find((r) => r.step === "log-tail" && r.process === C.erroringLog);
    expect(tail?.stdout.split("\n").filter(Boolean)).toHaveLength(3);
    expect(tail?.stdout).toContain("(attempt 15)");
  });

  it("os-release: Debian 12 everywhere, one group", async () => {
    const report = await run("os-release.yaml");
    expect(notOk(report)).toEqual([]);
    expect(report.groups[0]?.distinct).toBe(1);
  });

  it("cache-clear: a read key gets 403 once per worker and stops at the threshold; a write key clears", async () => {
    const refused = await run("cache-clear.yaml");
    expect(refused.stoppedBy).toBe("threshold");
    expect(
      refused.results
        .filter((r) => r.error?.code === "API_FORBIDDEN")
        .every((r) => r.attempts === 1),
    ).toBe(true);
    const cleared = await run("cache-clear.yaml", {}, sim.keys.write);
    expect(notOk(cleared)).toEqual([]);
    expect(cleared.results.filter((r) => r.step === "cache-empty").map((r) => r.stdout)).toEqual(
      Array(6).fill(""),
    );
  });

  it("env-audit and demo still load and run", async () => {
    expect(notOk(await run("env-audit.yaml"))).toEqual([]);
    const demo = await run("demo.yaml");
    expect(demo.results.filter((r) => r.status === "error")).toHaveLength(8);
  });
});
