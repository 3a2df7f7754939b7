// Loading every job file before anything runs: with several files, one invalid file means
// nothing is sent at all (exit 2), and the user sees the problems of every file at once.
import { formatProblems, JobValidationError } from "../job/errors.js";
import { loadJob } from "../job/load.js";
import type { Job } from "../job/model.js";
import { resolveTargets, TargetResolutionError } from "../targets/resolve.js";

export type LoadOutcome = { ok: true; jobs: Job[] } | { ok: false; messages: string[] };

export async function loadJobs(
  files: readonly string[],
  vars: Readonly<Record<string, string>>,
): Promise<LoadOutcome> {
  const jobs: Job[] = [];
  const messages: string[] = [];
  for (const file of files) {
    try {
      const job = await loadJob(file, { vars });
      // Resolution is local in this version; doing it here turns a bad target into exit 2 too.
      resolveTargets(job.targets);
      jobs.push(job);
    } catch (error) {
      messages.push(describeLoadError(error));
    }
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, jobs };
}

export function describeLoadError(error: unknown): string {
  if (error instanceof JobValidationError) return formatProblems(error.problems);
  if (error instanceof TargetResolutionError) return error.message;
  throw error;
}
