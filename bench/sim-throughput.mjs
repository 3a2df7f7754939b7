// Simulator throughput at zero latency: exec `echo hi` from a keep-alive undici Pool, ~50 in
// flight. Run after a build: `npm run build && node bench/sim-throughput.mjs [--seconds 5]
// [--concurrency 50] [--separate]`. --separate runs the simulator in its own process, so the
// client's work is not on the server's event loop (closer to a real API); the default runs both in
// one process, as tests and the demo do.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import { defaultFleet, startSimulator } from "../dist/index.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};

function benchFleet() {
  return { ...defaultFleet(), latency: 0, rateLimit: "off", scripts: [] };
}

if (process.argv.includes("--serve")) {
  const sim = await startSimulator({ fleet: benchFleet() });
  process.send?.({ url: sim.url, token: sim.keys.write });
  process.on("disconnect", () => void sim.close());
} else {
  const seconds = arg("seconds", 5);
  const concurrency = arg("concurrency", 50);
  const separate = process.argv.includes("--separate");
  let target;
  let stop;
  if (separate) {
    const child = fork(fileURLToPath(import.meta.url), ["--serve"]);
    const [msg] = await once(child, "message");
    target = msg;
    stop = async () => child.disconnect();
  } else {
    const sim = await startSimulator({ fleet: benchFleet() });
    target = { url: sim.url, token: sim.keys.write };
    stop = () => sim.close();
  }
  const fleet = benchFleet();
  const targets = fleet.apps.flatMap((a) =>
    a.processes.map((p) => `/v3/applications/${a.id}/processes/${p.id}/exec`),
  );
  const origin = new URL(target.url).origin;
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const headers = { authorization: `Bearer ${target.token}`, "content-type": "application/json" };
  const body = JSON.stringify({ command: ["echo", "hi"] });

  let done = 0;
  let errors = 0;
  let measuring = false;
  let stopAt = 0;
  async function worker(i) {
    let n = i;
    while (Date.now() < stopAt) {
      const path = targets[n++ % targets.length];
      const res = await pool.request({ origin, path, method: "POST", headers, body });
      const text = await res.body.text();
      if (res.statusCode !== 200 || !text.includes('"hi\\n"')) errors++;
      if (measuring) done++;
    }
  }
  // One second of warm-up (JIT, connections), then the measured window.
  stopAt = Date.now() + 1000;
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  measuring = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  stopAt = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  const elapsed = (performance.now() - t0) / 1000;
  // CPU time of this process (client + server in one-process mode): less sensitive than wall
  // time to other load on a shared machine.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await pool.close();
  await stop();
  const result = {
    bench: "sim-throughput",
    mode: separate ? "separate processes" : "one process",
    concurrency,
    seconds: Number(elapsed.toFixed(2)),
    requests: done,
    errors,
    requestsPerSecond: Math.round(done / elapsed),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    requestsPerCpuSecond: Math.round(done / cpuSeconds),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
