// `fanout demo` (and `npm start`): jobs/demo.yaml against the simulated default fleet, in-process,
// over loopback, with the read-only key. No account, no token, nothing to configure.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { loadJob } from "../job/load.js";
import { writeReportFile } from "../report/write.js";
import { checkDemo } from "./demo-check.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { describeExitCode, exitStatus } from "./exit-status.js";
import { type Io, processIo } from "./io.js";
import { printReport } from "./print-report.js";
import { createProgress } from "./progress.js";
import { type SignalTrap, trapSignals } from "./signals.js";

/** Relative to this file, so it works from src/ (tests) and dist/ (the package), whatever the cwd. */
export const DEMO_JOB = fileURLToPath(new URL("../../jobs/demo.yaml", import.meta.url));

export interface DemoFlags {
  report?: string;
  onlyFailed?: boolean;
}

export async function demoCommand(
  flags: DemoFlags,
  io: Io,
  trap: () => SignalTrap,
): Promise<ExitCode> {
  // Loaded here, not at start-up (see main.ts): the simulator, the client and the runner.
  const [{ startSimulator }, { SevallaClient }, { runJob }] = await Promise.all([
    import("../sim/server.js"),
    import("../client/client.js"),
    import("../run/run-job.js"),
  ]);
  const job = await loadJob(DEMO_JOB);
  const sim = await startSimulator();
  const client = new SevallaClient({
    baseUrl: sim.url,
    token: sim.keys.read,
    connections: job.concurrency,
  });
  const signals = trap();
  try {
    const apps = sim.fleet.apps.length;
    const processes = sim.fleet.apps.reduce((n, app) => n + app.processes.length, 0);
    io.out(
      `fanout demo: jobs/demo.yaml (${job.name}) against a simulated fleet of ${apps} apps / ` +
        `${processes} processes at ${sim.url}, with its read-only key.\n`,
    );
    const progress = createProgress(io.progress, true);
    const report = await runJob(job, { client, signal: signals.signal, onEvent: progress.onEvent });
    progress.clear();
    const path =
      flags.report ?? join(await mkdtemp(join(tmpdir(), "fanout-demo-")), "fanout-report.json");
    await writeReportFile(path, report);
    printReport(io, report, { onlyFailed: flags.onlyFailed ?? false });
    io.out(`\nReport: ${path}`);
    const received = signals.received();
    if (received) return exitStatus(report, { signal: received });
    const { highlights, deviations } = checkDemo(report);
    io.out(highlights.map((h) => `  ✓ ${h}`).join("\n"));
    io.out(
      `\n\`fanout run jobs/demo.yaml\` would have exited ${describeExitCode(exitStatus(report))}; ` +
        "the demo exits 0 because those failures are the ones it plants.",
    );
    if (deviations.length > 0) {
      io.err(`The demo did not run as designed:\n${deviations.map((d) => `  ✗ ${d}`).join("\n")}`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } finally {
    signals.dispose();
    await client.close();
    await sim.close();
  }
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Run jobs/demo.yaml against a simulated fleet (in-process, no account) and show the results.",
    )
    .option("--report <file>", "where to write the JSON report (default: a new temp directory)")
    .option("--only-failed", "list only the steps that are not ok")
    .action(async (flags: DemoFlags) => {
      const io = processIo();
      process.exitCode = await demoCommand(flags, io, () => trapSignals(io));
    });
}
