// Decides when the next request may start, so that a run stays inside the API's rate limit
// instead of bouncing off it. One pacer per run, shared by every request, for three reasons:
//   1. a 429 pauses ALL requests until the reset the server named (pauseFor);
//   2. the x-ratelimit-* numbers of every answer and failure (observe) tell how much budget is
//      left in the window: while more than half is left requests go freely; below that the rest
//      is spread evenly over the time left, and with none left everything waits for the reset;
//   3. an optional client-side rate (job.rateLimit / --rate) spaces request starts evenly.
import type { RateLimitInfo } from "../client/types.js";
import type { RateLimit } from "../job/model.js";
import type { Sleep } from "./sleep.js";

export interface PacerOptions {
  now: () => number;
  sleep: Sleep;
  rate: RateLimit | null;
  /** Told before each wait, and why: for progress displays (the rateLimitWait event). */
  onWait?: (reason: PacerWaitReason, delayMs: number) => void;
}

export type PacerWaitReason = "paused" | "budget" | "rate";

/** What the server last said, as of the request numbered `ticket`. */
interface Observation {
  limit: number;
  remaining: number;
  resetAt: number;
  ticket: number;
  /** Presumed after a reset, not said by the server: not an upper bound on the window's end. */
  presumed?: boolean;
}

export class Pacer {
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly gapMs: number;
  private readonly onWait: NonNullable<PacerOptions["onWait"]>;
  private pausedUntil = 0;
  private nextFixedAt = 0;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  /** Requests started so far; a request's ticket is its number. */
  private started = 0;
  private seen: Observation | null = null;
  /** Longest window the server has named: the length presumed for the next one. */
  private windowMs = 0;

  constructor(options: PacerOptions) {
    this.now = options.now;
    this.sleep = options.sleep;
    this.gapMs = options.rate ? options.rate.perMs / options.rate.requests : 0;
    this.onWait = options.onWait ?? (() => {});
  }

  /**
   * Waits until a request may start, counts it, and returns its ticket (pass it to observe).
   * Rejects with the signal's reason when it aborts.
   */
  async acquire(signal: AbortSignal): Promise<number> {
    let told = false;
    for (;;) {
      signal.throwIfAborted();
      const now = this.now();
      const at = this.earliestStart(now);
      if (at <= now) return this.start(now);
      const reason =
        at === this.pausedUntil ? "paused" : at === this.nextFixedAt ? "rate" : "budget";
      // Once per request that waits (with the first estimate): the loop may re-check many times.
      if (!told) this.onWait(reason, at - now);
      told = true;
      // Loop rather than trust one wait: a 429 or a new observation may move the time meanwhile.
      await this.sleep(at - now, signal);
    }
  }

  /**
   * Records the rate-limit headers of the answer (or failure) to the request with `ticket`.
   * The newest request's numbers win, whatever order the answers arrive in.
   */
  observe(info: RateLimitInfo | null, ticket: number): void {
    if (!info || (this.seen && ticket < this.seen.ticket)) return;
    const now = this.now();
    const windowMs = info.resetSeconds * 1000;
    this.windowMs = Math.max(this.windowMs, windowMs);
    let resetAt = now + windowMs;
    // x-ratelimit-reset is whole seconds, rounded up, so each answer only bounds the window's end
    // from above, by up to a second. Within one window keep the tightest bound; trusting the
    // newest alone made the pacer wait up to a second too long at every reset.
    const prev = this.seen;
    if (prev && this.sameWindow(prev, info, resetAt, now))
      resetAt = Math.min(resetAt, prev.resetAt);
    this.seen = { limit: info.limit, remaining: info.remaining, resetAt, ticket };
  }

  /** The budget still falls and the two bounds on the end are within a second of each other. */
  private sameWindow(prev: Observation, info: RateLimitInfo, resetAt: number, now: number) {
    return (
      !prev.presumed &&
      prev.resetAt > now &&
      prev.limit === info.limit &&
      info.remaining < prev.remaining &&
      Math.abs(resetAt - prev.resetAt) < 1000
    );
  }

  /** A 429: no request starts for `ms` (or longer, if another pause already reaches further). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** The earliest time a request may start; <= now means at once. */
  earliestStart(now: number): number {
    return Math.max(this.pausedUntil, this.nextFixedAt, this.budgetStart(now));
  }

  private budgetStart(now: number): number {
    const seen = this.rollOver(now);
    if (!seen) return 0;
    // Requests started after the observed one may not be counted in its `remaining` yet.
    const left = seen.remaining - (this.started - seen.ticket);
    if (left <= 0) return seen.resetAt;
    if (seen.limit > 0 && left > seen.limit / 2) return 0;
    return this.lastStartAt + (seen.resetAt - now) / left;
  }

  /** Once the window has reset, presume a fresh one of the same length and limit. */
  private rollOver(now: number): Observation | null {
    const seen = this.seen;
    if (!seen || seen.resetAt > now) return seen;
    if (seen.limit <= 0 || this.windowMs <= 0) return null;
    this.seen = {
      limit: seen.limit,
      remaining: seen.limit,
      resetAt: now + this.windowMs,
      ticket: this.started,
      presumed: true,
    };
    return this.seen;
  }

  private start(now: number): number {
    this.lastStartAt = now;
    if (this.gapMs > 0) this.nextFixedAt = Math.max(now, this.nextFixedAt) + this.gapMs;
    this.started += 1;
    return this.started;
  }
}
