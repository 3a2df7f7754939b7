// The response headers as the client keeps them: lower-case names, a repeated header as an array,
// and only those something reads, so the values of the rest are never decoded.
import { util } from "undici";
import type { ResponseHeaders } from "./rate-limit-headers.js";

/**
 * The only response headers anything reads (response.ts, rate-limit-headers.ts); the values of
 * the others (date, content-length, ...) are never decoded.
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
