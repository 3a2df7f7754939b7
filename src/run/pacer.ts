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
}

interface Budget {
  limit: number;
  /** What the server said remained, minus what we started since. */
  remaining: number;
  resetAt: number;
}

export class Pacer {
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly gapMs: number;
  private pausedUntil = 0;
  private nextFixedAt = 0;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private budget: Budget | null = null;

  constructor(options: PacerOptions) {
    this.now = options.now;
    this.sleep = options.sleep;
    this.gapMs = options.rate ? options.rate.perMs / options.rate.requests : 0;
  }

  /** Waits until a request may start, then counts it as started. Rejects when the signal aborts. */
  async acquire(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const now = this.now();
      const at = this.earliestStart(now);
      if (at <= now) {
        this.start(now);
        return;
      }
      // Loop rather than trust one wait: a 429 or a new observation may move the time meanwhile.
      await this.sleep(at - now, signal);
    }
  }

  /** Records the rate-limit headers of an answer or a failure. */
  observe(info: RateLimitInfo | null): void {
    if (!info) return;
    this.budget = {
      limit: info.limit,
      remaining: info.remaining,
      resetAt: this.now() + info.resetSeconds * 1000,
    };
  }

  /** A 429: no request starts for `ms` (or longer, if another pause already reaches further). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** The earliest time a request may start; <= now means at once. Exposed for tests. */
  earliestStart(now: number): number {
    return Math.max(this.pausedUntil, this.nextFixedAt, this.budgetStart(now));
  }

  private budgetStart(now: number): number {
    const budget = this.budget;
    if (!budget || budget.resetAt <= now) return 0; // no news, or a new window: go
    if (budget.remaining <= 0) return budget.resetAt;
    if (budget.limit > 0 && budget.remaining > budget.limit / 2) return 0;
    return this.lastStartAt + (budget.resetAt - now) / budget.remaining;
  }

  private start(now: number): void {
    this.lastStartAt = now;
    if (this.gapMs > 0) this.nextFixedAt = Math.max(now, this.nextFixedAt) + this.gapMs;
    if (this.budget) this.budget.remaining -= 1;
  }
}
