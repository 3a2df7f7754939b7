// A plan's fingerprint: what a ledger must match to be resumed. It covers what decides whether a
// recorded "ok" still means ok (the targets, each step's argv, filters and expectations), not
// tuning (timeouts, retries, concurrency), so a resume may change those.
import { createHash } from "node:crypto";
import type { Job } from "../job/model.js";
import type { Target } from "../targets/model.js";

export function planFingerprint(job: Job, targets: readonly Target[]): string {
  const steps = job.steps.map((s) => ({
    name: s.name,
    command: s.command,
    filter: s.filter ?? null,
    expect: s.expect ?? null,
    redact: s.redact ?? null,
  }));
  const pairs = targets.map((t) => `${t.appId}/${t.processId}`).sort();
  const text = JSON.stringify({ job: job.name, steps, targets: pairs });
  return `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
}
