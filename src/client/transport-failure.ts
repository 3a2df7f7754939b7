// How a failed exchange is told to the caller: every transport failure becomes a RequestFailure
// with a code, a class (was the command possibly run?) and a message a person can act on.
// undici's own error objects never leave (they can hold the request, Authorization included).
import { classifyNetworkError, networkErrorFacts } from "./classify.js";
import {
  BadResponseError,
  NetworkError,
  RequestAbortedError,
  RequestError,
  RequestTimeoutError,
} from "./errors.js";
import type { TransportRequest } from "./transport.js";

/** A 2xx body past the request's maxBytes. */
export class BodyTooLarge extends Error {}

export function toFailure(
  error: unknown,
  req: TransportRequest,
  stoppedBy: "caller" | "deadline" | null,
  dispatched: boolean,
): RequestError {
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
