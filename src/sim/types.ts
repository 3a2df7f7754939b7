// The simulator's public handle: what tests, benchmarks and the demo get from startSimulator().

export interface SimulatorOptions {
  /** A fleet object, or a path to a fleet YAML file; the built-in default fleet when absent. */
  fleet?: unknown;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback host to bind, default 127.0.0.1. */
  host?: string;
  /** Seed for latency and fault randomness; a run with the same seed is reproducible. */
  seed?: number;
}

export interface SimCounters {
  /**
   * Requests per route and status, e.g. {route: "POST exec", status: 503, count: 2}. Routes:
   * "POST exec", "GET applications", "GET processes", "unknown"; status 0 = connection reset.
   */
  requests(): Array<{ route: string; status: number; count: number }>;
  /** Total requests received (every route and status). */
  totalRequests(): number;
  /** Times a command actually ran (not requests): per process and argv. */
  executions(processId: string, command: readonly string[]): number;
  /** Highest number of requests in flight at once since start (or reset). */
  maxInFlight(): number;
  reset(): void;
}

export interface Simulator {
  /** Base URL including the version prefix, e.g. http://127.0.0.1:40123/v3 */
  url: string;
  port: number;
  keys: { read: string; write: string };
  counters: SimCounters;
  close(): Promise<void>;
}
