// Figure 2: CPU per request at zero latency, fanout (runJob + SevallaClient) vs the floor of its
// stack (p-limit + undici.request only), over the same N single-step targets. Each run is a fresh
// process with a warm-up; fanout and floor alternate so that changing load hits both alike.
import { runClient } from "./lib/client-process.mjs";
import { TOKEN } from "./lib/fleet.mjs";
import { startSimProcess } from "./lib/sim-process.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

export async function cpuPerRequest({ quick, runs, log, execArgv = [] }) {
  const targets = quick ? 3_000 : 10_000;
  const concurrency = 50;
  const sim = await startSimProcess({ targets, latency: 0 });
  const load = load1();
  const per = { fanout: [], floor: [] };
  let simCpuMs = 0;
  let requests = 0;
  try {
    for (let run = 0; run < runs; run++) {
      for (const mode of ["fanout", "floor"]) {
        await sim.stats();
        const [r] = await runClient({
          execArgv,
          mode,
          url: sim.url,
          tokens: [TOKEN],
          job: { targets, concurrency },
          runs: 1,
          warmupTargets: 1_000,
        });
        const s = await sim.stats();
        simCpuMs += s.cpuMs;
        requests += s.total;
        per[mode].push((r.cpuMs * 1000) / targets);
        log(
          `  run ${run + 1} ${mode}: ${fixed((r.cpuMs * 1000) / targets, 1)} µs CPU/request, ${fixed(r.wallMs, 0)} ms wall`,
        );
      }
    }
  } finally {
    await sim.close();
  }
  const fanout = median(per.fanout);
  const floor = median(per.floor);
  const ratio = fanout / floor;
  return [
    {
      figure: "2. CPU per request vs floor",
      value: `${fixed(ratio)}×`,
      target: "≤ 1.5×",
      met: ratio <= 1.5,
      load,
      notes:
        `N=${targets}, C=${concurrency}, 0 ms latency: fanout ${fixed(fanout, 0)} µs, ` +
        `p-limit + undici.request ${fixed(floor, 0)} µs per request (user+system); ` +
        `sim ${fixed((simCpuMs * 1000) / requests, 0)} µs per request`,
    },
  ];
}
