// The summary of a report's results: pure, so renderers and tests can recompute it.
import type { ReportSummary, StepResult } from "./model.js";

export function summarize(results: readonly StepResult[]): ReportSummary {
  const summary: ReportSummary = {
    targets: 0,
    total: results.length,
    ok: 0,
    failed: 0,
    error: 0,
    skipped: 0,
    cancelled: 0,
    exitCodes: {},
  };
  const targets = new Set<string>();
  for (const result of results) {
    targets.add(`${result.app}/${result.process}`);
    summary[result.status] += 1;
    if (result.exitCode !== null) {
      const key = String(result.exitCode);
      summary.exitCodes[key] = (summary.exitCodes[key] ?? 0) + 1;
    }
  }
  summary.targets = targets.size;
  return summary;
}
