// Canary rollouts and the --yes gate, as a user runs them: the built CLI against the simulator.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, runCli, tempDir, writeJob } from "../cli/spawn-cli.js";

let sim: RunningSimulator;
let dir: string;
const env = () => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.write });
// Workers of apps 1..6; targets 2 and 3 name a process that does not exist (404: no answer).
const target = (app: number, proc = 2) => ({ app: appId(app), process: processId(app, proc) });
const targets = [target(1), target(2, 9), target(3, 9), target(4), target(5), target(6)];
const touch = { name: "mark", command: ["touch", "/tmp/fanout-canary"] };

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = await tempDir("fanout-rollout-");
  sim.counters.reset();
});

describe("fanout run with a rollout", () => {
  it("stops at stage 2 of 3 when it passes its budget: exit 5, stage 3 sends nothing", async () => {
    const file = await writeJob(dir, "canary.yaml", {
      name: "canary",
      targets,
      steps: [touch],
      extra: { rollout: [1, 3, "100%"], concurrency: 1 },
    });
    const plan = await runCli(["run", file, "--dry-run"], { env: env() });
    expect(plan.stdout).toContain(
      "Rollout in 3 stages: 1 (+1) → 3 (+2) → 100% (+3); each halts the rollout when more than 0 of its targets fail",
    );
    const report = join(dir, "r.json");
    const res = await runCli(["run", file, "--report", report, "--yes"], { env: env() });
    expect(res.code).toBe(5);
    const parsed = parseReport(JSON.parse(await readFile(report, "utf8")));
    expect(parsed.rollout?.stoppedAtStage).toBe(2);
    expect(parsed.rollout?.stages.map((s) => s.status)).toEqual(["passed", "halted", "notRun"]);
    // Stage 2's first failure passed its budget (0): its other target never started (THRESHOLD).
    expect(parsed.results.slice(2).map((r) => r.error?.code)).toEqual([
      "THRESHOLD",
      ...Array(3).fill("ROLLOUT_HALTED"),
    ]);
    // The simulator saw two requests (stage 1, stage 2's first target) and none for stage 3.
    expect(sim.counters.totalRequests()).toBe(2);
    for (const app of [4, 5, 6]) expect(sim.counters.totalExecutions(processId(app, 2))).toBe(0);
    expect(res.stdout).toContain("ROLLOUT_HALTED");
    expect(res.stdout).toMatch(/stopped: rollout stage 2 of 3 \(3\)/);
  });
});

describe("the --yes gate", () => {
  it("refuses a mutating job from a non-interactive shell without --yes: exit 2, nothing sent", async () => {
    const file = await writeJob(dir, "mark.yaml", {
      name: "mark",
      targets: [target(1)],
      steps: [touch],
    });
    const res = await runCli(["run", file, "--report", join(dir, "r.json")], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('step "mark" runs `touch`, which is not read-only');
    expect(res.stderr).toContain("Pass --yes to run it from a non-interactive shell");
    expect(sim.counters.totalRequests()).toBe(0);
    // A dry run sends nothing, so it needs no --yes; --yes runs it.
    expect((await runCli(["run", file, "--dry-run"], { env: env() })).code).toBe(0);
    const yes = await runCli(["run", file, "--report", join(dir, "r.json"), "--yes"], {
      env: env(),
    });
    expect(yes.code).toBe(0);
    expect(sim.counters.totalExecutions(processId(1, 2))).toBe(1);
  });

  it("lets a read-only job run without --yes", async () => {
    const file = await writeJob(dir, "read.yaml", {
      name: "read",
      targets: [target(1)],
      steps: [{ name: "env", command: ["printenv", "NODE_ENV"] }],
    });
    const res = await runCli(["run", file, "--report", join(dir, "r.json")], { env: env() });
    expect(res.code).toBe(0);
  });
});
