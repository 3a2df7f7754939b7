// Turning what the server sent into an ExecResult, a list page, or an ApiError with a message
// a person can act on. Server text is scrubbed of the key before it goes into an error.
import { STATUS_CODES } from "node:http";
import { classifyStatus, codeForStatus } from "./classify.js";
import { ApiError, BadResponseError, redactSecret } from "./errors.js";
import { parseRateLimit, parseRetryAfterMs } from "./rate-limit-headers.js";
import { headerValue, type ResponseHeaders } from "./response-headers.js";
import type { FailureClass } from "./types.js";

const MAX_API_TEXT = 500;
// data.message is often this boilerplate; repeating it in every error helps nobody.
const GENERIC = /^if you need assistance, please contact support\.?$/i;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shortText(value: unknown, secret: string): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const clean = redactSecret(value.trim(), secret);
  return clean.length > MAX_API_TEXT ? `${clean.slice(0, MAX_API_TEXT)}…` : clean;
}

/** A short description of a body that is not what was expected, without dumping it. */
function describeBody(text: string, headers: ResponseHeaders): string {
  const type = headerValue(headers, "content-type") ?? "no content-type";
  if (text.trim() === "") return `an empty body (${type})`;
  if (/^\s*</.test(text)) return `an HTML/XML body (${type}), perhaps from a proxy`;
  return `${text.length} bytes of ${type}`;
}

export interface ExecBody {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The documented 200 body, or BAD_RESPONSE (ambiguous: the command may well have run). */
export function parseExecBody(
  text: string,
  headers: ResponseHeaders,
  label: string,
  status: number,
): ExecBody {
  const body = parseJson(text);
  if (
    isRecord(body) &&
    typeof body.stdout === "string" &&
    typeof body.stderr === "string" &&
    typeof body.exit_code === "number" &&
    Number.isInteger(body.exit_code)
  ) {
    return { stdout: body.stdout, stderr: body.stderr, exitCode: body.exit_code };
  }
  const what =
    body === undefined
      ? `not JSON: ${describeBody(text, headers)}`
      : "JSON without string stdout/stderr and an integer exit_code";
  throw badResponse(
    `${label}: ${status} but the body is ${what}; the command may have run`,
    headers,
    label,
  );
}

export function badResponse(message: string, headers: ResponseHeaders, label: string) {
  return new BadResponseError({
    code: "BAD_RESPONSE",
    class: "ambiguous",
    message,
    requestId: headerValue(headers, "x-request-id"),
    rateLimit: parseRateLimit(headers),
    request: label,
  });
}

export interface ErrorContext {
  /** "POST /applications/…/exec" */
  label: string;
  /** The argv of an exec call, for the 403 hint; only the binary is ever shown. */
  command?: readonly string[];
  secret: string;
}

function hintFor(
  status: number,
  ctx: ErrorContext,
  headers: ResponseHeaders,
  retryAfterMs: number | null,
): string {
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, "location");
    let host = "an unnamed location";
    try {
      if (location !== null) host = new URL(location, "http://unknown.invalid").host;
    } catch {
      host = "an unparseable location";
    }
    return `the API redirected to ${host}; redirects are not followed so the key is never re-sent (check SEVALLA_API_URL)`;
  }
  switch (status) {
    case 400:
      return "the API rejected the request as malformed";
    case 401:
      return "the API key is missing, invalid or revoked; check SEVALLA_API_TOKEN";
    case 403:
      return ctx.command?.[0] !== undefined
        ? `the API key may not run ${JSON.stringify(ctx.command[0])} (read-only key?)`
        : "the API key is not allowed to do this";
    case 404:
      return "no such application or process, or the key's company cannot see it";
    case 422:
      return "the API found the request invalid";
    case 429:
      return retryAfterMs === null
        ? "rate limited; wait before sending more"
        : `rate limited; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
    default:
      return status >= 500
        ? "the server or a gateway failed; the command may have run"
        : "the API refused the request";
  }
}

/** A non-2xx response → ApiError with the class of the failure table. */
export function apiError(
  status: number,
  headers: ResponseHeaders,
  text: string,
  ctx: ErrorContext,
): ApiError {
  const body = parseJson(text);
  const data = isRecord(body) ? body.data : undefined;
  const apiMessage = isRecord(body) ? shortText(body.message, ctx.secret) : null;
  const apiCode = isRecord(data) ? shortText(data.code, ctx.secret) : null;
  const apiDetail = isRecord(data) ? shortText(data.message, ctx.secret) : null;
  const rawRequestId = headerValue(headers, "x-request-id");
  const requestId = rawRequestId === null ? null : redactSecret(rawRequestId, ctx.secret);
  const retryAfterMs = parseRetryAfterMs(headers);
  const cls = classifyStatus(status);
  const failureClass: FailureClass = cls === "answer" ? "ambiguous" : cls;
  const statusText = STATUS_CODES[status] ?? "HTTP error";
  let message = `${status} ${statusText} from ${ctx.label}: ${hintFor(status, ctx, headers, retryAfterMs)}`;
  const said = [apiMessage, apiDetail].filter(
    (text): text is string => text !== null && text !== statusText && !GENERIC.test(text),
  );
  if (said.length > 0) message += ` (API: ${said.join(": ")})`;
  if (requestId !== null) message += ` [request ${requestId}]`;
  return new ApiError({
    code: codeForStatus(status),
    class: failureClass,
    // Every part of the message that came from the server (Location, texts) is scrubbed at once.
    message: redactSecret(message, ctx.secret),
    httpStatus: status,
    apiMessage,
    apiCode,
    requestId,
    retryAfterMs,
    rateLimit: parseRateLimit(headers),
    request: ctx.label,
  });
}
