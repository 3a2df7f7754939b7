// A one-line progress display on stderr, only when stderr is a terminal: a long run is not silent,
// and logs, pipes and CI output stay clean. Built on runJob's events, like any caller could.
// A small renderer rather than a library (cli-progress, listr2, ora): one line rewritten with
// `\r` + erase-line is all it needs, and it stays testable with a fake sink and a fake clock.
import { paint } from "../report/color.js";
import type { RunEvent, RunEventListener } from "../run/events.js";

export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  /** Colour the counts (never with NO_COLOR or --no-color). Default false. */
  color?: boolean;
}

export interface Progress {
  onEvent: RunEventListener;
  /** Erase the line before the table is printed. */
  clear(): void;
}

/** What the line shows; times in ms. */
export interface ProgressState {
  done: number;
  total: number;
  ok: number;
  failed: number;
  error: number;
  /** Done without a request: reused by --resume / --rerun-failed. */
  resumed: number;
  retries: number;
  /** Requests sent (attempt events). */
  requests: number;
  /** Requests that had to wait for a rate limit (429 pause, server budget, --rate) so far. */
  waits: number;
  /** Time left of the current rate-limit wait; 0 when none. */
  waitingMs: number;
  elapsedMs: number;
  /** A rollout's current stage, e.g. "stage 2/3 (50%)"; absent without one. */
  stage?: string;
}

const NONE: Progress = { onEvent: () => {}, clear: () => {} };

/** `37/240 · 30 ok · 2 failed · 1 error · 12.5 req/s · 3 rate-limit waits · ETA 42s`; a rollout
 * adds its stage after the counts: `37/240 · stage 2/3 (50%) · ...`. */
export function progressLine(s: ProgressState, color = false): string {
  const parts = [`${s.done}/${s.total}`];
  if (s.stage) parts.push(s.stage);
  if (s.ok > 0) parts.push(paint(`${s.ok} ok`, "green", color));
  if (s.failed > 0) parts.push(paint(`${s.failed} failed`, "red", color));
  if (s.error > 0) parts.push(paint(`${s.error} error`, "red", color));
  if (s.resumed > 0) parts.push(`${s.resumed} resumed`);
  if (s.retries > 0) parts.push(`${s.retries} retried`);
  if (s.requests > 0 && s.elapsedMs >= 1000)
    parts.push(`${(s.requests / (s.elapsedMs / 1000)).toFixed(1)} req/s`);
  if (s.waits > 0) parts.push(`${s.waits} rate-limit wait${s.waits === 1 ? "" : "s"}`);
  // Only a wait a person would notice: sub-second pacing gaps would make the line flicker.
  if (s.waitingMs >= 1000)
    parts.push(paint(`waiting ${seconds(s.waitingMs)} for the rate limit`, "yellow", color));
  const fresh = s.done - s.resumed;
  if (fresh > 0 && s.done < s.total)
    parts.push(`ETA ${seconds((s.elapsedMs / fresh) * (s.total - s.done))}`);
  return parts.join(" · ");
}

function seconds(ms: number): string {
  const total = Math.ceil(ms / 1000);
  if (total < 60) return `${total}s`;
  return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s`;
}

/** How the line keeps time while nothing happens (a rate-limit wait); tests pass a fake. */
export interface Ticker {
  every(ms: number, tick: () => void): () => void;
}

const realTicker: Ticker = {
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    // A countdown must never keep the process alive.
    timer.unref();
    return () => clearInterval(timer);
  },
};

export function createProgress(
  sink: ProgressSink | undefined,
  enabled: boolean,
  now: () => number = Date.now,
  ticker: Ticker = realTicker,
): Progress {
  if (!enabled || !sink?.isTTY) return NONE;
  const s: ProgressState = {
    ...{ done: 0, total: 0, ok: 0, failed: 0, error: 0, resumed: 0, retries: 0 },
    ...{ requests: 0, waits: 0, waitingMs: 0, elapsedMs: 0 },
  };
  let startedAt = now();
  let waitUntil = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  const count = (event: RunEvent): boolean => {
    if (event.type === "runStart") {
      s.total = event.total;
      startedAt = now();
    } else if (event.type === "stageStart") {
      s.stage = `stage ${event.stage}/${event.stages} (${event.size})`;
    } else if (event.type === "attempt") {
      s.requests++;
      if (event.failure) s.retries++;
    } else if (event.type === "rateLimitWait") {
      s.waits++;
      waitUntil = Math.max(waitUntil, now() + event.delayMs);
    } else if (event.type === "stepEnd") {
      s.done++;
      const { status, resumed } = event.result;
      if (resumed) s.resumed++;
      else if (status === "ok" || status === "failed" || status === "error") s[status]++;
    } else return false;
    return true;
  };
  let stopTicking: (() => void) | null = null;
  const draw = (t: number) => {
    lastDraw = t;
    s.elapsedMs = t - startedAt;
    s.waitingMs = Math.max(0, waitUntil - t);
    sink.write(`\r\u001b[2K${progressLine(s, sink.color === true)}`);
    shown = true;
  };
  // During a rate-limit wait no event comes; the countdown is redrawn each second until it ends.
  const tick = () => {
    const t = now();
    if (t >= waitUntil) {
      stopTicking?.();
      stopTicking = null;
    }
    draw(t);
  };
  const onEvent = (event: RunEvent) => {
    if (!count(event)) return;
    const t = now();
    if (waitUntil - t >= 1000 && stopTicking === null) stopTicking = ticker.every(1000, tick);
    // At most ten redraws a second: thousands of fast steps must not flood the terminal.
    if (s.done !== s.total && t - lastDraw < 100) return;
    draw(t);
  };
  return {
    onEvent,
    clear() {
      stopTicking?.();
      stopTicking = null;
      if (shown) sink.write("\r\u001b[2K");
      shown = false;
    },
  };
}
