// Loading every job file before anything runs: with several files, one invalid file means
// nothing is sent at all (exit 2), and the user sees the problems of every file at once.
import { formatProblems, JobValidationError } from "../job/errors.js";
import { loadJob } from "../job/load.js";
import type { Job } from "../job/model.js";
import { TargetResolutionError } from "../targets/errors.js";

export type LoadOutcome = { ok: true; jobs: Job[] } | { ok: false; messages: string[] };

export async function loadJobs(
  files: readonly string[],
  vars: Readonly<Record<string, string>>,
): Promise<LoadOutcome> {
  const jobs: Job[] = [];
  const messages: string[] = [];
  for (const file of files) {
    try {
      // Targets are resolved later, all jobs at once (prepareTargets): names need the API.
      jobs.push(await loadJob(file, { vars }));
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
