// The run ledger end to end: a run killed with SIGKILL resumes from its ledger without sending an
// ok pair again (the simulator's execution counters prove it), and a second resume sends nothing.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../../src/ledger/read.js";
import { parseReport } from "../../src/report/schema.js";
import { defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, runCli, startCli, tempDir, writeJob } from "../cli/spawn-cli.js";

let sim: RunningSimulator;
beforeAll(async () => {
  assertBuilt();
  // Slow answers, so that the run is surely still going when it is killed.
  sim = await startSimulator({ fleet: { ...defaultFleet(), latency: 300 } });
});
afterAll(() => sim.close());

const env = () => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.read });
const STEPS = [
  { name: "env", command: ["printenv", "NODE_ENV"] },
  { name: "os", command: ["cat", "/etc/os-release"] },
];

async function slowJob(dir: string, name = "slow") {
  // Apps 3..22: app 2's web process is the default fleet's flaky one (scripted 503s).
  const targets = Array.from({ length: 20 }, (_, i) => ({
    app: appId(i + 3),
    process: processId(i + 3, 1),
  }));
  return writeJob(dir, `${name}.yaml`, { name, targets, steps: STEPS, extra: { concurrency: 4 } });
}

async function okLinesIn(path: string): Promise<number> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l.includes('"type":"result"') && l.includes('"status":"ok"')).length;
}

describe("fanout run --ledger, killed, then --resume", () => {
  it("sends no ok pair again, and the final report is complete", async () => {
    const dir = await tempDir();
    const file = await slowJob(dir);
    const ledger = join(dir, "run.ledger");
    const run = startCli(["run", file, "--ledger", ledger, "--report", join(dir, "r1.json")], {
      env: env(),
    });
    // Killed once a few results are in the ledger: no timer guess.
    while ((await okLinesIn(ledger)) < 4) await new Promise((r) => setTimeout(r, 10));
    run.child.kill("SIGKILL");
    expect((await run.done).code).toBeNull();

    const recorded = [...(await readLedger(ledger)).results.values()];
    const ok = recorded.filter((r) => r.status === "ok");
    expect(ok.length).toBeGreaterThanOrEqual(4);
    expect(ok.length).toBeLessThan(40);
    sim.counters.reset();
    const report = join(dir, "r2.json");
    const res = await runCli(["run", file, "--resume", ledger, "--report", report], { env: env() });
    expect(res.code).toBe(0);
    for (const r of ok) expect(sim.counters.executions(r.process, r.command)).toBe(0);
    expect(sim.counters.totalExecutions()).toBe(40 - ok.length);

    const final = parseReport(JSON.parse(await readFile(report, "utf8")));
    expect(final.summary).toMatchObject({ total: 40, ok: 40 });
    expect(final.results.filter((r) => r.resumed).length).toBe(ok.length);
    expect(res.stderr).toContain(`Ledger: ${ledger}`);

    // The resume appended to the same ledger: resuming it again sends nothing at all.
    sim.counters.reset();
    const again = await runCli(["run", file, "--resume", ledger, "--report", report], {
      env: env(),
    });
    expect(again.code).toBe(0);
    expect(sim.counters.totalRequests()).toBe(0);
    expect((await readLedger(ledger)).headers).toHaveLength(3);
    expect(await readFile(ledger, "utf8")).not.toContain(sim.keys.read);
  });

  it("refuses, before sending anything, a ledger of another job and an existing --ledger file", async () => {
    const dir = await tempDir();
    const ledger = join(dir, "other.ledger");
    const other = await writeJob(dir, "other.yaml", {
      name: "other",
      targets: [{ app: appId(3), process: processId(3, 1) }],
      steps: [STEPS[0] as (typeof STEPS)[number]],
    });
    expect((await runCli(["run", other, "--ledger", ledger, "--quiet"], { env: env() })).code).toBe(
      0,
    );
    sim.counters.reset();
    const file = await slowJob(dir);
    const resumed = await runCli(["run", file, "--resume", ledger], { env: env() });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/is the ledger of job "other".*refusing to resume/);
    const existing = await runCli(["run", file, "--ledger", ledger], { env: env() });
    expect(existing.code).toBe(2);
    expect(existing.stderr).toContain(`${ledger} exists: continue that run with --resume`);
    expect(sim.counters.totalRequests()).toBe(0);
  });
});
