// Every failure the client throws. All implement RequestFailure, carry a stable code and a
// class, and never hold the API key or undici's error objects (which can carry request headers).
import type { FailureClass, RateLimitInfo, RequestFailure } from "./types.js";

/** Fields of a failure; everything but code, class and message defaults to null. */
export interface FailureInit {
  code: string;
  class: FailureClass;
  message: string;
  httpStatus?: number | null;
  apiMessage?: string | null;
  apiCode?: string | null;
  requestId?: string | null;
  retryAfterMs?: number | null;
  rateLimit?: RateLimitInfo | null;
  /** "POST /applications/…/exec": what was asked, for messages and reports. */
  request?: string | null;
  /** The transport error's own code (ECONNRESET, UND_ERR_SOCKET, ...), kept as text only. */
  causeCode?: string | null;
}

/** The JSON shape of every client error: safe to log, write to a report, or send to support. */
export interface RequestFailureJSON {
  name: string;
  code: string;
  class: FailureClass;
  message: string;
  httpStatus: number | null;
  apiMessage: string | null;
  apiCode: string | null;
  requestId: string | null;
  retryAfterMs: number | null;
  rateLimit: RateLimitInfo | null;
  request: string | null;
  causeCode: string | null;
}

/** Base of all client errors; catch this (or test isRequestFailure) to handle any of them. */
export class RequestError extends Error implements RequestFailure {
  readonly code: string;
  readonly class: FailureClass;
  readonly httpStatus: number | null;
  readonly apiMessage: string | null;
  readonly apiCode: string | null;
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;
  readonly rateLimit: RateLimitInfo | null;
  readonly request: string | null;
  readonly causeCode: string | null;

  constructor(init: FailureInit) {
    super(init.message);
    this.name = new.target.name;
    this.code = init.code;
    this.class = init.class;
    this.httpStatus = init.httpStatus ?? null;
    this.apiMessage = init.apiMessage ?? null;
    this.apiCode = init.apiCode ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.rateLimit = init.rateLimit ?? null;
    this.request = init.request ?? null;
    this.causeCode = init.causeCode ?? null;
  }

  toJSON(): RequestFailureJSON {
    return {
      name: this.name,
      code: this.code,
      class: this.class,
      message: this.message,
      httpStatus: this.httpStatus,
      apiMessage: this.apiMessage,
      apiCode: this.apiCode,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      rateLimit: this.rateLimit,
      request: this.request,
      causeCode: this.causeCode,
    };
  }
}

/** The server answered with a non-2xx status (API_FORBIDDEN, API_RATE_LIMITED, API_REDIRECT...). */
export class ApiError extends RequestError {
  declare readonly httpStatus: number;
}

/** No HTTP answer: NETWORK_REFUSED, NETWORK_DNS, NETWORK_RESET, NETWORK_TLS, NETWORK_ERROR... */
export class NetworkError extends RequestError {}

/** The client-side deadline (server timeout + margin) passed: code TIMEOUT, ambiguous. */
export class RequestTimeoutError extends RequestError {}

/** The caller's AbortSignal fired: code ABORTED; the runner treats it as cancelled. */
export class RequestAbortedError extends RequestError {}

/** A 2xx whose body is not the documented shape, or is too large: code BAD_RESPONSE. */
export class BadResponseError extends RequestError {}

/** Ids, argv or timeout break the documented limits; thrown before anything is sent. */
export class InvalidRequestError extends RequestError {
  constructor(message: string) {
    super({ code: "INVALID_REQUEST", class: "permanent", message });
  }
}

const FAILURE_CLASSES: ReadonlySet<unknown> = new Set(["permanent", "notExecuted", "ambiguous"]);

/** True for anything shaped like a RequestFailure (client errors, and fakes in runner tests). */
export function isRequestFailure(value: unknown): value is RequestFailure {
  if (!(value instanceof Error)) return false;
  const v = value as unknown as Record<string, unknown>;
  return typeof v.code === "string" && FAILURE_CLASSES.has(v.class) && "httpStatus" in v;
}

/** Replace every occurrence of the secret in a text that came from elsewhere (a server body). */
export function redactSecret(text: string, secret: string): string {
  if (secret.length === 0) return text;
  return text.split(secret).join("[redacted]");
}
