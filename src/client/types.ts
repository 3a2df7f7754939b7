// The client's public contract: what exec returns, what it accepts, and how failures are classed.

/** How a failed request may be retried; see the failure table in DESIGN.md. */
export type FailureClass = "permanent" | "notExecuted" | "ambiguous";

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export interface ExecOptions {
  /** Seconds, 1..60, sent to the API (default 15). The client deadline is this plus a margin. */
  timeout?: number;
  signal?: AbortSignal;
}

/** A command that answered (HTTP 200), whatever its exit code. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  requestId: string | null;
  rateLimit: RateLimitInfo | null;
  durationMs: number;
}

export interface Application {
  id: string;
  name: string;
  display_name: string;
  status?: string;
  type?: string;
  [key: string]: unknown;
}

export interface Process {
  id: string;
  app_id: string;
  key: string;
  type?: string;
  display_name?: string;
  entrypoint?: string;
  [key: string]: unknown;
}

/**
 * What every error thrown by the client carries (ApiError, network and timeout errors alike),
 * so the retry policy and the report never need to know which concrete class it was.
 */
export interface RequestFailure extends Error {
  /** Stable, documented code, e.g. API_FORBIDDEN, API_RATE_LIMITED, NETWORK_RESET, TIMEOUT, BAD_RESPONSE. */
  code: string;
  class: FailureClass;
  /** HTTP status when the server answered; null for network and timeout errors. */
  httpStatus: number | null;
  /** The API's own `message` and `data.code`, when the body had them. */
  apiMessage: string | null;
  apiCode: string | null;
  /** x-request-id of the response: what a user quotes to support. */
  requestId: string | null;
  /** Server-named wait (Retry-After, else x-ratelimit-reset), in ms; null when none or malformed. */
  retryAfterMs: number | null;
  rateLimit: RateLimitInfo | null;
}

/** What the runner needs of a client; SevallaClient implements it, unit tests may fake it. */
export interface ExecClient {
  exec(
    appId: string,
    processId: string,
    command: readonly string[],
    options?: ExecOptions,
  ): Promise<ExecResult>;
}
