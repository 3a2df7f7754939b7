import type { SimCounters } from "./types.js";

/** Status recorded for a request answered with a connection reset instead of HTTP. */
export const RESET_STATUS = 0;

/** The counters behind Simulator.counters; the server writes, tests read. */
export class Counters implements SimCounters {
  private byRoute = new Map<string, number>();
  private execs = new Map<string, number>();
  private total = 0;
  private inFlight = 0;
  private maxSeen = 0;

  requestStarted(): void {
    this.total++;
    this.inFlight++;
    this.maxSeen = Math.max(this.maxSeen, this.inFlight);
  }

  requestEnded(route: string, status: number): void {
    this.inFlight--;
    const k = `${route}\u0000${status}`;
    this.byRoute.set(k, (this.byRoute.get(k) ?? 0) + 1);
  }

  executed(processId: string, command: string[]): void {
    const k = execKey(processId, command);
    this.execs.set(k, (this.execs.get(k) ?? 0) + 1);
  }

  requests(): Array<{ route: string; status: number; count: number }> {
    return [...this.byRoute].map(([k, count]) => {
      const [route = "", status = "0"] = k.split("\u0000");
      return { route, status: Number(status), count };
    });
  }

  /** Requests of one route (and status, when given); a convenience for tests. */
  count(route: string, status?: number): number {
    return this.requests()
      .filter((r) => r.route === route && (status === undefined || r.status === status))
      .reduce((n, r) => n + r.count, 0);
  }

  totalRequests(): number {
    return this.total;
  }

  executions(processId: string, command: readonly string[]): number {
    return this.execs.get(execKey(processId, command)) ?? 0;
  }

  /** Executions of every command on one process, or of everything when no id is given. */
  totalExecutions(processId?: string): number {
    let n = 0;
    const prefix = processId ? `${processId.toLowerCase()}\u0000` : "";
    for (const [k, v] of this.execs) if (k.startsWith(prefix)) n += v;
    return n;
  }

  maxInFlight(): number {
    return this.maxSeen;
  }

  reset(): void {
    this.byRoute.clear();
    this.execs.clear();
    this.total = 0;
    this.maxSeen = this.inFlight;
  }
}

// Ids are case-insensitive in the API, so the counters are too.
function execKey(processId: string, command: readonly string[]): string {
  return `${processId.toLowerCase()}\u0000${JSON.stringify(command)}`;
}
