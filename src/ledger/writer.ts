// `--ledger FILE` and `--events FILE`: RunEvent listeners that write NDJSON through a LineWriter.
import type { RunEvent, RunEventListener } from "../run/events.js";
import { eventLine, type LedgerHeader, ledgerLine } from "./format.js";
import { type LineWriterOptions, openLineWriter } from "./line-writer.js";

export interface EventFile {
  onEvent: RunEventListener;
  /** Flushes and closes; resolves with the first write error, if any. */
  close(): Promise<Error | null>;
}

/** Opens a ledger and writes its header at once, before anything is sent. */
export async function openLedger(
  path: string,
  header: LedgerHeader,
  options: LineWriterOptions,
): Promise<EventFile> {
  const out = await openLineWriter(path, options);
  out.write(JSON.stringify(header));
  return {
    onEvent(event: RunEvent) {
      const line = ledgerLine(event);
      if (line) out.write(JSON.stringify(line));
    },
    close: () => out.close(),
  };
}

/** An NDJSON log of every RunEvent (the runEnd line carries the summary, not the report). */
export async function openEventLog(path: string, options: LineWriterOptions): Promise<EventFile> {
  const out = await openLineWriter(path, options);
  return {
    onEvent: (event) => out.write(JSON.stringify(eventLine(event))),
    close: () => out.close(),
  };
}
