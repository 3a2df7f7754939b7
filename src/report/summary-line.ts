// The closing lines: one line of counts, then the targets that failed (what a user reruns).
import { paint } from "./color.js";
import {
  formatDuration,
  oneLine,
  resultDetail,
  targetKey,
  targetName,
  truncate,
} from "./format.js";
import type { Report, StepResult } from "./model.js";

export interface SummaryOptions {
  color?: boolean;
  /** How many failed targets to list before "... and N more" (default 20). */
  maxListed?: number;
  /** Terminal width: each listed target is cut to it. */
  width?: number;
}

/** `120 targets · 240 steps · 236 ok · 3 failed · 1 error · 12.4 s` (zero counts left out). */
export function summaryLine(report: Report, options: SummaryOptions = {}): string {
  const s = report.summary;
  const color = options.color ?? false;
  const parts = [
    `${s.targets} ${s.targets === 1 ? "target" : "targets"}`,
    `${s.total} ${s.total === 1 ? "step" : "steps"}`,
    paint(`${s.ok} ok`, "green", color && s.ok > 0),
  ];
  if (s.failed > 0) parts.push(paint(`${s.failed} failed`, "red", color));
  if (s.error > 0) parts.push(paint(`${s.error} error`, "red", color));
  if (s.skipped > 0) parts.push(paint(`${s.skipped} skipped`, "gray", color));
  if (s.cancelled > 0) parts.push(paint(`${s.cancelled} cancelled`, "yellow", color));
  parts.push(formatDuration(report.durationMs));
  const halted = report.rollout?.stages.find((st) => st.stage === report.rollout?.stoppedAtStage);
  if (halted && report.rollout) {
    const of = report.rollout.stages.length;
    parts.push(
      paint(`stopped: rollout stage ${halted.stage} of ${of} (${halted.size})`, "yellow", color),
    );
  } else if (report.stoppedBy === "threshold")
    parts.push(paint("stopped: failure threshold", "yellow", color));
  else if (report.interrupted) parts.push(paint("interrupted", "yellow", color));
  return parts.join(" · ");
}

export interface FailedTarget {
  name: string;
  app: string;
  process: string;
  /** The target's first step that failed or got no answer. */
  first: StepResult;
}

/** Targets with at least one `failed` or `error` step, in report order. */
export function failedTargets(report: Report): FailedTarget[] {
  const seen = new Map<string, FailedTarget>();
  for (const r of report.results) {
    if (r.status !== "failed" && r.status !== "error") continue;
    const key = targetKey(r);
    if (!seen.has(key))
      seen.set(key, { name: targetName(r), app: r.app, process: r.process, first: r });
  }
  return [...seen.values()];
}

/** The summary line, then the failed targets one per line, then a hint about unstarted ones. */
export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const lines = [summaryLine(report, options)];
  const failed = failedTargets(report);
  const maxListed = options.maxListed ?? 20;
  if (failed.length > 0) {
    lines.push(`Failed targets (${failed.length}):`);
    for (const t of failed.slice(0, maxListed)) {
      const detail = truncate(oneLine(resultDetail(t.first)), 100);
      const line = `  ${t.name}  ${t.first.step}: ${t.first.status}${detail ? ` (${detail})` : ""}`;
      lines.push(options.width ? truncate(line, options.width) : line);
    }
    if (failed.length > maxListed)
      lines.push(`  ... and ${failed.length - maxListed} more (see the report)`);
  }
  const notStarted = new Set(
    report.results.filter((r) => r.status === "cancelled").map((r) => targetKey(r)),
  );
  if (notStarted.size > 0) {
    lines.push(
      `Not run to the end (cancelled): ${notStarted.size} ${notStarted.size === 1 ? "target" : "targets"}`,
    );
  }
  return lines.join("\n");
}
