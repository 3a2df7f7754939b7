// Pure classification of what came back, exactly as the failure table in DESIGN.md says.
// The retry policy reads only the class; the code is for people and reports.
import type { FailureClass } from "./types.js";

/** What an HTTP status means: a 2xx is an answer, everything else a failure of some class. */
export function classifyStatus(status: number): FailureClass | "answer" {
  if (status >= 200 && status < 300) return "answer";
  if (status === 429) return "notExecuted";
  // 3xx: the client never follows a redirect (it would carry the key elsewhere); 4xx: the
  // request itself is wrong, so sending it again cannot help.
  if (status >= 300 && status < 500) return "permanent";
  // 5xx (and anything stranger): the server got the request and may have run the command.
  return "ambiguous";
}

const STATUS_CODES: Readonly<Record<number, string>> = {
  400: "API_BAD_REQUEST",
  401: "API_UNAUTHORIZED",
  403: "API_FORBIDDEN",
  404: "API_NOT_FOUND",
  422: "API_VALIDATION",
  429: "API_RATE_LIMITED",
  500: "API_SERVER_ERROR",
  502: "API_BAD_GATEWAY",
  503: "API_UNAVAILABLE",
  504: "API_GATEWAY_TIMEOUT",
};

/** The stable code of an HTTP failure: API_FORBIDDEN, API_REDIRECT, API_HTTP_418, ... */
export function codeForStatus(status: number): string {
  const known = STATUS_CODES[status];
  if (known !== undefined) return known;
  if (status >= 300 && status < 400) return "API_REDIRECT";
  return `API_HTTP_${status}`;
}

/** What is known about a transport error, extracted from undici's error without keeping it. */
export interface NetworkErrorFacts {
  /** The error's `code` (ECONNREFUSED, UND_ERR_SOCKET, ...), if any. */
  code: string | null;
  /**
   * Bytes written on the socket when it failed, when undici reports it. It counts the whole
   * connection, so 0 proves this request was never sent; any other number proves nothing.
   */
  bytesWritten: number | null;
  /**
   * Whether undici had put the request on a connected socket (its handler's onConnect, called
   * just before the first write). false proves nothing was sent; null means unknown.
   */
  dispatched?: boolean | null;
}

export interface NetworkClassification {
  code: string;
  class: FailureClass;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED"]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_") ||
    code.includes("CERT") ||
    code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE"
  );
}

/** A transport error → stable code and class (refused/DNS: not executed; reset: ambiguous). */
export function classifyNetworkError(facts: NetworkErrorFacts): NetworkClassification {
  const code = facts.code ?? "";
  if (code === "ECONNREFUSED") return { code: "NETWORK_REFUSED", class: "notExecuted" };
  if (DNS_CODES.has(code)) return { code: "NETWORK_DNS", class: "notExecuted" };
  if (UNREACHABLE_CODES.has(code)) return { code: "NETWORK_UNREACHABLE", class: "notExecuted" };
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return { code: "NETWORK_CONNECT_TIMEOUT", class: "notExecuted" };
  }
  // A certificate problem does not go away by sending again, and nothing was sent.
  if (isTlsCode(code)) return { code: "NETWORK_TLS", class: "permanent" };
  if (TIMEOUT_CODES.has(code)) return { code: "TIMEOUT", class: "ambiguous" };
  const neverSent = facts.bytesWritten === 0 || facts.dispatched === false;
  if (RESET_CODES.has(code)) {
    return { code: "NETWORK_RESET", class: neverSent ? "notExecuted" : "ambiguous" };
  }
  // Unknown transport failure: unless it provably happened before sending, assume it may have run.
  return { code: "NETWORK_ERROR", class: neverSent ? "notExecuted" : "ambiguous" };
}

/** Pull code and bytesWritten out of an undici/Node error (or an AggregateError of them). */
export function networkErrorFacts(error: unknown): NetworkErrorFacts {
  if (typeof error !== "object" || error === null) return { code: null, bytesWritten: null };
  const record = error as {
    code?: unknown;
    errors?: unknown;
    socket?: { bytesWritten?: unknown } | null;
  };
  let code = typeof record.code === "string" ? record.code : null;
  // Node's happy-eyeballs connect reports "refused on every address" as an AggregateError.
  if (code === null && Array.isArray(record.errors) && record.errors.length > 0) {
    code = networkErrorFacts(record.errors[0]).code;
  }
  const written = record.socket?.bytesWritten;
  return { code, bytesWritten: typeof written === "number" ? written : null };
}
