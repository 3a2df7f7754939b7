// Runner throughput: N targets × 1 step against the simulator at a fixed latency, over loopback,
// with the real SevallaClient. Compares wall time to the ideal N / concurrency × latency.
// Usage: npm run build && node bench/runner-throughput.mjs [targets=1000] [concurrency=50] [latencyMs=20] [runs=5]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runJob, SevallaClient, simAppId, startSimulator } from "../dist/index.js";

const [targets = 1000, concurrency = 50, latencyMs = 20, runs = 5] = process.argv
  .slice(2)
  .map(Number);
const PER_APP = 20;
const apps = Math.ceil(targets / PER_APP);
const token = "bench-write-key-0001";
// Process ids: app number and process number in the last group, so they stay unique and valid.
const processId = (a, p) =>
  `b0000000-0000-4000-8000-${String(a).padStart(6, "0")}${String(p).padStart(6, "0")}`;

const fleet = {
  keys: [{ token, permission: "write" }],
  latency: latencyMs,
  rateLimit: "off",
  apps: Array.from({ length: apps }, (_, i) => ({
    id: simAppId(i + 1),
    name: `app-${i + 1}`,
    processes: Array.from({ length: PER_APP }, (_, p) => ({
      id: processId(i + 1, p + 1),
      key: `p${p + 1}`,
      env: { NODE_ENV: "production" },
    })),
  })),
};

const job = {
  version: 1,
  name: "runner throughput",
  concurrency,
  timeout: 15,
  retries: 3,
  vars: {},
  targets: fleet.apps.map((app) => ({ app: app.id, processes: app.processes.map((p) => p.id) })),
  steps: [
    {
      name: "env",
      command: ["printenv", "NODE_ENV"],
      timeout: 15,
      retries: 3,
      continueOnFailure: false,
    },
  ],
};
let left = targets;
for (const t of job.targets) {
  t.processes = t.processes.slice(0, Math.max(0, left));
  left -= t.processes.length;
}

const ideal = (targets / concurrency) * latencyMs;

/** Runs the job `runs` times after a warm-up; returns the median and best wall times. */
async function measure(title, client, inFlight) {
  const walls = [];
  console.log(title);
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now();
    const report = await runJob(job, { client });
    const wall = performance.now() - t0;
    if (report.summary.ok !== targets) {
      throw new Error(`expected ${targets} ok, got ${JSON.stringify(report.summary)}`);
    }
    const label = run === 0 ? "warm-up" : `run ${run}`;
    console.log(
      `  ${label.padEnd(8)} ${wall.toFixed(0).padStart(5)} ms  (${(wall / ideal).toFixed(2)}× ideal)  max in flight ${inFlight()}`,
    );
    if (run > 0) walls.push(wall);
  }
  walls.sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)];
  console.log(
    `  median ${median.toFixed(0)} ms (${(median / ideal).toFixed(2)}× the ideal ${ideal} ms), best ${walls[0].toFixed(0)} ms, ` +
      `overhead ${((median - ideal) / targets).toFixed(2)} ms/target`,
  );
}

console.log(`${targets} targets × 1 step, concurrency ${concurrency}, latency ${latencyMs} ms`);

// 1. The runner alone: an in-process client that answers after `latencyMs` (no HTTP).
let inFlight = 0;
let maxInFlight = 0;
const fake = {
  async exec() {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    inFlight--;
    return {
      stdout: "production\n",
      stderr: "",
      exitCode: 0,
      requestId: null,
      rateLimit: null,
      durationMs: latencyMs,
    };
  },
};
await measure("runner alone (in-process fake client):", fake, () => maxInFlight);

// 2. The real thing: SevallaClient over loopback HTTP to the simulator (same process, same CPU).
const sim = await startSimulator({ fleet, seed: 1 });
const client = new SevallaClient({ baseUrl: sim.url, token, connections: concurrency, env: {} });
try {
  await measure("SevallaClient → simulator over loopback:", client, () =>
    sim.counters.maxInFlight(),
  );
} finally {
  await client.close();
  await sim.close();
}

// 3. The simulator in its own process (`fanout sim`), as an API would be: the runner and client
//    no longer share an event loop with the server.
const dir = mkdtempSync(join(tmpdir(), "fanout-bench-"));
const fleetFile = join(dir, "fleet.json");
writeFileSync(fleetFile, JSON.stringify(fleet));
const child = spawn(process.execPath, ["dist/cli/main.js", "sim", "--fleet", fleetFile], {
  stdio: ["ignore", "pipe", "inherit"],
});
try {
  let out = "";
  while (!/SEVALLA_API_URL=(\S+)/.test(out)) {
    const [chunk] = await once(child.stdout, "data");
    out += chunk;
  }
  const url = out.match(/SEVALLA_API_URL=(\S+)/)?.[1];
  const remote = new SevallaClient({ baseUrl: url, token, connections: concurrency, env: {} });
  try {
    await measure("SevallaClient → simulator in another process:", remote, () => "n/a");
  } finally {
    await remote.close();
  }
} finally {
  child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
