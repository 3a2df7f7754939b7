// Figure 3: what a user would write instead. The same N exec requests, C at once, sent by the
// built CLI (`fanout run --quiet`) and by `xargs -P C curl` (GNU parallel when installed), each
// timed by /usr/bin/time, whose CPU figures include every child (each curl) it waited for.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jobData, TOKEN, targetGroups } from "./lib/fleet.mjs";
import { startSimProcess } from "./lib/sim-process.mjs";
import { fixed, load1, median } from "./lib/stats.mjs";

const has = (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/** Runs argv under /usr/bin/time; returns {wallMs, cpuMs} of it and all its children. */
function timed(argv, { env, stdin, stdout }) {
  const dir = mkdtempSync(join(tmpdir(), "fanout-time-"));
  const out = join(dir, "time");
  try {
    const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S", "-o", out, ...argv], {
      env,
      stdio: [stdin ?? "ignore", stdout ?? "ignore", "pipe"],
    });
    if (r.status !== 0)
      throw new Error(`${argv.slice(0, 3).join(" ")} … exited with ${r.status}: ${r.stderr}`);
    const [e, u, s] = readFileSync(out, "utf8").trim().split(/\s+/).map(Number);
    return { wallMs: e * 1000, cpuMs: (u + s) * 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function shellAlternative({ quick, runs, log }) {
  if (!has("curl") || !existsTime()) {
    return [skipped("curl or /usr/bin/time is not installed")];
  }
  const targets = quick ? 1_000 : 3_000;
  const concurrency = 50;
  const sim = await startSimProcess({ targets, latency: 0 });
  const dir = mkdtempSync(join(tmpdir(), "fanout-bench-xargs-"));
  const load = load1();
  const tool = has("parallel") ? "parallel" : "xargs";
  try {
    const jobFile = join(dir, "job.yaml");
    writeFileSync(
      jobFile,
      JSON.stringify(jobData({ targets, concurrency, command: ["printenv", "NODE_ENV"] })),
    );
    const urls = join(dir, "urls.txt");
    writeFileSync(
      urls,
      targetGroups(targets)
        .flatMap((g) =>
          g.processes.map((p) => `${sim.url}/applications/${g.app}/processes/${p}/exec\n`),
        )
        .join(""),
    );
    const curl = [
      "curl",
      "-s",
      "-X",
      "POST",
      "-H",
      `authorization: Bearer ${TOKEN}`,
      "-H",
      "content-type: application/json",
      "--data",
      '{"command":["printenv","NODE_ENV"],"timeout":30}',
    ];
    const shellArgv =
      tool === "parallel"
        ? ["parallel", "-j", String(concurrency), ...curl, "{}"]
        : ["xargs", "-P", String(concurrency), "-n", "1", ...curl];
    const env = { ...process.env, SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: TOKEN };
    const cli = join(import.meta.dirname, "..", "dist", "cli", "main.js");
    const fanoutArgv = [
      process.execPath,
      cli,
      "run",
      jobFile,
      "--quiet",
      "--report",
      join(dir, "report.json"),
    ];
    const fan = [];
    const sh = [];
    for (let run = 0; run < runs; run++) {
      fan.push(timed(fanoutArgv, { env }));
      const s1 = await sim.stats();
      const inFd = openSync(urls, "r");
      const outFd = openSync(join(dir, "out.txt"), "w");
      try {
        sh.push(timed(shellArgv, { env, stdin: inFd, stdout: outFd }));
      } finally {
        closeSync(inFd);
        closeSync(outFd);
      }
      const s2 = await sim.stats();
      if (s1.byStatus[200] !== targets || s2.byStatus[200] !== targets) {
        throw new Error(
          `expected ${targets} answers each, got fanout ${JSON.stringify(s1.byStatus)}, ${tool} ${JSON.stringify(s2.byStatus)}`,
        );
      }
      log(
        `  run ${run + 1}: fanout ${fixed(fan[run].wallMs, 0)} ms wall, ${fixed(fan[run].cpuMs, 0)} ms CPU; ` +
          `${tool}+curl ${fixed(sh[run].wallMs, 0)} ms wall, ${fixed(sh[run].cpuMs, 0)} ms CPU`,
      );
    }
    const cpuRatio = median(sh.map((s, i) => s.cpuMs / fan[i].cpuMs));
    const wallRatio = median(sh.map((s, i) => s.wallMs / fan[i].wallMs));
    const m = (xs, k) => fixed(median(xs.map((x) => x[k])) / 1000);
    return [
      {
        figure: `3. CPU, ${tool} -P ${concurrency} curl ÷ fanout`,
        value: `${fixed(cpuRatio, 1)}×`,
        target: "≥ 5×",
        met: cpuRatio >= 5,
        load,
        notes:
          `N=${targets}, C=${concurrency}, 0 ms latency, built CLI incl. start-up: fanout ${m(fan, "cpuMs")} s CPU, ` +
          `${tool}+curl ${m(sh, "cpuMs")} s CPU`,
      },
      {
        figure: `3. Wall, ${tool} -P ${concurrency} curl ÷ fanout`,
        value: `${fixed(wallRatio, 1)}×`,
        target: "(reported)",
        met: null,
        load,
        notes: `fanout ${m(fan, "wallMs")} s, ${tool}+curl ${m(sh, "wallMs")} s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}

function existsTime() {
  try {
    execFileSync("/usr/bin/time", ["-f", "%e", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function skipped(why) {
  return {
    figure: "3. vs xargs/parallel + curl",
    value: "skipped",
    target: "≥ 5×",
    met: null,
    load: load1(),
    notes: why,
  };
}
