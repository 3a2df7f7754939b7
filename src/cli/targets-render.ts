// How `fanout targets` shows a selection: aligned columns a person reads and grep/awk can cut,
// or JSON for scripts (ids always, names when known, null otherwise).
import type { Job } from "../job/model.js";
import type { Target } from "../targets/model.js";
import type { Selection } from "../targets/select.js";

const HEADERS = ["LABEL", "APP", "PROCESS", "APP ID", "PROCESS ID", "LABELS"];

export function renderTargets(job: Job, selection: Selection | undefined): string {
  const targets = selection?.targets ?? [];
  const n = targets.length;
  const filtered =
    selection && selection.resolved !== n ? ` (${selection.resolved} before --limit)` : "";
  const title = `Job ${job.name}: ${n} ${n === 1 ? "target" : "targets"}${filtered}`;
  if (n === 0) return title;
  const rows = targets.map(row);
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [title, line(HEADERS), ...rows.map(line)].join("\n");
}

function row(t: Target): string[] {
  const labels = Object.entries(t.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return [t.label ?? "-", t.appName ?? "-", t.processKey ?? "-", t.appId, t.processId, labels];
}

export function targetsJson(job: Job, selection: Selection | undefined) {
  return {
    job: job.name,
    file: job.file ?? null,
    resolved: selection?.resolved ?? 0,
    targets: (selection?.targets ?? []).map((t) => ({
      label: t.label,
      appName: t.appName,
      processKey: t.processKey,
      appId: t.appId,
      processId: t.processId,
      labels: t.labels ?? {},
    })),
  };
}
