// One HTTP exchange over undici with a hard deadline, the caller's AbortSignal, and a cap on the
// body read. Every transport failure leaves here as a RequestFailure; undici's own error objects
// do not (they can hold the request, Authorization header included).
import type { Dispatcher } from "undici";
import { classifyNetworkError, networkErrorFacts } from "./classify.js";
import {
  BadResponseError,
  NetworkError,
  RequestAbortedError,
  RequestError,
  RequestTimeoutError,
} from "./errors.js";
import type { ResponseHeaders } from "./rate-limit-headers.js";
import { watchDispatch } from "./watch-dispatch.js";

export interface TransportRequest {
  method: "GET" | "POST";
  /** Path including the base URL's prefix and any query, e.g. /v3/applications?limit=100 */
  path: string;
  /** "POST /applications/…/exec": how errors name the request (no prefix, no query). */
  label: string;
  headers: Record<string, string>;
  body?: string;
  /** Covers connect, headers and the whole body: a trickling response cannot outlive it. */
  deadlineMs: number;
  signal?: AbortSignal | undefined;
  /** Cap on a 2xx body; past it the response is a BAD_RESPONSE. Error bodies are cut short. */
  maxBytes: number;
}

export interface TransportResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** Error bodies are read only for their message; the rest is dropped. */
const ERROR_BODY_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}

// Listeners, not `for await`: the async iterator costs a promise and a result object per chunk.
function readCapped(
  body: Dispatcher.ResponseData["body"],
  cap: number,
  cut: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (error: Error | null) => {
      if (settled) return;
      settled = true;
      body.off("data", onData);
      if (error) reject(error);
      else
        resolve(
          chunks.length === 1
            ? (chunks[0] as Buffer).toString("utf8")
            : Buffer.concat(chunks).toString("utf8"),
        );
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        if (cut) chunks.push(chunk.subarray(0, chunk.length - (size - cap)));
        done(cut ? null : new BodyTooLarge());
        body.destroy();
        return;
      }
      chunks.push(chunk);
    };
    body.on("data", onData);
    body.once("end", () => done(null));
    body.once("error", (error) => done(error));
    // What the async iterator threw when a stream closed without end or error.
    // (Built only then: close follows every end, and an Error costs a stack trace.)
    body.once("close", () => {
      if (settled) return;
      done(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    });
  });
}

export async function send(
  dispatcher: Dispatcher,
  origin: string,
  req: TransportRequest,
): Promise<TransportResponse> {
  if (req.signal?.aborted) {
    throw new RequestAbortedError({
      code: "ABORTED",
      class: "notExecuted",
      message: `${req.label} was cancelled before it was sent`,
      request: req.label,
    });
  }
  const controller = new AbortController();
  const progress: Progress = { stoppedBy: null, dispatched: false };
  // undici only acts on an abort once a queued request reaches a socket, so a request stuck
  // behind a busy connection would outlive its deadline; this promise rejects at once instead.
  // Rejected directly by stop(): a listener on our own controller's signal cost one per request.
  let rejectStopped: (error: Error) => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    rejectStopped = reject;
  });
  stopped.catch(() => {});
  const stop = (why: "caller" | "deadline") => {
    progress.stoppedBy ??= why;
    rejectStopped(new Error("stopped"));
    controller.abort();
  };
  const onAbort = () => stop("caller");
  req.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => stop("deadline"), req.deadlineMs);
  try {
    return await Promise.race([
      exchange(dispatcher, origin, req, controller.signal, progress),
      stopped,
    ]);
  } catch (error) {
    throw toFailure(error, req, progress);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onAbort);
  }
}

async function exchange(
  dispatcher: Dispatcher,
  origin: string,
  req: TransportRequest,
  signal: AbortSignal,
  progress: Progress,
): Promise<TransportResponse> {
  const watched = watchDispatch(dispatcher, () => {
    progress.dispatched = true;
  });
  const res = await watched.request({
    origin,
    path: req.path,
    method: req.method,
    headers: req.headers,
    body: req.body ?? null,
    signal,
    // Backstops for our own timer; undici's body timeout alone resets on every chunk.
    headersTimeout: req.deadlineMs,
    bodyTimeout: req.deadlineMs,
  });
  if (signal.aborted) {
    // The race was already lost; free the connection instead of reading a body nobody awaits.
    res.body.destroy();
    throw new Error("stopped");
  }
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  const text = await readCapped(res.body, ok ? req.maxBytes : ERROR_BODY_BYTES, !ok);
  return { status: res.statusCode, headers: res.headers, text };
}

interface Progress {
  stoppedBy: "caller" | "deadline" | null;
  /** The request reached a connected socket: from here on it may have been sent. */
  dispatched: boolean;
}

function toFailure(error: unknown, req: TransportRequest, progress: Progress): RequestError {
  const { stoppedBy, dispatched } = progress;
  if (error instanceof RequestError) return error;
  if (error instanceof BodyTooLarge) {
    return new BadResponseError({
      code: "BAD_RESPONSE",
      class: "ambiguous",
      message: `${req.label}: the response body is larger than ${req.maxBytes} bytes; it was not read`,
      request: req.label,
    });
  }
  if (stoppedBy === "caller") {
    return new RequestAbortedError({
      code: "ABORTED",
      class: dispatched ? "ambiguous" : "notExecuted",
      message: dispatched
        ? `${req.label} was cancelled after it was sent; the command may have run`
        : `${req.label} was cancelled before it was sent`,
      request: req.label,
    });
  }
  const facts = { ...networkErrorFacts(error), dispatched };
  const { code, class: failureClass } = classifyNetworkError(facts);
  if (stoppedBy === "deadline" || code === "TIMEOUT") {
    return new RequestTimeoutError({
      code: "TIMEOUT",
      class: dispatched ? "ambiguous" : "notExecuted",
      message: dispatched
        ? `${req.label}: no complete answer within ${req.deadlineMs} ms; the command may have run`
        : `${req.label}: could not even send the request within ${req.deadlineMs} ms`,
      request: req.label,
      causeCode: facts.code,
    });
  }
  return new NetworkError({
    code,
    class: failureClass,
    message: `${req.label}: ${networkHint(code, failureClass)} (${facts.code ?? "unknown error"})`,
    request: req.label,
    causeCode: facts.code,
  });
}

function networkHint(code: string, failureClass: string): string {
  switch (code) {
    case "NETWORK_REFUSED":
      return "connection refused; is SEVALLA_API_URL right and the API reachable?";
    case "NETWORK_DNS":
      return "the API host name did not resolve; check SEVALLA_API_URL and DNS";
    case "NETWORK_UNREACHABLE":
      return "the API host is unreachable from here";
    case "NETWORK_CONNECT_TIMEOUT":
      return "could not connect in time; nothing was sent";
    case "NETWORK_TLS":
      return "the TLS handshake failed (certificate problem or a proxy intercepting HTTPS)";
    case "NETWORK_RESET":
      return failureClass === "notExecuted"
        ? "the connection closed before the request was sent"
        : "the connection was reset; the request may have been sent, so the command may have run";
    default:
      return "the request failed in transit; the command may have run";
  }
}
