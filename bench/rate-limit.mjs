// Figure 5: a rate-limited API's budget used fully without tripping it. The simulator allows 50
// requests per 2-second window; N requests; achieved rate ÷ allowed rate, and the 429s. Each run
// uses a key of its own company, so it starts with a fresh window.
import { runClient } from "./lib/client-process.mjs";
import { tokenFor } from "./lib/fleet.mjs";
import { startSimProcess } from "./lib/sim-process.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

const LIMIT = 50;
const WINDOW_S = 2;

export async function rateLimit({ quick, runs, log, execArgv = [] }) {
  const requests = quick ? 250 : 500;
  const sim = await startSimProcess({
    targets: requests,
    latency: 5,
    rateLimit: { limit: LIMIT, windowSeconds: WINDOW_S },
  });
  const load = load1();
  const allowed = LIMIT / WINDOW_S;
  const ratios = [];
  const refused = [];
  try {
    for (let run = 0; run < runs; run++) {
      await sim.stats();
      const [r] = await runClient({
        execArgv,
        mode: "fanout",
        url: sim.url,
        tokens: [tokenFor(run + 1)],
        job: { targets: requests, concurrency: 50 },
      });
      const s = await sim.stats();
      const achieved = requests / (r.wallMs / 1000);
      ratios.push(achieved / allowed);
      refused.push(s.byStatus[429] ?? 0);
      log(
        `  run ${run + 1}: ${fixed(r.wallMs / 1000)} s, ${fixed(achieved, 1)} req/s of ${allowed} allowed, ${s.byStatus[429] ?? 0} × 429`,
      );
    }
  } finally {
    await sim.close();
  }
  const ratio = median(ratios);
  const n429 = median(refused);
  return [
    {
      figure: "5. Rate-limit use (achieved ÷ allowed)",
      value: fixed(ratio),
      target: "≥ 0.95",
      met: ratio >= 0.95,
      load,
      notes: `${requests} requests, limit ${LIMIT} per ${WINDOW_S} s window (${allowed}/s), C=50, 5 ms latency; windows open at the first request, so a perfect client can reach ${fixed(requests / (Math.ceil(requests / LIMIT) - 1) / WINDOW_S / allowed)}`,
    },
    {
      figure: "5. 429s",
      value: `${n429} (${fixed((100 * n429) / requests, 1)}%)`,
      target: "≤ 1%",
      met: n429 <= requests / 100,
      load,
      notes: `per run: ${refused.join(", ")}`,
    },
  ];
}
