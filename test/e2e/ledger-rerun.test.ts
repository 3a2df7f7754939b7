// `fanout run JOB --rerun-failed REPORT.json`: exactly the pairs that were not ok run again.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { DEFAULT_FLEET_PLANTED, defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, runCli, tempDir, writeJob } from "../cli/spawn-cli.js";

let sim: RunningSimulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ fleet: defaultFleet() });
});
afterAll(() => sim.close());

const env = () => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.read });
const HELLO = ["echo", "hello"];
const DEBUG = ["cat", "/app/storage/debug.log"];
// Apps 10..14: only app 12's web process (mailer) has the debug log.
const PROCESSES = [10, 11, 12, 13, 14].map((n) => processId(n, 1));

describe("fanout run --rerun-failed", () => {
  it("runs only the failed and skipped pairs; the ok ones are reported as resumed", async () => {
    const dir = await tempDir();
    const file = await writeJob(dir, "debug.yaml", {
      name: "debug-log",
      targets: [10, 11, 12, 13, 14].map((n) => ({ app: appId(n), process: processId(n, 1) })),
      steps: [
        { name: "hello", command: HELLO },
        { name: "debug", command: DEBUG },
        { name: "after", command: ["echo", "after"] },
      ],
    });
    const first = join(dir, "first.json");
    expect((await runCli(["run", file, "--report", first], { env: env() })).code).toBe(1);

    sim.counters.reset();
    const plan = await runCli(["run", file, "--rerun-failed", first, "--dry-run"], { env: env() });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      `5 targets × 3 steps = 15 requests planned; 7 already ok in ${first} (not sent again), 8 to send (dry run: nothing sent)`,
    );
    expect(sim.counters.totalRequests()).toBe(0);

    const second = join(dir, "second.json");
    const res = await runCli(["run", file, "--rerun-failed", first, "--report", second], {
      env: env(),
    });
    expect(res.code).toBe(1);
    for (const p of PROCESSES) {
      expect(sim.counters.executions(p, HELLO)).toBe(0);
      const wasOk = p === DEFAULT_FLEET_PLANTED.debugLogProcess;
      expect(sim.counters.executions(p, DEBUG)).toBe(wasOk ? 0 : 1);
    }
    expect(sim.counters.totalExecutions()).toBe(4);
    const report = parseReport(JSON.parse(await readFile(second, "utf8")));
    expect(report.results).toHaveLength(15);
    expect(report.results.filter((r) => r.resumed).map((r) => r.step)).toEqual([
      "hello",
      "hello",
      "hello",
      "debug",
      "after",
      "hello",
      "hello",
    ]);
    expect(report.summary).toMatchObject({ ok: 7, failed: 4, skipped: 4 });
  });

  it("refuses another job's report (exit 2, nothing sent)", async () => {
    const dir = await tempDir();
    const a = await writeJob(dir, "a.yaml", {
      name: "a",
      targets: [{ app: appId(10), process: processId(10, 1) }],
      steps: [{ name: "hello", command: HELLO }],
    });
    const b = await writeJob(dir, "b.yaml", {
      name: "b",
      targets: [{ app: appId(10), process: processId(10, 1) }],
      steps: [{ name: "hello", command: HELLO }],
    });
    const report = join(dir, "a.json");
    expect((await runCli(["run", a, "--report", report, "--quiet"], { env: env() })).code).toBe(0);
    sim.counters.reset();
    const res = await runCli(["run", b, "--rerun-failed", report], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('is a report of job "a", not of "b"');
    expect(sim.counters.totalRequests()).toBe(0);
  });
});
