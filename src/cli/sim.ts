import type { Command } from "commander";
import { EXIT } from "./exit-codes.js";

interface SimFlags {
  fleet?: string;
  port: string;
  seed: string;
  host: string;
}

export function registerSim(program: Command): void {
  program
    .command("sim")
    .description("Start the simulated Sevalla API on loopback (a built-in fleet unless --fleet).")
    .option("--fleet <file>", "fleet YAML file (see src/sim/README.md)")
    .option("--port <n>", "port to listen on; 0 picks a free one", "0")
    .option("--seed <n>", "seed for latency and fault randomness", "1")
    .option("--host <addr>", "loopback address to bind", "127.0.0.1")
    .action(async (flags: SimFlags) => {
      process.exitCode = await runSim(flags);
    });
}

async function runSim(flags: SimFlags): Promise<number> {
  const port = Number(flags.port);
  const seed = Number(flags.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usage(`--port: not a port: ${flags.port}`);
  if (!Number.isInteger(seed)) return usage(`--seed: not an integer: ${flags.seed}`);
  // Loaded here, not at start-up (see main.ts).
  const [{ FleetError }, { startSimulator }] = await Promise.all([
    import("../sim/fleet/errors.js"),
    import("../sim/server.js"),
  ]);
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({ fleet: flags.fleet, port, seed, host: flags.host });
  } catch (err) {
    if (err instanceof FleetError) {
      for (const line of err.lines()) process.stderr.write(`${line}\n`);
      return EXIT.invalidInput;
    }
    return usage(`cannot start the simulator: ${(err as Error).message}`);
  }
  const s = sim;
  // Listen before printing: whoever reads the exports may signal us at once.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  process.stdout.write(
    [
      `# fanout simulator: ${s.fleet.apps.length} apps on ${s.url} (Ctrl-C to stop)`,
      `export SEVALLA_API_URL=${s.url}`,
      `export SEVALLA_API_TOKEN=${s.keys.write}`,
      `# read-only key: export SEVALLA_API_TOKEN=${s.keys.read}`,
      "",
    ].join("\n"),
  );
  const signal = await stopped;
  await s.close();
  process.stderr.write(`# simulator stopped (${signal})\n`);
  // Stopping the simulator is its normal end, not an interrupted run.
  return EXIT.ok;
}

function usage(message: string): number {
  process.stderr.write(`fanout sim: ${message}\n`);
  return EXIT.invalidInput;
}
