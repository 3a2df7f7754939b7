// The body of one page of a listing: {"data": [{"id": ...}, ...], "total": n, ...}.
import type { Page } from "./pagination.js";
import { badResponse } from "./response.js";
import type { TransportResponse } from "./transport.js";

/** A page, or BAD_RESPONSE when the body is not the documented shape. */
export function parseListPage<T extends { id: string }>(
  res: TransportResponse,
  label: string,
): Page<T> {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    body = undefined;
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const data = record.data;
  const total = record.total;
  const itemsOk =
    Array.isArray(data) &&
    data.every((item) => typeof item === "object" && item !== null && typeof item.id === "string");
  const totalOk =
    total === undefined || (typeof total === "number" && Number.isInteger(total) && total >= 0);
  if (!itemsOk || !totalOk) {
    throw badResponse(
      `${label}: ${res.status} but the body is not {"data": [{"id": ...}], "total": n}`,
      res.headers,
      label,
    );
  }
  return { items: data as T[], total: typeof total === "number" ? total : null };
}
