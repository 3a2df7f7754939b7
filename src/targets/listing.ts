// The two listings name resolution needs, each made at most once per run (the promise is kept,
// so concurrent callers share one request and a failure is not retried by the next caller),
// retried like any idempotent read with the run engine's own policy (decideRetry, p-retry) and
// paced by a Pacer: a 429 pauses every listing until the reset the server names.
import pRetry, { AbortError } from "p-retry";
import { isRequestFailure } from "../client/errors.js";
import type { Application, Process } from "../client/types.js";
import type { RateLimit } from "../job/model.js";
import { RUNNER_CODES } from "../run/codes.js";
import type { RetryTuning } from "../run/options.js";
import { Pacer } from "../run/pacer.js";
import { decideRetry, type RetryDecision, type RetryState } from "../run/retry-policy.js";
import { followSignal, type RunSignal } from "../run/run-signal.js";
import { sleep as realSleep, type Sleep } from "../run/sleep.js";

/** What resolution needs of a client; SevallaClient has both methods. */
export interface TargetLister {
  listApplications(options?: { signal?: AbortSignal }): Promise<Application[]>;
  listProcesses(appId: string, options?: { signal?: AbortSignal }): Promise<Process[]>;
}

export function isTargetLister(value: unknown): value is TargetLister {
  const v = value as Partial<TargetLister> | null;
  return typeof v?.listApplications === "function" && typeof v?.listProcesses === "function";
}

export interface ListingOptions {
  signal?: AbortSignal;
  /** Retries of a transient failure per listing. Default 3 (the job default). */
  retries?: number;
  /** Client-side request budget shared by the listings. Default none. */
  rate?: RateLimit | null;
  retry?: RetryTuning;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  /** Listings in flight at once (sizes the abort listeners allowed). Default 10. */
  concurrency?: number;
}

/** A listing that failed for good; `failure` is the client's RequestFailure (or what was thrown). */
export class ListingError extends Error {
  override readonly name = "ListingError";
  constructor(
    readonly what: string,
    readonly failure: unknown,
    reason: string,
  ) {
    super(
      `could not list ${what}: ${failure instanceof Error ? failure.message : String(failure)}; ${reason}`,
    );
  }
}

const kindOf = (d: RetryDecision) =>
  !d.retry && d.code === RUNNER_CODES.rateLimitExhausted ? "rate" : "other";

class RetryLater extends Error {
  constructor(readonly decision: Extract<RetryDecision, { retry: true }>) {
    super("retry");
  }
}

export class ListingCache {
  readonly #lister: TargetLister;
  readonly #run: RunSignal;
  readonly #signal: AbortSignal;
  readonly #sleep: Sleep;
  readonly #pacer: Pacer;
  readonly #step: { command: string[]; idempotent: true; retries: number };
  readonly #policy;
  #apps: Promise<Application[]> | undefined;
  #appsDone: Application[] | undefined;
  readonly #processes = new Map<string, Promise<Process[]>>();
  readonly #processesDone = new Map<string, Process[]>();

  constructor(lister: TargetLister, options: ListingOptions = {}) {
    this.#lister = lister;
    // Our own signal following the caller's, with room for a listener per listing in flight
    // (Node warns past 10 on the user's stderr); close() detaches it.
    this.#run = followSignal(
      options.signal ?? new AbortController().signal,
      options.concurrency ?? 10,
    );
    this.#signal = this.#run.signal;
    this.#sleep = options.sleep ?? realSleep;
    const now = options.now ?? Date.now;
    this.#pacer = new Pacer({ now, sleep: this.#sleep, rate: options.rate ?? null });
    this.#step = { command: ["GET"], idempotent: true, retries: options.retries ?? 3 };
    this.#policy = {
      baseDelayMs: options.retry?.baseDelayMs ?? 250,
      maxDelayMs: options.retry?.maxDelayMs ?? 10_000,
      maxRateLimitWaitMs: options.retry?.maxRateLimitWaitMs ?? 300_000,
      random: options.random ?? Math.random,
    };
  }

  /** Every application the key can see (all pages), listed once. */
  applications(): Promise<Application[]> {
    this.#apps ??= this.#read("applications", (signal) =>
      this.#lister.listApplications({ signal }),
    ).then((apps) => {
      this.#appsDone = apps;
      return apps;
    });
    return this.#apps;
  }

  /** Every process of one app (all pages), listed once per app. */
  processes(appId: string): Promise<Process[]> {
    const key = appId.toLowerCase();
    let pending = this.#processes.get(key);
    if (!pending) {
      pending = this.#read(`the processes of application ${appId}`, (signal) =>
        this.#lister.listProcesses(appId, { signal }),
      ).then((processes) => {
        this.#processesDone.set(key, processes);
        return processes;
      });
      this.#processes.set(key, pending);
    }
    return pending;
  }

  /** Stops following the caller's signal; listings already made stay readable. */
  close(): void {
    this.#run.dispose();
  }

  /** What was already listed, without a request: names for targets written as bare UUIDs. */
  known(): { apps: readonly Application[]; processes: (appId: string) => readonly Process[] } {
    return {
      apps: this.#appsDone ?? [],
      processes: (appId) => this.#processesDone.get(appId.toLowerCase()) ?? [],
    };
  }

  /** decideRetry speaks of commands ("it may have run"); a listing only read. */
  #why(error: unknown, decision: RetryDecision, state: RetryState): string {
    if (kindOf(decision) === "rate") return decision.reason;
    if (isRequestFailure(error) && error.class === "permanent") {
      return "not retried: retrying cannot help";
    }
    return `gave up after ${state.retriesUsed} ${state.retriesUsed === 1 ? "retry" : "retries"}`;
  }

  async #read<T>(what: string, send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const state: RetryState = { retriesUsed: 0, rateLimitWaitedMs: 0 };
    const signal = this.#signal;
    const attempt = async () => {
      const ticket = await this.#pacer.acquire(signal);
      try {
        return await send(signal);
      } catch (error) {
        if (isRequestFailure(error)) this.#pacer.observe(error.rateLimit, ticket);
        const decision = decideRetry(error, this.#step, state, this.#policy);
        if (decision.retry && !signal.aborted) throw new RetryLater(decision);
        throw new AbortError(new ListingError(what, error, this.#why(error, decision, state)));
      }
    };
    return pRetry(attempt, {
      // As in execute-step.ts: decideRetry owns the budget and the delays, p-retry the loop.
      retries: Number.POSITIVE_INFINITY,
      minTimeout: 0,
      shouldRetry: ({ error }) => error instanceof RetryLater,
      onFailedAttempt: async ({ error }) => {
        if (!(error instanceof RetryLater)) return;
        const { delayMs, rateLimited } = error.decision;
        if (rateLimited) {
          state.rateLimitWaitedMs += delayMs;
          this.#pacer.pauseFor(delayMs);
          return;
        }
        state.retriesUsed += 1;
        await this.#sleep(delayMs, signal);
      },
    });
  }
}
