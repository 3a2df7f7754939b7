// Figure 1: scheduling efficiency = ideal / measured makespan, ideal = ceil(N / C) × latency,
// N single-step targets at 100 ms simulated latency, for C = 50, 100, 200.
import { performance } from "node:perf_hooks";
import { runClient } from "./lib/client-process.mjs";
import { TOKEN } from "./lib/fleet.mjs";
import { startSimProcess } from "./lib/sim-process.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

const LATENCY = 100;

export async function scheduling({ quick, runs, log, execArgv = [] }) {
  const targets = quick ? 2_000 : 10_000;
  const sim = await startSimProcess({ targets, latency: LATENCY });
  const rows = [];
  try {
    for (const concurrency of [50, 100, 200]) {
      const load = load1();
      await sim.stats();
      const t0 = performance.now();
      const results = await runClient({
        execArgv,
        mode: "fanout",
        url: sim.url,
        tokens: [TOKEN],
        job: { targets, concurrency },
        runs,
        warmupTargets: 2 * concurrency,
      });
      const childWall = performance.now() - t0;
      const s = await sim.stats();
      const ideal = Math.ceil(targets / concurrency) * LATENCY;
      const walls = results.map((r) => r.wallMs);
      const eff = median(walls.map((w) => ideal / w));
      log(
        `  C=${concurrency}: makespans ${walls.map((w) => w.toFixed(0)).join(", ")} ms, ideal ${ideal} ms`,
      );
      rows.push({
        figure: `1. Scheduling efficiency, C=${concurrency}`,
        value: fixed(eff, 3),
        target: "≥ 0.90",
        met: eff >= 0.9,
        load,
        notes:
          `N=${targets}, ${LATENCY} ms latency: median makespan ${fixed(median(walls) / 1000)} s vs ideal ` +
          `${fixed(ideal / 1000)} s; CPU (% of one core) fanout ${fixed(median(results.map((r) => (100 * r.cpuMs) / r.wallMs)), 0)}%, ` +
          `sim ${fixed((100 * s.cpuMs) / childWall, 0)}%`,
      });
    }
  } finally {
    await sim.close();
  }
  return rows;
}
