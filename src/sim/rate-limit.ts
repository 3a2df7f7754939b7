import type { Fleet } from "./fleet/schema.js";

export interface RateDecision {
  allowed: boolean;
  /** x-ratelimit-* (and Retry-After when refused); empty when rate limiting is off. */
  headers: Record<string, string>;
}

interface Window {
  start: number;
  used: number;
}

/**
 * Fixed-window limit per company: a window opens with the company's first request and lasts
 * `windowSeconds`; `x-ratelimit-reset` is the whole seconds until it closes. Injected 429 bursts
 * (faults.rateLimitBurst) also live here because they are per company too.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly bursts = new Map<string, { left: number; retryAfter: number }>();

  constructor(
    private readonly config: Fleet["rateLimit"],
    private readonly now: () => number,
  ) {}

  /** Counts one request of `company` and says whether it may proceed. */
  take(company: string): RateDecision {
    const burst = this.bursts.get(company);
    if (burst && burst.left > 0) {
      burst.left--;
      const headers = {
        ...this.headersFor(this.window(company), 0),
        "retry-after": String(burst.retryAfter),
      };
      return { allowed: false, headers };
    }
    if (this.config === "off") return { allowed: true, headers: {} };
    const w = this.window(company);
    if (w.used >= this.config.limit) {
      const headers = this.headersFor(w, 0);
      return {
        allowed: false,
        headers: { ...headers, "retry-after": headers["x-ratelimit-reset"] ?? "1" },
      };
    }
    w.used++;
    return { allowed: true, headers: this.headersFor(w, this.config.limit - w.used) };
  }

  /** Headers for a request that is not attributed to a company (401): the full allowance. */
  anonymous(): Record<string, string> {
    if (this.config === "off") return {};
    return this.headersFor({ start: this.now(), used: 0 }, this.config.limit);
  }

  /** Starts a burst: this and the next `length - 1` requests of the company get a 429. */
  startBurst(company: string, length: number, retryAfterSeconds: number): void {
    this.bursts.set(company, { left: length, retryAfter: retryAfterSeconds });
  }

  private window(company: string): Window {
    const now = this.now();
    const span = this.config === "off" ? 0 : this.config.windowSeconds * 1000;
    let w = this.windows.get(company);
    if (!w || now >= w.start + span) {
      w = { start: now, used: 0 };
      this.windows.set(company, w);
    }
    return w;
  }

  private headersFor(w: Window, remaining: number): Record<string, string> {
    if (this.config === "off") return {};
    const endsIn = w.start + this.config.windowSeconds * 1000 - this.now();
    return {
      "x-ratelimit-limit": String(this.config.limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": String(Math.max(1, Math.ceil(endsIn / 1000))),
    };
  }
}
