// Fleets and a recording client for the runner's tests against the simulator over loopback.
import { SevallaClient } from "../../src/client/client.js";
import type { ExecClient, ExecOptions, ExecResult } from "../../src/client/types.js";
import type { Job, Step } from "../../src/job/model.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import { appId, processId } from "./helpers.js";

export const WRITE = "sim-write-key-runner-1";
export const READ = "sim-read-key-runner-1";

/** `apps` apps of `perApp` processes; process ids are numbered across apps from 1. */
export function fleet(apps: number, perApp: number, extra: Record<string, unknown> = {}) {
  let next = 0;
  return {
    keys: [
      { token: WRITE, permission: "write" },
      { token: READ, permission: "read" },
    ],
    apps: Array.from({ length: apps }, (_, a) => ({
      id: appId(a + 1),
      name: `app-${a + 1}`,
      processes: Array.from({ length: perApp }, () => {
        next += 1;
        return { id: processId(next), key: `p${next}`, env: { NODE_ENV: "production" } };
      }),
    })),
    ...extra,
  };
}

export function simJob(steps: Step[], apps: number, perApp: number, extra: Partial<Job> = {}): Job {
  let next = 0;
  return {
    version: 1,
    name: "sim job",
    concurrency: 10,
    timeout: 15,
    retries: 3,
    vars: {},
    targets: Array.from({ length: apps }, (_, a) => ({
      app: appId(a + 1),
      processes: Array.from({ length: perApp }, () => processId(++next)),
    })),
    steps,
    ...extra,
  };
}

export function clientFor(sim: RunningSimulator, token = WRITE, connections = 10): SevallaClient {
  return new SevallaClient({
    baseUrl: sim.url,
    token,
    connections,
    deadlineMarginMs: 2000,
    env: {},
  });
}

export interface Sent {
  appId: string;
  processId: string;
  command: string[];
  startedAt: number;
  endedAt: number;
  outcome: string;
}

/** Wraps a real client and records when each request started and ended, and per-app in-flight. */
export class Recorder implements ExecClient {
  readonly sent: Sent[] = [];
  readonly maxInFlightPerApp = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly inner: ExecClient) {}

  async exec(
    app: string,
    process: string,
    command: string[],
    options?: ExecOptions,
  ): Promise<ExecResult> {
    const startedAt = Date.now();
    const n = (this.inFlight.get(app) ?? 0) + 1;
    this.inFlight.set(app, n);
    this.maxInFlightPerApp.set(app, Math.max(n, this.maxInFlightPerApp.get(app) ?? 0));
    const record = (outcome: string) =>
      this.sent.push({
        appId: app,
        processId: process,
        command,
        startedAt,
        endedAt: Date.now(),
        outcome,
      });
    try {
      const result = await this.inner.exec(app, process, command, options);
      record(`exit ${result.exitCode}`);
      return result;
    } catch (error) {
      record((error as { code?: string }).code ?? "?");
      throw error;
    } finally {
      this.inFlight.set(app, (this.inFlight.get(app) ?? 1) - 1);
    }
  }
}
