// Runs bench/lib/client-child.mjs in a fresh process and returns its per-run measurements.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./client-child.mjs", import.meta.url));

/**
 * mode "fanout" | "floor"; job {targets, steps, concurrency, outputBytes}; one result per run:
 * {wallMs, cpuMs, ok, total, maxRssKiB, heapUsed}. warmupTargets > 0 runs a smaller job first.
 */
export async function runClient({
  mode,
  url,
  tokens,
  job,
  runs = 1,
  warmupTargets = 0,
  execArgv = [],
}) {
  const child = fork(CHILD, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = once(child, "exit");
  child.send({ mode, url, tokens, job, runs, warmupTargets });
  const [msg] = await Promise.race([
    once(child, "message"),
    exited.then(([code]) => {
      throw new Error(`client child (${mode}) exited with ${code} before reporting`);
    }),
  ]);
  await exited;
  for (const r of msg.results) {
    if (r.ok !== r.total) throw new Error(`${mode}: only ${r.ok} of ${r.total} requests were ok`);
  }
  return msg.results;
}
