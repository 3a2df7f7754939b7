// Figure 2: CPU per request at zero latency, fanout (runJob + SevallaClient) vs the floor of its
// stack (p-limit + undici.request only), over the same N single-step targets. Each run is a fresh
// process with a warm-up; fanout and floor alternate so that changing load hits both alike.
// Measured twice: every process giving the same answer (fanout parses equal answers once), and
// every process giving its own (printenv INSTANCE), where nothing can be reused.
import { runClient } from "./lib/client-process.mjs";
import { TOKEN } from "./lib/fleet.mjs";
import { startSimProcess } from "./lib/sim-process.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

export async function cpuPerRequest({ quick, runs, log, execArgv = [] }) {
  const targets = quick ? 3_000 : 10_000;
  const sim = await startSimProcess({ targets, latency: 0 });
  const load = load1();
  try {
    const same = await measure({ sim, targets, distinct: false, runs, log, execArgv });
    const distinct = await measure({ sim, targets, distinct: true, runs, log, execArgv });
    return [
      row("2. CPU per request vs floor", "≤ 1.5×", same, "every process answers alike", load),
      row(
        "2. CPU per request vs floor, every answer different",
        "≤ 1.5×",
        distinct,
        "every process answers its own id (printenv INSTANCE)",
        load,
      ),
    ];
  } finally {
    await sim.close();
  }
}

const CONCURRENCY = 50;

async function measure({ sim, targets, distinct, runs, log, execArgv }) {
  const per = { fanout: [], floor: [] };
  let simCpuMs = 0;
  let requests = 0;
  for (let run = 0; run < runs; run++) {
    for (const mode of ["fanout", "floor"]) {
      await sim.stats();
      const [r] = await runClient({
        execArgv,
        mode,
        url: sim.url,
        tokens: [TOKEN],
        job: { targets, concurrency: CONCURRENCY, distinct },
        runs: 1,
        warmupTargets: 1_000,
      });
      const s = await sim.stats();
      simCpuMs += s.cpuMs;
      requests += s.total;
      per[mode].push((r.cpuMs * 1000) / targets);
      log(
        `  run ${run + 1} ${mode}${distinct ? " (distinct answers)" : ""}: ${fixed((r.cpuMs * 1000) / targets, 1)} µs CPU/request, ${fixed(r.wallMs, 0)} ms wall`,
      );
    }
  }
  return {
    targets,
    fanout: median(per.fanout),
    floor: median(per.floor),
    simUs: (simCpuMs * 1000) / requests,
  };
}

function row(figure, target, m, answers, load) {
  const ratio = m.fanout / m.floor;
  return {
    figure,
    value: `${fixed(ratio)}×`,
    target,
    met: ratio <= 1.5,
    load,
    notes:
      `N=${m.targets}, C=${CONCURRENCY}, 0 ms latency, ${answers}: fanout ${fixed(m.fanout, 0)} µs, ` +
      `p-limit + undici.request ${fixed(m.floor, 0)} µs per request (user+system); ` +
      `sim ${fixed(m.simUs, 0)} µs per request`,
  };
}
