// limit/offset paging (API.md): read until offset + data.length >= total, and refuse to loop
// forever on a server that returns empty pages early or ignores the offset.
import { BadResponseError } from "./errors.js";

export interface Page<T> {
  items: T[];
  /** The server's `total`; null when it sent none (then a short page ends the listing). */
  total: number | null;
}

export type FetchPage<T> = (offset: number, limit: number) => Promise<Page<T>>;

/** More pages than any real company has: past it the server is looping. */
const MAX_PAGES = 10_000;

function stuck(label: string, why: string): BadResponseError {
  return new BadResponseError({
    code: "BAD_RESPONSE",
    class: "ambiguous",
    message: `${label}: pagination does not advance (${why})`,
    request: label,
  });
}

export async function readAllPages<T extends { id: string }>(
  fetchPage: FetchPage<T>,
  pageSize: number,
  label: string,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await fetchPage(offset, pageSize);
    const fresh = page.items.filter((item) => !seen.has(item.id));
    if (page.items.length > 0 && fresh.length === 0) {
      throw stuck(label, `the page at offset ${offset} repeats items already read`);
    }
    for (const item of fresh) {
      seen.add(item.id);
      all.push(item);
    }
    offset += page.items.length;
    if (page.total === null) {
      if (page.items.length < pageSize) return all;
    } else {
      if (offset >= page.total) return all;
      if (page.items.length === 0) {
        throw stuck(label, `an empty page at offset ${offset} while total is ${page.total}`);
      }
    }
  }
  throw stuck(label, `more than ${MAX_PAGES} pages`);
}
