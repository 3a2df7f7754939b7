// The response headers as the client keeps them: lower-case names, a repeated header as an array,
// and only those something reads, so the values of the rest are never decoded.
import { util } from "undici";

/** Response headers as the client keeps them: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * The only response headers anything reads (with headerValue below): a header must be listed here
 * before it can be read. The values of the others (date, content-length, ...) are never decoded.
 */
const KEPT = new Set([
  "content-type",
  "location",
  "retry-after",
  "x-request-id",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
]);

/** undici's raw [name, value, name, value, ...] → ResponseHeaders. */
export function decodeHeaders(raw: ReadonlyArray<Buffer | string> | null): ResponseHeaders {
  const headers: Record<string, string | string[]> = {};
  if (raw === null) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = util.headerNameToString(raw[i] as Buffer | string);
    if (!KEPT.has(name)) continue;
    const value = (raw[i + 1] as Buffer | string).toString("latin1");
    const seen = headers[name];
    headers[name] = seen === undefined ? value : [...[seen].flat(), value];
  }
  return headers;
}

/** The first value of a header, trimmed; null when absent or empty (or not in KEPT). */
export function headerValue(headers: ResponseHeaders, name: string): string | null {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}
