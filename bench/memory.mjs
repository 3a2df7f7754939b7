// Figure 4: peak RSS of a run holding R (target, step) results with 1 KiB outputs each, R = 10,000
// and 100,000 (targets × 10 steps, every step `cat` of a 1 KiB file), and the growth per result.
// Every run is a fresh process, so its peak RSS is that run's alone.
// The target is measured with the same 1 KiB on every process (a fleet check: equal answers are
// kept once per run); the worst case, every one of the results different, is reported beside it.
import { runClient } from "./lib/client-process.mjs";
import { TOKEN } from "./lib/fleet.mjs";
import { startSimProcess } from "./lib/sim-process.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

const STEPS = 10;
const OUTPUT = 1024;
const MB = 1024 * 1024;

export async function memory({ quick, runs, log, execArgv = [] }) {
  const sizes = quick ? [10_000, 30_000] : [10_000, 100_000];
  const sim = await startSimProcess({
    targets: sizes[1] / STEPS,
    latency: 0,
    outputBytes: OUTPUT,
    distinctFiles: STEPS,
  });
  const load = load1();
  const peaks = [];
  const live = [];
  let distinct;
  try {
    for (const results of sizes) {
      const m = await measure({ sim, results, distinct: false, runs, log, execArgv });
      peaks.push(m.peak);
      live.push(m.live);
    }
    distinct = await measure({ sim, results: sizes[1], distinct: true, runs, log, execArgv });
  } finally {
    await sim.close();
  }
  const growth = (peaks[1] - peaks[0]) / (sizes[1] - sizes[0]);
  const liveGrowth = (live[1] - live[0]) / (sizes[1] - sizes[0]);
  const at100k = peaks[0] + growth * (100_000 - sizes[0]);
  const measured = sizes[1] === 100_000;
  return [
    {
      figure: `4. Peak RSS at ${sizes[1].toLocaleString("en")} results`,
      value: `${fixed(peaks[1] / MB, 0)} MB`,
      target: measured ? "≤ 300 MB" : "≤ 300 MB at 100,000",
      met: at100k <= 300 * MB,
      load,
      notes:
        `1 KiB stdout each (${STEPS} steps per target); ${fixed(peaks[0] / MB, 0)} MB at ${sizes[0].toLocaleString("en")}` +
        (measured ? "" : `; projected ${fixed(at100k / MB, 0)} MB at 100,000`),
    },
    {
      figure: "4. Memory growth per result",
      value: `${fixed(growth, 0)} B`,
      target: "(reported)",
      met: null,
      load,
      notes: `live heap after a full GC: ${fixed(liveGrowth, 0)} B per result; peak RSS: (peak RSS at ${sizes[1].toLocaleString("en")} − at ${sizes[0].toLocaleString("en")}) ÷ ${(sizes[1] - sizes[0]).toLocaleString("en")}; the output alone is ${OUTPUT} B`,
    },
    {
      figure: `4. Peak RSS at ${sizes[1].toLocaleString("en")} results, every output different`,
      value: `${fixed(distinct.peak / MB, 0)} MB`,
      target: "(reported)",
      met: null,
      load,
      notes:
        `the worst case: no two of the ${sizes[1].toLocaleString("en")} outputs alike, so each is kept; ` +
        `live heap after a full GC ${fixed(distinct.live / MB, 0)} MB (${fixed(distinct.live / sizes[1], 0)} B per result, ` +
        `the outputs alone are ${fixed((sizes[1] * OUTPUT) / MB, 0)} MB); maxOutputBytes bounds what a result keeps`,
    },
  ];
}

async function measure({ sim, results, distinct, runs, log, execArgv }) {
  const rss = [];
  const heap = [];
  for (let run = 0; run < runs; run++) {
    const [r] = await runClient({
      execArgv: [...execArgv, "--expose-gc"],
      mode: "fanout",
      url: sim.url,
      tokens: [TOKEN],
      job: {
        targets: results / STEPS,
        steps: STEPS,
        concurrency: 50,
        outputBytes: OUTPUT,
        distinct,
      },
    });
    rss.push(r.maxRssKiB * 1024);
    heap.push(r.liveHeap);
    log(
      `  ${results} results${distinct ? " (all different)" : ""}, run ${run + 1}: peak RSS ${fixed(r.maxRssKiB / 1024, 0)} MB, live heap ${fixed(r.liveHeap / MB, 0)} MB; at the end heap ${fixed(r.memory.heapUsed / MB, 0)} of ${fixed(r.memory.heapTotal / MB, 0)} MB, external ${fixed(r.memory.external / MB, 0)} MB, RSS ${fixed(r.memory.rss / MB, 0)} MB, ${fixed(r.wallMs / 1000, 1)} s`,
    );
  }
  return { peak: median(rss), live: median(heap) };
}
