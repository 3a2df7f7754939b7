// Runner throughput: N targets × 1 step against the simulator at a fixed latency, over loopback,
// with the real SevallaClient. Compares wall time to the ideal N / concurrency × latency.
// Usage: npm run build && node bench/runner-throughput.mjs [targets=1000] [concurrency=50] [latencyMs=20] [runs=5]
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

const sim = await startSimulator({ fleet, seed: 1 });
const client = new SevallaClient({ baseUrl: sim.url, token, connections: concurrency, env: {} });
const ideal = (targets / concurrency) * latencyMs;
const walls = [];
try {
  for (let run = 0; run <= runs; run++) {
    sim.counters.reset();
    const t0 = performance.now();
    const report = await runJob(job, { client });
    const wall = performance.now() - t0;
    if (report.summary.ok !== targets)
      throw new Error(`expected ${targets} ok, got ${JSON.stringify(report.summary)}`);
    const label = run === 0 ? "warm-up" : `run ${run}`;
    console.log(
      `${label.padEnd(8)} ${wall.toFixed(0).padStart(5)} ms  (${(wall / ideal).toFixed(2)}× ideal)  max in flight ${sim.counters.maxInFlight()}`,
    );
    if (run > 0) walls.push(wall);
  }
} finally {
  await client.close();
  await sim.close();
}
walls.sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)];
console.log(
  `${targets} targets × 1 step, concurrency ${concurrency}, latency ${latencyMs} ms: ideal ${ideal} ms, ` +
    `median ${median.toFixed(0)} ms (${(median / ideal).toFixed(2)}×), best ${walls[0].toFixed(0)} ms, ` +
    `overhead ${((median - ideal) / targets).toFixed(2)} ms/target`,
);
