// Appends lines to a file in batches, each batch written and fsync'd before the next: a crash or a
// SIGKILL loses at most the lines of the last `batchMs` (or `batchLines`), and a run with thousands
// of steps does not pay one fsync per line. Writes are chained, so lines keep their order.
import { type FileHandle, open } from "node:fs/promises";

export interface LineWriterOptions {
  /** "wx": a new file (refuse an existing one); "a": append. */
  flags: "wx" | "a";
  /** Flush when this many lines are pending. Default 64. */
  batchLines?: number;
  /** Flush at most this long after a line was queued. Default 200 ms. */
  batchMs?: number;
}

export interface LineWriter {
  /** Queues one line (without its newline). Never throws: errors are kept in `error`. */
  write(line: string): void;
  /** Flushes, fsyncs and closes; resolves with the first write error, if any. */
  close(): Promise<Error | null>;
}

export async function openLineWriter(
  path: string,
  options: LineWriterOptions,
): Promise<LineWriter> {
  // 0600: results carry command output, which may be sensitive even once redacted.
  const file: FileHandle = await open(path, options.flags, 0o600);
  const batchLines = options.batchLines ?? 64;
  const batchMs = options.batchMs ?? 200;
  let pending: string[] = [];
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let error: Error | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const text = `${pending.join("\n")}\n`;
    pending = [];
    chain = chain
      .then(async () => {
        if (error) return;
        await file.write(text);
        await file.datasync();
      })
      .catch((e: unknown) => {
        error ??= e instanceof Error ? e : new Error(String(e));
      });
  };

  return {
    write(line) {
      pending.push(line);
      if (pending.length >= batchLines) flush();
      else if (!timer) {
        timer = setTimeout(flush, batchMs);
        // A pending flush must not keep the process alive; close() flushes the rest.
        timer.unref();
      }
    },
    async close() {
      flush();
      await chain;
      await file.close().catch(() => {});
      return error;
    },
  };
}
