// Ctrl-C on a spawned `fanout run`: the partial report is complete and the exit code is 130/143.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, startCli, tempDir, writeJob } from "../cli/spawn-cli.js";

let sim: RunningSimulator;

beforeAll(async () => {
  assertBuilt();
  // Slow answers, so that the run is surely still going when the signal arrives.
  sim = await startSimulator({ fleet: { ...defaultFleet(), latency: 300 } });
});
afterAll(() => sim.close());

/** Resolves once the simulator has seen `n` requests: the run has started, without a timer guess. */
async function requestsSeen(n: number): Promise<void> {
  while (sim.counters.totalRequests() < n) await new Promise((r) => setTimeout(r, 10));
}

async function slowJob(dir: string, name = "slow.yaml") {
  const targets = Array.from({ length: 20 }, (_, i) => ({
    app: appId(i + 1),
    process: processId(i + 1, 1),
  }));
  const file = await writeJob(dir, name, {
    name: "slow",
    targets,
    steps: [
      { name: "env", command: ["printenv", "NODE_ENV"] },
      { name: "os", command: ["cat", "/etc/os-release"] },
    ],
    extra: { concurrency: 2 },
  });
  return { file };
}

async function slowRun(dir: string) {
  const { file } = await slowJob(dir);
  const report = join(dir, "report.json");
  sim.counters.reset();
  const run = startCli(["run", file, "--report", report], {
    env: { SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.write },
  });
  await requestsSeen(1);
  return { ...run, report };
}

describe("fanout run interrupted", () => {
  it("SIGINT: exit 130, and the report has every planned pair, unstarted ones cancelled", async () => {
    const { child, done, report } = await slowRun(await tempDir());
    child.kill("SIGINT");
    const res = await done;
    expect(res.code).toBe(130);
    expect(res.stderr).toContain("SIGINT: stopping");
    const parsed = parseReport(JSON.parse(await readFile(report, "utf8")));
    expect(parsed.interrupted).toBe(true);
    expect(parsed.stoppedBy).toBe("signal");
    expect(parsed.results).toHaveLength(40);
    expect(new Set(parsed.results.map((r) => `${r.process}/${r.step}`)).size).toBe(40);
    expect(parsed.summary.cancelled).toBeGreaterThan(0);
    expect(parsed.summary.total).toBe(40);
    expect(res.stdout).toContain("interrupted");
  });

  it("with several jobs, the jobs after the interrupted one still get complete, all-cancelled reports", async () => {
    const dir = await tempDir();
    const { file: first } = await slowJob(dir, "first.yaml");
    const { file: second } = await slowJob(dir, "second.yaml");
    sim.counters.reset();
    const { child, done } = startCli(["run", first, second, "--report", join(dir, "r.json")], {
      env: { SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.write },
    });
    await requestsSeen(1);
    child.kill("SIGINT");
    expect((await done).code).toBe(130);
    const read = async (name: string) =>
      parseReport(JSON.parse(await readFile(join(dir, name), "utf8")));
    expect((await read("r.first.json")).interrupted).toBe(true);
    const later = await read("r.second.json");
    expect(later.results).toHaveLength(40);
    expect(later.summary.cancelled).toBe(40);
  });

  it("SIGTERM: exit 143 with the partial report", async () => {
    const { child, done, report } = await slowRun(await tempDir());
    child.kill("SIGTERM");
    const res = await done;
    expect(res.code).toBe(143);
    expect(parseReport(JSON.parse(await readFile(report, "utf8"))).interrupted).toBe(true);
  });

  it("a second SIGINT exits at once, still 130", async () => {
    const { child, done, output } = await slowRun(await tempDir());
    child.kill("SIGINT");
    // Its message means the first handler ran and the run is stopping; then the second comes.
    while (!output().stderr.includes("SIGINT: stopping"))
      await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGINT");
    const res = await done;
    expect(res.code).toBe(130);
    // Whether the second signal beat the graceful stop is up to the scheduler; either way 130.
    if (res.stderr.includes("SIGINT again"))
      expect(res.stderr).toContain("the report is not written");
  });
});
