// The line a plan (--dry-run, the --yes prompt) shows for a job with `rollout`: the stages with
// the targets each adds once resolved, and the budget each must stay within.
import type { Job } from "../job/model.js";
import { stageSpans } from "../run/rollout.js";

export function describeRollout(job: Job, targets: number): string[] {
  if (!job.rollout) return [];
  const spans = stageSpans(job.rollout, targets);
  const stages = spans.map((s) => `${s.size} (+${s.end - s.start})`).join(" → ");
  const max = job.maxFailures;
  const budget = !max ? "0" : max.kind === "count" ? `${max.value}` : `${max.value}%`;
  return [
    `Rollout in ${spans.length} stages: ${stages}; each halts the rollout when more than ${budget} of its targets fail`,
  ];
}
