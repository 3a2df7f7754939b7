// One client under test, in a fresh process: "fanout" (runJob + SevallaClient, the library as a
// user calls it) or "floor" (only p-limit + undici.request over the same requests: the least this
// stack can cost). Measures its own wall time, CPU time and peak RSS per run and sends them back.
import { performance } from "node:perf_hooks";
import pLimit from "p-limit";
import { Agent, request } from "undici";
import { runJob, SevallaClient } from "../../dist/index.js";
import { benchJob, commandFor, targetGroups } from "./fleet.mjs";

const [msg] = await new Promise((resolve) => process.once("message", (...m) => resolve(m)));
const { mode, url, tokens, job, runs, warmupTargets } = msg;
const distinct = job.distinct === true;
const command = commandFor(job.outputBytes ?? 0, { distinct });
const commandOfStep = (step) => commandFor(job.outputBytes ?? 0, { distinct, step });

// The job is loaded before the clock starts: loading is figure 6's business, not the run's.
function prepareFanout(targets) {
  const loaded = benchJob({ ...job, targets, command: commandOfStep });
  return (token) => fanout(loaded, token);
}

async function fanout(loaded, token) {
  const client = new SevallaClient({ baseUrl: url, token, connections: job.concurrency, env: {} });
  try {
    const report = await runJob(loaded, { client });
    return { ok: report.summary.ok, total: report.summary.total, keep: report };
  } finally {
    await client.close();
  }
}

function prepareFloor(targets) {
  const paths = targetGroups(targets).flatMap((g) =>
    g.processes.map((p) => `${url}/applications/${g.app}/processes/${p}/exec`),
  );
  return (token) => floor(paths, token);
}

async function floor(paths, token) {
  const dispatcher = new Agent({ connections: job.concurrency, pipelining: 1 });
  const limit = pLimit(job.concurrency);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const body = JSON.stringify({ command, timeout: 30 });
  let ok = 0;
  const one = async (path) => {
    for (let s = 0; s < (job.steps ?? 1); s++) {
      const res = await request(path, { method: "POST", headers, body, dispatcher });
      const answer = await res.body.json();
      if (res.statusCode === 200 && answer.exit_code === 0) ok++;
    }
  };
  try {
    await Promise.all(paths.map((p) => limit(() => one(p))));
    return { ok, total: paths.length * (job.steps ?? 1) };
  } finally {
    await dispatcher.close();
  }
}

// Between the two: p-limit + SevallaClient.exec, no runner. Splits fanout's cost into client and runner.
function prepareClient(targets) {
  const pairs = targetGroups(targets).flatMap((g) => g.processes.map((p) => [g.app, p]));
  return async (token) => {
    const client = new SevallaClient({
      baseUrl: url,
      token,
      connections: job.concurrency,
      env: {},
    });
    const limit = pLimit(job.concurrency);
    let ok = 0;
    try {
      await Promise.all(
        pairs.map(([app, proc]) =>
          limit(async () => {
            const answer = await client.exec(app, proc, command, { timeout: 30 });
            if (answer.exitCode === 0) ok++;
          }),
        ),
      );
      return { ok, total: pairs.length };
    } finally {
      await client.close();
    }
  };
}

/** What the run really holds, without the garbage V8 has not collected yet (--expose-gc only). */
function liveHeap() {
  if (!globalThis.gc) return null;
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const prepare = { floor: prepareFloor, client: prepareClient, fanout: prepareFanout }[mode];
if (warmupTargets > 0) await prepare(warmupTargets)(tokens[0]);
const go = prepare(job.targets);
const results = [];
for (let run = 0; run < runs; run++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { ok, total, keep } = await go(tokens[run % tokens.length]);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  results.push({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ok,
    total,
    // Peak RSS of the process so far (KiB), measured while the report is still held.
    maxRssKiB: process.resourceUsage().maxRSS,
    memory: keep ? process.memoryUsage() : null,
    liveHeap: keep ? liveHeap() : null,
  });
}
process.send({ results }, () => process.disconnect());
