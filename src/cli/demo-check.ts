// What the demo is designed to show (jobs/demo.yaml on the default fleet with the read key). The
// demo exits 0 only when every planted outcome showed up, so a regression anywhere is visible.
import type { Report, StepResult } from "../report/model.js";
import { DEFAULT_FLEET_PLANTED } from "../sim/fleet/default.js";

const find = (report: Report, step: string, match: (r: StepResult) => boolean) =>
  report.results.filter((r) => r.step === step && match(r));

/** Sentences for the reader about what went as planned; `deviations` empty means "as designed". */
export function checkDemo(report: Report): { highlights: string[]; deviations: string[] } {
  const highlights: string[] = [];
  const deviations: string[] = [];
  const expect = (ok: boolean, highlight: string, deviation: string) =>
    ok ? highlights.push(highlight) : deviations.push(deviation);

  const flaky = find(
    report,
    "node-env",
    (r) => r.process === DEFAULT_FLEET_PLANTED.flakyProcess,
  )[0];
  expect(
    flaky?.status === "ok" && flaky.attempts === 3,
    "search/web answered 503 twice; the read-only step was retried and succeeded on attempt 3.",
    `search/web node-env: expected ok after 3 attempts, got ${flaky?.status} after ${flaky?.attempts}.`,
  );
  const staging = find(report, "node-env", (r) => r.stdout.trim() === "staging");
  expect(
    staging.length === 1 && staging[0]?.process === DEFAULT_FLEET_PLANTED.stagingProcess,
    "notifications/worker says NODE_ENV=staging; every other target says production.",
    `expected exactly notifications/worker to say staging, got ${staging.length} targets.`,
  );
  const node18 = find(report, "node-version", (r) => r.stdout.trim().startsWith("18."));
  expect(
    node18.length === 3 && node18.every((r) => r.app === DEFAULT_FLEET_PLANTED.node18App),
    "shipping's 3 processes still run Node 18.20.4.",
    `expected shipping's 3 processes on Node 18, got ${node18.length}.`,
  );
  const touches = find(report, "touch-storage", () => true);
  expect(
    touches.length > 0 &&
      touches.every((r) => r.error?.code === "API_FORBIDDEN" && r.attempts === 1),
    `touch-storage got 403 on all ${touches.length} targets (a read key may not mutate), sent once each.`,
    "expected touch-storage to get one 403 (API_FORBIDDEN) per target.",
  );
  const others = report.results.filter((r) => r.step !== "touch-storage" && r.status !== "ok");
  expect(
    others.length === 0,
    "Every read-only step answered.",
    `${others.length} read-only steps did not succeed.`,
  );
  return { highlights, deviations };
}
