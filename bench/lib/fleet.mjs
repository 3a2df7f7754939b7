// Generated fleets and jobs for the benchmarks: N processes in apps of 100, deterministic ids,
// one write key per company (so rate-limit runs can each get a fresh window).
import { parseJob, simAppId } from "../../dist/index.js";

const PER_APP = 100;
export const TOKEN = "bench_write_key_000000";

/** Process p (1-based) of app a: both numbers in the last group, so any N fits. */
export const processId = (a, p) =>
  `b0000000-0000-4000-8000-${String(a).padStart(6, "0")}${String(p).padStart(6, "0")}`;

/** A key per company: tokenFor(0) is TOKEN; tokenFor(n) has a company (and a window) of its own. */
export const tokenFor = (n) => (n === 0 ? TOKEN : `bench_write_key_${String(n).padStart(6, "0")}`);

/** [{app, processes}] for the first `targets` processes of the generated fleet. */
export function targetGroups(targets) {
  const groups = [];
  for (let a = 1, left = targets; left > 0; a++, left -= PER_APP) {
    const n = Math.min(PER_APP, left);
    groups.push({
      app: simAppId(a),
      processes: Array.from({ length: n }, (_, p) => processId(a, p + 1)),
    });
  }
  return groups;
}

/**
 * The simulator's fleet: `targets` processes, `latency` ms, a rate limit or "off", and, when
 * outputBytes > 0, a file /app/out.txt of that many bytes, the same on every process. With
 * `distinctFiles: n`, also /app/out-1.txt ... /app/out-n.txt, each different from every other file
 * of the fleet. Every process has INSTANCE=<its id> in its environment: an answer of its own.
 */
export function benchFleet({
  targets,
  latency = 0,
  rateLimit = "off",
  outputBytes = 0,
  distinctFiles = 0,
  keys = 8,
}) {
  const padding = "x".repeat(Math.max(0, outputBytes - 1));
  const filesOf = (id) => {
    if (outputBytes === 0) return undefined;
    const files = { "/app/out.txt": `${padding}\n` };
    for (let n = 1; n <= distinctFiles; n++) {
      const own = `${id} ${n} `;
      files[`/app/out-${n}.txt`] = `${own}${padding.slice(own.length)}\n`;
    }
    return files;
  };
  return {
    keys: Array.from({ length: keys }, (_, n) => ({
      token: tokenFor(n),
      permission: "write",
      company: `bench-${n}`,
    })),
    latency,
    rateLimit,
    apps: targetGroups(targets).map((g, i) => ({
      id: g.app,
      name: `app-${i + 1}`,
      processes: g.processes.map((id, p) => {
        const files = filesOf(id);
        return {
          id,
          key: `p${p + 1}`,
          env: { NODE_ENV: "production", INSTANCE: id },
          ...(files ? { files } : {}),
        };
      }),
    })),
  };
}

/**
 * The argv step `step` (0-based) runs: outputBytes of output when the fleet has the files, else a
 * short line. `distinct`: every (process, step) answers differently; else every process alike.
 */
export const commandFor = (outputBytes, { distinct = false, step = 0 } = {}) => {
  if (outputBytes > 0) return ["cat", distinct ? `/app/out-${step + 1}.txt` : "/app/out.txt"];
  return ["printenv", distinct ? "INSTANCE" : "NODE_ENV"];
};

/** A job file's data (YAML accepts JSON): `targets` × `steps` steps running `command` (an argv, or
 * a function of the step's index giving one). */
export function jobData({ targets, steps = 1, concurrency, command }) {
  return {
    version: 1,
    name: "bench",
    concurrency,
    timeout: 30,
    retries: 3,
    targets: targetGroups(targets),
    steps: Array.from({ length: steps }, (_, i) => ({
      name: `s${i + 1}`,
      command: typeof command === "function" ? command(i) : command,
    })),
  };
}

/** The same job through the real loader, so it stays valid whatever the Job type grows. */
export function benchJob(options) {
  return parseJob(JSON.stringify(jobData(options)), { file: "bench.yaml" });
}
