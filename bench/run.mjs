// `npm run bench`: every figure of issue 8, each against its target, medians of --runs runs
// (default 3). The simulator always runs in a process of its own. Prints a table; a full run of
// every figure also writes it, with the machine's details, to bench/results.md (a --quick or
// --only run must not overwrite the figures a full run left there).
//   node bench/run.mjs [--quick] [--only scheduling,cpu,xargs,memory,rate,startup] [--runs N]
//                      [--no-write] [--cpu-prof DIR] [--strict]
// --quick: smaller N and 1 run (about a minute); --cpu-prof: a V8 CPU profile of every fanout
// client process into DIR; --strict: exit 1 when a target is missed.
import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { cpuPerRequest } from "./cpu.mjs";
import { memory } from "./memory.mjs";
import { rateLimit } from "./rate-limit.mjs";
import { scheduling } from "./scheduling.mjs";
import { startup } from "./startup.mjs";
import { shellAlternative } from "./xargs.mjs";

const FIGURES = {
  scheduling,
  cpu: cpuPerRequest,
  xargs: shellAlternative,
  memory,
  rate: rateLimit,
  startup,
};

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const quick = flag("quick");
const runs = Number(value("runs") ?? (quick ? 1 : 3));
const only = value("only")?.split(",") ?? Object.keys(FIGURES);
const profDir = value("cpu-prof");
const execArgv = profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
const unknown = only.filter((name) => !(name in FIGURES));
const KNOWN = ["--quick", "--only", "--runs", "--no-write", "--cpu-prof", "--strict"];
// A mistyped flag (or --help) must not start a 7-minute run that overwrites results.md.
const badFlag = args.some(
  (a, i) =>
    a.startsWith("-") &&
    !KNOWN.includes(a) &&
    !["--only", "--runs", "--cpu-prof"].includes(args[i - 1]),
);
const usage = `usage: node bench/run.mjs [--quick] [--only ${Object.keys(FIGURES).join(",")}] [--runs N] [--no-write] [--cpu-prof DIR] [--strict]`;
if (flag("help") || flag("h")) {
  console.log(usage);
  process.exit(0);
}
if (badFlag || unknown.length > 0 || !Number.isInteger(runs) || runs < 1) {
  console.error(usage);
  process.exit(2);
}

const log = (line) => console.log(line);
const started = performance.now();
const rows = [];
for (const name of only) {
  const t0 = performance.now();
  log(`${name}…`);
  rows.push(...(await FIGURES[name]({ quick, runs, log, execArgv })));
  log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
const seconds = (performance.now() - started) / 1000;

const mark = (met) => (met === null ? "–" : met ? "yes" : "**no**");
const table = [
  "| Figure | Median | Target | Met | Load (1 min) | Details |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows.map(
    (r) => `| ${r.figure} | ${r.value} | ${r.target} | ${mark(r.met)} | ${r.load} | ${r.notes} |`,
  ),
].join("\n");

const commit = (() => {
  try {
    return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
})();
const machine = [
  `- CPU: ${cpus()[0]?.model ?? "unknown"}, ${cpus().length} cores`,
  `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  `- Node ${process.version} on ${process.platform} ${process.arch}`,
  `- Date: ${new Date().toISOString()}, commit ${commit}`,
  `- Load average at the end (1, 5, 15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}`,
  `- Mode: ${quick ? "--quick" : "full"}, ${runs} run(s) per figure${only.length < Object.keys(FIGURES).length ? `, only ${only.join(",")}` : ""}; took ${seconds.toFixed(0)} s`,
].join("\n");

log("");
log(table);
log("");
log(machine);
const complete = !quick && only.length === Object.keys(FIGURES).length;
if (!complete) {
  log("\nnot written: bench/results.md keeps the last full run of every figure");
} else if (!flag("no-write")) {
  const md = [
    "# fanout benchmarks",
    "",
    "Written by `npm run bench` (bench/run.mjs); the simulator runs in a separate process.",
    "Medians of the runs; the machine may have been shared, so the load average is shown per figure.",
    "",
    machine,
    "",
    table,
    "",
  ].join("\n");
  writeFileSync(new URL("./results.md", import.meta.url), md);
  log("\nwritten to bench/results.md");
}
const missed = rows.filter((r) => r.met === false).map((r) => r.figure);
log(missed.length === 0 ? "\nevery target met" : `\ntargets missed: ${missed.join("; ")}`);
if (flag("strict") && missed.length > 0) process.exitCode = 1;
