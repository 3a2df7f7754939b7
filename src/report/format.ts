// Small text helpers shared by the renderers: how a target is named, durations, one-line output.
import type { StepResult } from "./model.js";

/** The fields that identify a target in a StepResult. */
export type TargetFields = Pick<StepResult, "app" | "appName" | "process" | "processKey" | "label">;

/**
 * A UUID shortened to its last 8 hex digits: random ids differ there as much as anywhere, and
 * generated ones (the simulator's a0000000-...-00000000000N) differ only there.
 */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(-8) : id;
}

/** label, else appName/processKey, else short ids (mixing names and ids when only one is known). */
export function targetName(r: TargetFields): string {
  if (r.label) return r.label;
  return `${r.appName ?? shortId(r.app)}/${r.processKey ?? shortId(r.process)}`;
}

/** A stable key for grouping results by target (ids, never names). */
export function targetKey(r: TargetFields): string {
  return `${r.app}/${r.process}`;
}

/** 320 ms, 12.4 s, 3 min 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  return `${minutes} min ${seconds} s`;
}

/** The first non-blank line of a text, trimmed. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== "") return trimmed;
  }
  return "";
}

/** What a person wants to see of a result in one line: the error, else stderr, else stdout. */
export function resultDetail(r: StepResult): string {
  // A missed output expectation: which one and what was seen says it best.
  if (r.status === "failed" && r.expectation && r.expectation.check !== "exitCode") {
    return `${r.expectation.check}: saw ${firstLine(r.expectation.seen)}`;
  }
  // A failed command answered: what it printed says more than "unexpected exit code".
  if (r.status === "failed") {
    const printed = firstLine(r.stderr) || firstLine(r.stdout);
    if (printed) return printed;
  }
  if (r.error && r.status !== "ok") {
    // The request's method and path repeat the target's ids, which the row already shows.
    const line = firstLine(r.error.message).replace(
      / from (GET|POST|PUT|PATCH|DELETE) \/\S+?(?=[:\s]|$)/,
      "",
    );
    // A network failure needs its code (NETWORK_RESET...); an HTTP status or a runner message
    // (skipped, cancelled, unexpected exit code) says it already.
    const network = r.error.class !== null && r.error.httpStatus === null;
    return network && !line.includes(r.error.code) ? `${r.error.code}: ${line}` : line;
  }
  return firstLine(r.stderr) || firstLine(r.stdout);
}

/** Control characters (escape sequences, tabs, newlines) replaced by spaces, for one table cell. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
}

/** Cut a string to at most `width` characters, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}

/** Statuses in the order a reader should meet them: what went wrong first. */
export const STATUS_ORDER = ["error", "failed", "cancelled", "skipped", "ok"] as const;

export function statusRank(status: StepResult["status"]): number {
  return STATUS_ORDER.indexOf(status);
}

/** A stable sort of results with failures first, keeping the report's order within a status. */
export function failuresFirst(results: readonly StepResult[]): StepResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => statusRank(a.r.status) - statusRank(b.r.status) || a.i - b.i)
    .map(({ r }) => r);
}
