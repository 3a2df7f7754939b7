// Loading every job file before anything runs: with several files, one invalid file means
// nothing is sent at all (exit 2), and the user sees the problems of every file at once.
import { formatProblems, JobValidationError } from "../job/errors.js";
import { loadJob } from "../job/load.js";
import type { Job } from "../job/model.js";
import { parseVarFlags } from "../job/vars.js";
import { TargetResolutionError } from "../targets/errors.js";
import { EXIT } from "./exit-codes.js";
import type { Io } from "./io.js";

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

/**
 * The first step of every command that takes job files: parse --var, load every file, and on any
 * problem print them all and return exit 2 (nothing is sent). `advice` follows the problems.
 */
export async function loadJobsOrExplain(
  files: readonly string[],
  varFlags: readonly string[] | undefined,
  io: Io,
  advice?: string,
): Promise<{ ok: true; jobs: Job[] } | { ok: false; code: typeof EXIT.invalidInput }> {
  let vars: Record<string, string>;
  try {
    vars = parseVarFlags([...(varFlags ?? [])]);
  } catch (error) {
    if (!(error instanceof JobValidationError)) throw error;
    io.err(formatProblems(error.problems));
    return { ok: false, code: EXIT.invalidInput };
  }
  const loaded = await loadJobs(files, vars);
  if (loaded.ok) return loaded;
  io.err(loaded.messages.join("\n"));
  if (advice) io.err(advice);
  return { ok: false, code: EXIT.invalidInput };
}
