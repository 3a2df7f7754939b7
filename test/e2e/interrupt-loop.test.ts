// SIGINT and SIGTERM at seeded random points of a spawned `fanout run` (24 runs, a few at a
// time): during name resolution, while steps are in flight, near the end. Whenever it lands, the
// report file is complete, valid JSON (written by rename, never half a file) with every planned
// pair, and the exit code is 130 / 143.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { defaultFleet } from "../../src/sim/fleet/default.js";
import { mulberry32 } from "../../src/sim/random.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, startCli, tempDir } from "../cli/spawn-cli.js";

const RUNS = 24;
const PARALLEL = 4;
const TARGET_APPS = ["billing-api", "search", "notifications", "shipping", "mailer", "catalog"];

/** One simulator per lane: "the run has asked the API something" must be this run's request. */
let sims: RunningSimulator[] = [];
let dir: string;
let job: string;

beforeAll(async () => {
  assertBuilt();
  // 40 ms a request: a run of 12 targets × 3 steps at concurrency 3 lasts about half a second.
  sims = await Promise.all(
    Array.from({ length: PARALLEL }, () =>
      startSimulator({ fleet: { ...defaultFleet(), latency: 40 } }),
    ),
  );
  dir = await tempDir("fanout-interrupt-");
  job = join(dir, "job.yaml");
  // App names (not UUIDs): the run starts with listings, so a signal can land during resolution.
  const targets = TARGET_APPS.map((app) => `  - app: ${app}\n    processes: [web, worker]\n`);
  await writeFile(
    job,
    `name: interrupt\nconcurrency: 3\ntargets:\n${targets.join("")}steps:\n` +
      "  - name: env\n    command: [printenv, NODE_ENV]\n" +
      "  - name: os\n    command: [cat, /etc/os-release]\n" +
      "  - name: ls\n    command: [ls, /app]\n",
  );
});
afterAll(() => Promise.all(sims.map((s) => s.close())));

interface Outcome {
  n: number;
  signal: "SIGINT" | "SIGTERM";
  delayMs: number;
  code: number | null;
  stderr: string;
  report: string;
}

async function interruptedRun(
  sim: RunningSimulator,
  n: number,
  signal: Outcome["signal"],
  delayMs: number,
) {
  const report = join(dir, `report-${n}.json`);
  const before = sim.counters.totalRequests();
  const run = startCli(["run", job, "--report", report], {
    env: { SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.write },
  });
  // The CLI is up once it has asked the API something (a listing); then a random wait.
  let exited = false;
  void run.done.then(() => {
    exited = true;
  });
  while (sim.counters.totalRequests() === before && !exited)
    await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, delayMs));
  run.child.kill(signal);
  const res = await run.done;
  return { n, signal, delayMs, code: res.code, stderr: res.stderr, report } satisfies Outcome;
}

describe(`interrupted at random points (${RUNS} runs)`, () => {
  it("always exit 130/143 and a complete report with every pair", {
    timeout: 120_000,
  }, async () => {
    const random = mulberry32(2026);
    const plan = Array.from({ length: RUNS }, (_, n) => ({
      n,
      signal: (n % 2 === 0 ? "SIGINT" : "SIGTERM") as Outcome["signal"],
      // Up to 350 ms after the first listing: the run lasts about 600 ms even on an idle machine.
      delayMs: Math.floor(random() * 350),
    }));
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      sims.map(async (sim) => {
        while (next < plan.length) {
          const p = plan[next++] as (typeof plan)[number];
          outcomes.push(await interruptedRun(sim, p.n, p.signal, p.delayMs));
        }
      }),
    );

    let cancelled = 0;
    for (const o of outcomes) {
      const what = `run ${o.n} (${o.signal} after ${o.delayMs} ms): ${o.stderr}`;
      expect(o.code, what).toBe(o.signal === "SIGINT" ? 130 : 143);
      expect(o.stderr, what).not.toMatch(/^ {4}at /m);
      const report = parseReport(JSON.parse(await readFile(o.report, "utf8")));
      expect(report.interrupted, what).toBe(true);
      expect(report.results, what).toHaveLength(TARGET_APPS.length * 2 * 3);
      expect(new Set(report.results.map((r) => `${r.process}/${r.step}`)).size).toBe(36);
      cancelled += report.summary.cancelled;
    }
    // The signals did land mid-run, not only after it was over.
    expect(cancelled).toBeGreaterThan(0);
    // No temporary file was left behind by the atomic writes.
    expect((await readdir(dir)).filter((f) => !/^(job\.yaml|report-\d+\.json)$/.test(f))).toEqual(
      [],
    );
  });
});
