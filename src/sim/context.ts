import type { Counters } from "./counters.js";
import type { FaultPlan, Scripts } from "./faults.js";
import type { FleetRuntime } from "./fleet/runtime.js";
import type { FleetKey } from "./fleet/schema.js";
import type { RandomStreams } from "./random.js";
import type { RateLimiter } from "./rate-limit.js";

/** Everything one running simulator shares between requests. */
export interface SimContext {
  runtime: FleetRuntime;
  counters: Counters;
  limiter: RateLimiter;
  streams: RandomStreams;
  scripts: Scripts;
  now: () => number;
}

/** One request on its way through the pipeline. */
export interface RequestState {
  key: FleetKey;
  plan: FaultPlan;
  /** Aborted when the client goes away or the simulator closes. */
  signal: AbortSignal;
}
