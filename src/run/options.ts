// runJob's public options and their normalisation: defaults are applied once, here; everything
// past this boundary gets a fully required NormalizedRunOptions and trusts it.
import type { ExecClient } from "../client/types.js";
import type { Job, RateLimit } from "../job/model.js";
import type { StepResult } from "../report/model.js";
import type { TargetFilter } from "../targets/filters.js";
import type { Target } from "../targets/model.js";
import type { RunEventListener } from "./events.js";
import { type Sleep, sleep } from "./sleep.js";

/** Backoff and 429 waiting; every field optional. */
export interface RetryTuning {
  /** First backoff delay in ms; later ones double. Default 250. */
  baseDelayMs?: number;
  /** Cap on one backoff delay in ms. Default 10_000. */
  maxDelayMs?: number;
  /** Total time one request may spend waiting out 429s before it gives up (RATE_LIMIT_EXHAUSTED). Default 300_000 (5 min). */
  maxRateLimitWaitMs?: number;
}

export interface RunOptions {
  /** The API client (SevallaClient, or a fake in tests). Required. */
  client: ExecClient;
  /** Requests in flight at once. Default: the job's `concurrency`. */
  concurrency?: number;
  /** Requests in flight at once per app. Default: the job's `perApp`; none when both are absent. */
  perApp?: number;
  /** Client-side request budget, e.g. {requests: 30, perMs: 60_000}. Default: the job's `rateLimit`; none when both are absent. */
  rate?: RateLimit;
  /** Aborting it stops new work and aborts requests in flight; runJob still resolves with the partial report. */
  signal?: AbortSignal;
  /** Receives every RunEvent, synchronously. A listener that throws does not stop the run. */
  onEvent?: RunEventListener;
  /** Clock in epoch ms. Default Date.now. */
  now?: () => number;
  /** How the runner waits (backoff, pacing, 429 pauses). Default: an abortable setTimeout. */
  sleep?: Sleep;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
  retry?: RetryTuning;
  /** Targets already resolved (e.g. by selectTargets); default: the job's, resolved with `client` (names need its listings). */
  targets?: readonly Target[];
  /** --limit filters over the job's resolved targets, combined with AND; ignored with `targets`. */
  limit?: readonly TargetFilter[];
  /** Replace secret-looking values in every output (issue 6). Default true; false is `--no-redact`. */
  redact?: boolean;
  /** Refuse (ReadOnlyViolationError, before sending) steps whose binary is not read-only. The job's `readOnly: true` applies too. */
  readOnly?: boolean;
  /**
   * Receives each answered step's whole output (unfiltered, untruncated, redacted) once, as it
   * arrives; awaited, so a writer can stream to disk without outputs piling up. Errors are ignored
   * by the runner: the writer keeps its own.
   */
  onOutput?: OutputSink;
  /**
   * Results already known, by `pairKey(app, process, step)` (src/run/prior.ts): those pairs are
   * not sent; their result is reported as recorded, with `resumed: true`. `--resume` and
   * `--rerun-failed` pass the ok results of a ledger or report. Default: none.
   */
  prior?: ReadonlyMap<string, StepResult>;
}

/** A step's whole output, for `--output-dir`. */
export interface FullOutput {
  result: StepResult;
  stdout: string;
  stderr: string;
}
export type OutputSink = (output: FullOutput) => void | Promise<void>;

export interface NormalizedRunOptions {
  client: ExecClient;
  concurrency: number;
  perApp: number | null;
  rate: RateLimit | null;
  signal: AbortSignal;
  /** null when nobody listens: then no event is even built (three ISO dates per step). */
  onEvent: RunEventListener | null;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  retry: Required<RetryTuning>;
  redact: boolean;
  readOnly: boolean;
  onOutput: OutputSink | null;
  prior: ReadonlyMap<string, StepResult> | null;
}

export class RunOptionsError extends Error {
  override readonly name = "RunOptionsError";
  readonly code = "INVALID_RUN_OPTIONS";
}

export function normalizeRunOptions(job: Job, options: RunOptions): NormalizedRunOptions {
  const rate = options.rate ?? job.rateLimit ?? null;
  if (rate && !(rate.requests >= 1 && rate.perMs > 0)) {
    throw new RunOptionsError(
      `rate must allow at least 1 request per period, got ${rate.requests}/${rate.perMs} ms`,
    );
  }
  return {
    client: options.client,
    concurrency: positiveInt("concurrency", options.concurrency ?? job.concurrency),
    perApp: optionalPositiveInt("perApp", options.perApp ?? job.perApp),
    rate,
    signal: options.signal ?? new AbortController().signal,
    onEvent: options.onEvent ?? null,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    retry: {
      baseDelayMs: options.retry?.baseDelayMs ?? 250,
      maxDelayMs: options.retry?.maxDelayMs ?? 10_000,
      maxRateLimitWaitMs: options.retry?.maxRateLimitWaitMs ?? 300_000,
    },
    redact: options.redact ?? true,
    // Either one makes the run read-only: a job that says so cannot be loosened from outside.
    readOnly: (options.readOnly ?? false) || (job.readOnly ?? false),
    onOutput: options.onOutput ?? null,
    prior: options.prior ?? null,
  };
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RunOptionsError(`${name} must be a whole number of at least 1, got ${value}`);
  }
  return value;
}

function optionalPositiveInt(name: string, value: number | undefined): number | null {
  return value === undefined ? null : positiveInt(name, value);
}
