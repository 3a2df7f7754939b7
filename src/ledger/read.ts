// Reading a ledger back for --resume: its headers, and each pair's latest result. A last line cut
// short by a crash is ignored (that is what a kill mid-write leaves); any other bad line is an
// error, because a resume from a damaged ledger could send a mutating command twice.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { StepResult } from "../report/model.js";
import { StepResultSchema } from "../report/schema.js";
import { resultKey } from "../run/prior.js";
import { LEDGER_VERSION, type LedgerHeader } from "./format.js";

export interface ReadLedger {
  /** One per run written into the file (a resume appends one); at least one. */
  headers: LedgerHeader[];
  /** Each pair's latest result, by pairKey. */
  results: Map<string, StepResult>;
}

export class LedgerError extends Error {
  override readonly name = "LedgerError";
  readonly code = "BAD_LEDGER";
}

const HeaderSchema = z.object({
  type: z.literal("header"),
  ledgerVersion: z.literal(LEDGER_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  job: z.object({ name: z.string(), file: z.string().nullable() }),
  plan: z.object({
    fingerprint: z.string(),
    targets: z.number(),
    steps: z.number(),
    total: z.number(),
  }),
  startedAt: z.string(),
  resumedFrom: z.string().nullable(),
});

export async function readLedger(path: string): Promise<ReadLedger> {
  const lines = (await readFile(path, "utf8")).split("\n");
  const headers: LedgerHeader[] = [];
  const results = new Map<string, StepResult>();
  for (const [i, text] of lines.entries()) {
    if (text.trim() === "") continue;
    const where = `${path}:${i + 1}`;
    let line: { type?: unknown; result?: unknown };
    try {
      line = JSON.parse(text);
    } catch {
      if (i === lines.length - 1) break; // cut short by a crash: the last moments are lost
      throw new LedgerError(`${where}: not a JSON line`);
    }
    if (headers.length === 0 && line.type !== "header")
      throw new LedgerError(`${where}: the first line is not a fanout ledger header`);
    if (line.type === "header") {
      const header = HeaderSchema.safeParse(line);
      if (!header.success) throw new LedgerError(`${where}: not a ledgerVersion 1 header`);
      headers.push(header.data as LedgerHeader);
    } else if (line.type === "result") {
      const result = StepResultSchema.safeParse(line.result);
      if (!result.success) throw new LedgerError(`${where}: not a step result`);
      results.set(resultKey(result.data), result.data as StepResult);
    }
  }
  if (headers.length === 0) throw new LedgerError(`${path}: empty, not a fanout ledger`);
  return { headers, results };
}
