import { describe, expect, test } from "vitest";
import { type FetchPage, readAllPages } from "../../src/client/pagination.js";

type Item = { id: string };
const items = (from: number, count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ id: `id-${from + i}` }));

/** A well-behaved server over `total` items. */
function fleet(total: number, seen: number[] = []): FetchPage<Item> {
  return async (offset, limit) => {
    seen.push(offset);
    return { items: items(offset, Math.max(0, Math.min(limit, total - offset))), total };
  };
}

describe("readAllPages", () => {
  test("reads until offset + data.length >= total", async () => {
    const offsets: number[] = [];
    const all = await readAllPages(fleet(250, offsets), 100, "GET /applications");
    expect(all).toHaveLength(250);
    expect(new Set(all.map((a) => a.id)).size).toBe(250);
    expect(offsets).toEqual([0, 100, 200]);
  });

  test("an exact multiple stops without an extra request", async () => {
    const offsets: number[] = [];
    await readAllPages(fleet(200, offsets), 100, "GET /applications");
    expect(offsets).toEqual([0, 100]);
  });

  test("zero items is one request", async () => {
    expect(await readAllPages(fleet(0), 100, "GET /applications")).toEqual([]);
  });

  test("a server that sends no total stops at a short page", async () => {
    const noTotal: FetchPage<Item> = async (offset, limit) => ({
      items: items(offset, Math.max(0, Math.min(limit, 130 - offset))),
      total: null,
    });
    expect(await readAllPages(noTotal, 100, "GET /applications")).toHaveLength(130);
  });

  test("a server that returns an empty page before total → BAD_RESPONSE", async () => {
    const stuck: FetchPage<Item> = async () => ({ items: [], total: 10 });
    await expect(readAllPages(stuck, 100, "GET /applications")).rejects.toMatchObject({
      code: "BAD_RESPONSE",
      class: "ambiguous",
    });
  });

  test("a server that ignores the offset → BAD_RESPONSE, not an endless loop", async () => {
    const ignoresOffset: FetchPage<Item> = async (_offset, limit) => ({
      items: items(0, limit),
      total: 1_000_000,
    });
    await expect(readAllPages(ignoresOffset, 100, "GET /applications")).rejects.toMatchObject({
      code: "BAD_RESPONSE",
    });
  });
});
