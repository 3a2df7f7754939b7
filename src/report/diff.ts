// Drift between two reports of the same job (`fanout report diff`): pure data, per (target, step).
// A pair is keyed by app id, process id and step name, so renames of labels do not count as drift.

import { targetName } from "./format.js";
import type { Report, StepResult, StepStatus } from "./model.js";

/**
 * What changed for one (target, step):
 * - `newFailure`: ok before, not ok now (failed, error, skipped or cancelled);
 * - `recovery`: not ok before, ok now;
 * - `statusChanged`: not ok both times, with a different status (e.g. failed → error);
 * - `valueChanged`: the same status, but another exit code or another (redacted) stdout;
 * - `appeared` / `vanished`: the pair is only in the new / only in the old report.
 */
export type DriftKind =
  | "newFailure"
  | "recovery"
  | "statusChanged"
  | "valueChanged"
  | "appeared"
  | "vanished";

export const DRIFT_KINDS: readonly DriftKind[] = [
  "newFailure",
  "recovery",
  "statusChanged",
  "valueChanged",
  "appeared",
  "vanished",
];

/** One side of a pair: what the diff compares. `output` is the (filtered, redacted) stdout. */
export interface DiffSide {
  status: StepStatus;
  exitCode: number | null;
  output: string;
  errorCode: string | null;
}

export interface DriftEntry {
  kind: DriftKind;
  app: string;
  process: string;
  /** As the table names the target (label, else names, else short ids), from the newer side. */
  target: string;
  step: string;
  /** Which of status, exit code and output differ; empty for appeared / vanished. */
  changed: Array<"status" | "exitCode" | "output">;
  old: DiffSide | null;
  new: DiffSide | null;
}

export interface ReportDiff {
  old: { job: string; startedAt: string };
  new: { job: string; startedAt: string };
  /** true when there is at least one change: `fanout report diff` then exits 1. */
  drifted: boolean;
  /** Pairs present in both reports with nothing changed. */
  unchanged: number;
  counts: Record<DriftKind, number>;
  /** In the new report's order, then the vanished pairs in the old report's order. */
  changes: DriftEntry[];
}

const keyOf = (r: StepResult) => `${r.app}\u0000${r.process}\u0000${r.step}`;

function side(r: StepResult): DiffSide {
  // Only an answer has an output worth comparing; other statuses carry "" anyway.
  return {
    status: r.status,
    exitCode: r.exitCode,
    output: r.stdout,
    errorCode: r.error?.code ?? null,
  };
}

function entry(
  kind: DriftKind,
  r: StepResult,
  before: StepResult | null,
  after: StepResult | null,
) {
  const changed: DriftEntry["changed"] = [];
  if (before && after) {
    if (before.status !== after.status) changed.push("status");
    if (before.exitCode !== after.exitCode) changed.push("exitCode");
    if (before.stdout !== after.stdout) changed.push("output");
  }
  return {
    kind,
    app: r.app,
    process: r.process,
    target: targetName(r),
    step: r.step,
    changed,
    old: before ? side(before) : null,
    new: after ? side(after) : null,
  } satisfies DriftEntry;
}

/** The kind of change between two results of one pair, or null when they agree. */
export function classifyPair(before: StepResult, after: StepResult): DriftKind | null {
  const wasOk = before.status === "ok";
  const isOk = after.status === "ok";
  if (wasOk && !isOk) return "newFailure";
  if (!wasOk && isOk) return "recovery";
  if (before.status !== after.status) return "statusChanged";
  if (before.exitCode !== after.exitCode || before.stdout !== after.stdout) return "valueChanged";
  return null;
}

export function diffReports(older: Report, newer: Report): ReportDiff {
  const oldByKey = new Map(older.results.map((r) => [keyOf(r), r]));
  const seen = new Set<string>();
  const changes: DriftEntry[] = [];
  let unchanged = 0;
  for (const after of newer.results) {
    const key = keyOf(after);
    seen.add(key);
    const before = oldByKey.get(key);
    if (!before) {
      changes.push(entry("appeared", after, null, after));
      continue;
    }
    const kind = classifyPair(before, after);
    if (kind === null) unchanged += 1;
    else changes.push(entry(kind, after, before, after));
  }
  for (const before of older.results) {
    if (!seen.has(keyOf(before))) changes.push(entry("vanished", before, before, null));
  }
  const counts = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  for (const c of changes) counts[c.kind] += 1;
  return {
    old: { job: older.job.name, startedAt: older.startedAt },
    new: { job: newer.job.name, startedAt: newer.startedAt },
    drifted: changes.length > 0,
    unchanged,
    counts,
    changes,
  };
}
