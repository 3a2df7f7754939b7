// `fanout report diff` on a terminal: one line per change, grouped by kind, then a count line.
import type { DiffSide, DriftEntry, DriftKind, ReportDiff } from "./diff.js";
import { DRIFT_KINDS } from "./diff.js";
import { oneLine, truncate } from "./format.js";

const HEADINGS: Record<DriftKind, [singular: string, plural: string]> = {
  newFailure: ["new failure", "new failures"],
  recovery: ["recovery", "recoveries"],
  statusChanged: ["status change", "status changes"],
  valueChanged: ["changed value", "changed values"],
  appeared: ["appeared", "appeared"],
  vanished: ["vanished", "vanished"],
};

export interface DiffRenderOptions {
  width?: number;
}

/** "2 new failures · 1 recovery · 1 changed value" (kinds with none are left out). */
export function diffCountLine(diff: ReportDiff): string {
  if (!diff.drifted) return `No drift: ${diff.unchanged} unchanged (target, step) pairs.`;
  const parts = DRIFT_KINDS.filter((k) => diff.counts[k] > 0).map((k) => {
    const n = diff.counts[k];
    return `${n} ${HEADINGS[k][n === 1 ? 0 : 1]}`;
  });
  return `Drift: ${parts.join(" · ")} · ${diff.unchanged} unchanged.`;
}

export function renderDiff(diff: ReportDiff, options: DiffRenderOptions = {}): string {
  const width = Math.max(40, options.width ?? 120);
  const head =
    diff.old.job === diff.new.job
      ? `${diff.new.job}: ${diff.old.startedAt} → ${diff.new.startedAt}`
      : `${diff.old.job} (${diff.old.startedAt}) → ${diff.new.job} (${diff.new.startedAt})`;
  const blocks = DRIFT_KINDS.filter((k) => diff.counts[k] > 0).map((kind) => {
    const lines = diff.changes.filter((c) => c.kind === kind).map((c) => changeLine(c, width));
    return [`${capitalise(HEADINGS[kind][1])}:`, ...lines].join("\n");
  });
  return [head, ...blocks, diffCountLine(diff)].join("\n\n");
}

function changeLine(c: DriftEntry, width: number): string {
  const what = `  ${c.target} · ${c.step}: `;
  const detail =
    c.old && c.new
      ? `${describe(c.old, c.changed)} → ${describe(c.new, c.changed)}`
      : describe((c.new ?? c.old) as DiffSide, ["status", "exitCode"]);
  return truncate(oneLine(what + detail), width);
}

/** The side as the changed fields show it: `failed (exit 1)`, `ok "v20.11.0"`, `error API_FORBIDDEN`. */
function describe(s: DiffSide, changed: DriftEntry["changed"]): string {
  const parts: string[] = [s.status];
  if (s.exitCode !== null && (changed.includes("exitCode") || changed.includes("status")))
    parts.push(`(exit ${s.exitCode})`);
  else if (s.exitCode === null && s.errorCode && s.status !== "ok") parts.push(s.errorCode);
  if (changed.includes("output")) parts.push(JSON.stringify(shorten(s.output)));
  return parts.join(" ");
}

function shorten(output: string): string {
  const text = output.replace(/\n+$/, "");
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
