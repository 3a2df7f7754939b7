// Figure 6: start-up. `fanout validate` on a small job, wall time as a ratio to `node -e 0`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { jobData } from "./lib/fleet.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

function wall(argv) {
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited with ${r.status}`);
  return performance.now() - t0;
}

export async function startup({ quick, log }) {
  const dir = mkdtempSync(join(tmpdir(), "fanout-bench-startup-"));
  const load = load1();
  try {
    const job = join(dir, "job.yaml");
    writeFileSync(
      job,
      JSON.stringify(
        jobData({ targets: 3, steps: 2, concurrency: 4, command: ["printenv", "NODE_ENV"] }),
      ),
    );
    const cli = join(import.meta.dirname, "..", "dist", "cli", "main.js");
    const node = [];
    const validate = [];
    const n = quick ? 5 : 11;
    for (let i = 0; i < n; i++) {
      node.push(wall([process.execPath, "-e", "0"]));
      validate.push(wall([process.execPath, cli, "validate", job]));
    }
    const ratio = median(validate) / median(node);
    log(
      `  node -e 0 ${fixed(median(node), 0)} ms, fanout validate ${fixed(median(validate), 0)} ms (medians of ${n})`,
    );
    return [
      {
        figure: "6. Start-up, `fanout validate` ÷ `node -e 0`",
        value: `${fixed(ratio, 1)}×`,
        target: "(reported)",
        met: null,
        load,
        notes: `${fixed(median(validate), 0)} ms vs ${fixed(median(node), 0)} ms, medians of ${n}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
