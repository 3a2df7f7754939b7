// Where the CLI writes and what it knows of the terminal. Commands take an Io so tests can
// capture output; the real one wraps process.stdout / process.stderr.
import { type Ask, askOnTerminal } from "./confirm.js";
import type { ProgressSink } from "./progress.js";

export interface Io {
  /** Tables and summaries: what a person or a pipe reads. */
  out(text: string): void;
  /** Diagnostics: errors, warnings, where files went. */
  err(text: string): void;
  /** Terminal width to fit tables into; undefined when stdout is not a terminal. */
  width: number | undefined;
  /** ANSI colours on stdout. */
  color: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Asks a person y/N (run.ts's --yes gate); absent when stdin is not a terminal. */
  ask?: Ask;
  /** Where a live progress line may go (stderr, when it is a terminal); absent in tests. */
  progress?: ProgressSink;
}

/** Colour only on a terminal, never with NO_COLOR (no-color.org), always with FORCE_COLOR. */
export function wantsColor(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0")
    return true;
  return isTTY && env.TERM !== "dumb";
}

/** A terminal's own width, else COLUMNS when set (e.g. under a CI log viewer), else none. */
export function terminalWidth(
  env: Readonly<Record<string, string | undefined>>,
  stream: { isTTY?: boolean; columns?: number },
): number | undefined {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

export function processIo(): Io {
  const env = process.env;
  // `fanout run ... | head` closes stdout early: keep running, so the report is still written.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  return {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    width: terminalWidth(env, process.stdout),
    color: wantsColor(env, process.stdout.isTTY === true),
    env,
    ...(process.stdin.isTTY ? { ask: askOnTerminal } : {}),
    progress: {
      write: (text) => process.stderr.write(text),
      isTTY: process.stderr.isTTY === true,
      color: wantsColor(env, process.stderr.isTTY === true),
    },
  };
}

/** --no-color: no colour on stdout nor in the progress line, whatever the terminal says. */
export function withoutColor(io: Io): Io {
  return {
    ...io,
    color: false,
    ...(io.progress ? { progress: { ...io.progress, color: false } } : {}),
  };
}
