// Test doubles for the runner: a job builder and a scripted ExecClient that counts what it saw.

import { afterEach, beforeEach, vi } from "vitest";
import { RequestError } from "../../src/client/errors.js";
import type {
  ExecClient,
  ExecOptions,
  ExecResult,
  FailureClass,
  RateLimitInfo,
} from "../../src/client/types.js";
import type { Job, Step } from "../../src/job/model.js";
import type { Report } from "../../src/report/model.js";
import type { RunOptions } from "../../src/run/options.js";
import { runJob } from "../../src/run/run-job.js";

export const appId = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const processId = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function step(name: string, command: string[], extra: Partial<Step> = {}): Step {
  return { name, command, timeout: 15, retries: 3, continueOnFailure: false, ...extra };
}

/** `apps` apps with `processesPerApp` processes each; process ids are numbered across apps. */
export function job(
  steps: Step[],
  {
    apps = 1,
    processesPerApp = 1,
    ...extra
  }: Partial<Job> & { apps?: number; processesPerApp?: number } = {},
): Job {
  let next = 0;
  const targets = Array.from({ length: apps }, (_, a) => ({
    app: appId(a + 1),
    processes: Array.from({ length: processesPerApp }, () => processId(++next)),
  }));
  return {
    version: 1,
    name: "test job",
    concurrency: 10,
    timeout: 15,
    retries: 3,
    vars: {},
    targets,
    steps,
    ...extra,
  };
}

export function answer(
  exitCode = 0,
  stdout = "",
  rateLimit: RateLimitInfo | null = null,
): ExecResult {
  return { stdout, stderr: "", exitCode, requestId: "req-ok", rateLimit, durationMs: 1 };
}

export function failure(
  code: string,
  cls: FailureClass,
  httpStatus: number | null,
  extra: { retryAfterMs?: number; rateLimit?: RateLimitInfo } = {},
): RequestError {
  return new RequestError({
    code,
    class: cls,
    message: `${code} from the fake`,
    httpStatus,
    requestId: "req-x",
    ...extra,
  });
}

export const FAILURES = {
  forbidden: () => failure("API_FORBIDDEN", "permanent", 403),
  unavailable: () => failure("API_UNAVAILABLE", "ambiguous", 503),
  badGateway: () => failure("API_BAD_GATEWAY", "ambiguous", 502),
  refused: () => failure("NETWORK_REFUSED", "notExecuted", null),
  rateLimited: (retryAfterMs: number) =>
    failure("API_RATE_LIMITED", "notExecuted", 429, {
      retryAfterMs,
      rateLimit: { limit: 30, remaining: 0, resetSeconds: retryAfterMs / 1000 },
    }),
};

export type Reply = ExecResult | Error | (() => ExecResult | Error);

export interface Call {
  appId: string;
  processId: string;
  command: string[];
  at: number;
  options: ExecOptions | undefined;
}

/**
 * Answers from a script per process id (in order; the last reply repeats), else `fallback`.
 * Each request takes `latencyMs` of (fake) time and honours the abort signal like the real client.
 */
export class FakeClient implements ExecClient {
  readonly calls: Call[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly maxInFlightPerApp = new Map<string, number>();
  private readonly inFlightPerApp = new Map<string, number>();

  constructor(
    private readonly script: Record<string, Reply[]> = {},
    private readonly latencyMs = 10,
    private readonly fallback: Reply = answer(0, "hi\n"),
  ) {}

  attemptsOn(process: string): number {
    return this.calls.filter((c) => c.processId === process).length;
  }

  async exec(
    app: string,
    process: string,
    command: string[],
    options?: ExecOptions,
  ): Promise<ExecResult> {
    const previous = this.calls.filter((c) => c.processId === process).length;
    this.calls.push({ appId: app, processId: process, command, at: Date.now(), options });
    const replies = this.script[process];
    const reply = replies ? (replies[previous] ?? replies[replies.length - 1]) : this.fallback;
    this.enter(app);
    try {
      await delay(this.latencyMs, options?.signal);
    } finally {
      this.leave(app);
    }
    const value = typeof reply === "function" ? reply() : reply;
    if (value === undefined) throw new Error("empty script");
    if (value instanceof Error) throw value;
    return value;
  }

  private enter(app: string): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const n = (this.inFlightPerApp.get(app) ?? 0) + 1;
    this.inFlightPerApp.set(app, n);
    this.maxInFlightPerApp.set(app, Math.max(this.maxInFlightPerApp.get(app) ?? 0, n));
  }

  private leave(app: string): void {
    this.inFlight -= 1;
    this.inFlightPerApp.set(app, (this.inFlightPerApp.get(app) ?? 1) - 1);
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(failure("ABORTED", "notExecuted", null));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** For a test file: fake timers from 2026-01-01 around each test. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** runJob with every timer it sets (backoff, pacing) run to completion on the fake clock. */
export async function runUnderFakeTimers(job: Job, options: RunOptions): Promise<Report> {
  const pending = runJob(job, options);
  await vi.runAllTimersAsync();
  return pending;
}
