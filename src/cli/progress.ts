// A one-line progress display on stderr, only when stderr is a terminal: a long run is not silent,
// and logs, pipes and CI output stay clean. Built on runJob's events, like any caller could.
import type { RunEvent, RunEventListener } from "../run/events.js";

export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

export interface Progress {
  onEvent: RunEventListener;
  /** Erase the line before the table is printed. */
  clear(): void;
}

const NONE: Progress = { onEvent: () => {}, clear: () => {} };

/** `⠿ 37/240 steps · 2 failed · 1 error · 3 retrying` rewritten in place. */
export function progressLine(
  done: number,
  total: number,
  counts: { failed: number; error: number; retries: number },
): string {
  const parts = [`${done}/${total} steps`];
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.error > 0) parts.push(`${counts.error} error`);
  if (counts.retries > 0) parts.push(`${counts.retries} retried`);
  return parts.join(" · ");
}

export function createProgress(
  sink: ProgressSink | undefined,
  enabled: boolean,
  now: () => number = Date.now,
): Progress {
  if (!enabled || !sink?.isTTY) return NONE;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let total = 0;
  let done = 0;
  const counts = { failed: 0, error: 0, retries: 0 };
  let shown = false;
  const draw = () => {
    sink.write(`\r\u001b[2K${progressLine(done, total, counts)}`);
    shown = true;
  };
  const onEvent = (event: RunEvent) => {
    if (event.type === "runStart") total = event.total;
    else if (event.type === "attempt" && event.failure) counts.retries++;
    else if (event.type === "stepEnd") {
      done++;
      if (event.result.status === "failed") counts.failed++;
      if (event.result.status === "error") counts.error++;
    } else return;
    // At most ten redraws a second: thousands of fast steps must not flood the terminal.
    if (done === total || now() - lastDraw >= 100) {
      lastDraw = now();
      draw();
    }
  };
  return {
    onEvent,
    clear() {
      if (shown) sink.write("\r\u001b[2K");
      shown = false;
    },
  };
}
