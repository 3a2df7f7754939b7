import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimContext } from "./context.js";
import { Counters } from "./counters.js";
import { Scripts } from "./faults.js";
import { defaultFleet } from "./fleet/default.js";
import { loadFleetFile, validateFleet } from "./fleet/load.js";
import { buildRuntime } from "./fleet/runtime.js";
import type { Fleet } from "./fleet/schema.js";
import { createHandler } from "./http/handler.js";
import { RandomStreams } from "./random.js";
import { RateLimiter } from "./rate-limit.js";
import type { Simulator, SimulatorOptions } from "./types.js";

/** Options of startSimulator beyond the shared contract. */
export interface StartOptions extends SimulatorOptions {
  /** Clock for rate-limit windows and `date`, in ms; tests pass a manual one. Default Date.now. */
  now?: () => number;
}

/** A running simulator with the validated fleet and the concrete counters. */
export interface RunningSimulator extends Simulator {
  fleet: Fleet;
  counters: Counters;
}

/** Starts the simulated Sevalla API on loopback; resolves once it listens. */
export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const fleet = await resolveFleet(options.fleet);
  const now = options.now ?? Date.now;
  const sim: SimContext = {
    runtime: buildRuntime(fleet),
    counters: new Counters(),
    limiter: new RateLimiter(fleet.rateLimit, now),
    streams: new RandomStreams(options.seed ?? 1),
    scripts: new Scripts(fleet.scripts),
    now,
  };
  const shutdown = new AbortController();
  const server = createServer({ keepAliveTimeout: 10_000 }, createHandler(sim, shutdown.signal));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const read = fleet.keys.find((k) => k.permission === "read")?.token ?? "";
  const write = fleet.keys.find((k) => k.permission === "write")?.token ?? "";
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/v3`,
    port,
    keys: { read, write },
    counters: sim.counters,
    fleet,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Wake sleeping commands and delayed answers, then drop idle keep-alive sockets.
        shutdown.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function resolveFleet(fleet: unknown): Promise<Fleet> {
  if (fleet === undefined) return defaultFleet();
  if (typeof fleet === "string") return loadFleetFile(fleet);
  return validateFleet(fleet);
}
