// runJob's "resolve" stage: the caller's pre-resolved targets, or the job's entries resolved with
// the run's client (when it can list) and narrowed by the run's --limit filters.
import type { Job } from "../job/model.js";
import type { NormalizedRunOptions } from "../run/options.js";
import type { TargetFilter } from "./filters.js";
import { isTargetLister, ListingCache } from "./listing.js";
import type { Target } from "./model.js";
import { selectTargets } from "./select.js";

export interface RunTargetOptions {
  targets?: readonly Target[];
  limit?: readonly TargetFilter[];
}

export async function targetsForRun(
  job: Job,
  given: RunTargetOptions,
  options: NormalizedRunOptions,
): Promise<Target[]> {
  if (given.targets) return [...given.targets];
  const listing = isTargetLister(options.client)
    ? new ListingCache(options.client, {
        signal: options.signal,
        retries: job.retries,
        rate: options.rate,
        retry: options.retry,
        sleep: options.sleep,
        now: options.now,
        random: options.random,
        concurrency: options.concurrency,
      })
    : null;
  try {
    const selection = await selectTargets(job.targets, {
      listing,
      filters: given.limit ?? [],
      concurrency: options.concurrency,
    });
    return selection.targets;
  } finally {
    listing?.close();
  }
}
