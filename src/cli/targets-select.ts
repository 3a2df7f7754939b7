// Resolving every job's targets before anything is sent (so a bad name is exit 2 with no exec),
// shared by `run`, `run --dry-run` and `targets`: opens the API only when it is needed, lists
// through one cache for all the jobs, applies --limit, and says which filter emptied a job.
import { SevallaClient } from "../client/client.js";
import { ClientConfigError, clientConfigFromEnv } from "../client/config.js";
import type { Job, RateLimit } from "../job/model.js";
import { TargetResolutionError } from "../targets/errors.js";
import { filtersNeedNames, type TargetFilter } from "../targets/filters.js";
import { ListingCache } from "../targets/listing.js";
import { needsListing } from "../targets/resolve.js";
import { type Selection, selectTargets } from "../targets/select.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import type { Io } from "./io.js";

export interface SelectFlags {
  dryRun?: boolean;
  limit?: TargetFilter[];
  concurrency?: number;
  rate?: RateLimit;
}

export type Prepared =
  | { ok: true; client: SevallaClient | null; selections: Selection[] }
  | { ok: false; code: ExitCode };

/**
 * `purpose`: "run" always needs the API; "plan" (dry run, `fanout targets`) only for names, and
 * "targets" also looks up the names of bare UUIDs when a key is there (best effort).
 */
export async function prepareTargets(
  jobs: readonly Job[],
  flags: SelectFlags,
  io: Io,
  purpose: "run" | "plan" | "targets",
): Promise<Prepared> {
  const filters = flags.limit ?? [];
  const why = whyApi(jobs, filters);
  let client: SevallaClient | null = null;
  if (purpose === "run" || why !== null || (purpose === "targets" && io.env.SEVALLA_API_TOKEN)) {
    try {
      const config = clientConfigFromEnv(io.env);
      const connections = flags.concurrency ?? Math.max(...jobs.map((j) => j.concurrency));
      client = new SevallaClient({ ...config, connections });
    } catch (error) {
      if (!(error instanceof ClientConfigError)) throw error;
      // The message names the variable to fix and never echoes the key.
      io.err(`${error.message} (${error.code})`);
      if (purpose !== "run" && why) {
        io.err(
          `Nothing is sent to run commands here, but ${why}: resolving names needs the API (a read-only key is enough).`,
        );
      }
      return { ok: false, code: EXIT.invalidInput };
    }
  }
  const listing = client
    ? new ListingCache(client, {
        retries: Math.max(...jobs.map((j) => j.retries)),
        rate: flags.rate ?? jobs.find((j) => j.rateLimit)?.rateLimit ?? null,
        concurrency: flags.concurrency ?? Math.max(...jobs.map((j) => j.concurrency)),
      })
    : null;
  const selections: Selection[] = [];
  try {
    for (const job of jobs) {
      const selection = await selectTargets(job.targets, {
        listing,
        filters,
        names: purpose === "targets",
        concurrency: flags.concurrency ?? job.concurrency,
      });
      if (selection.empty) io.err(`${label(job, jobs)}${selection.empty}`);
      selections.push(selection);
    }
  } catch (error) {
    await client?.close();
    if (!(error instanceof TargetResolutionError)) throw error;
    io.err(error.message);
    io.err(
      error.code === "TARGET_LISTING_FAILED"
        ? "Nothing was run: the targets could not be looked up."
        : "Nothing was run: fix the targets above.",
    );
    return { ok: false, code: exitCodeOf(error) };
  }
  return { ok: true, client, selections };
}

/** A listing that got no answer is exit 3 (like a step); a refusal (401, 403) or a bad name, 2. */
function exitCodeOf(error: TargetResolutionError): ExitCode {
  if (error.code !== "TARGET_LISTING_FAILED") return EXIT.invalidInput;
  const failure = error.cause as { class?: string } | undefined;
  return failure?.class === "permanent" ? EXIT.invalidInput : EXIT.noAnswer;
}

function whyApi(jobs: readonly Job[], filters: readonly TargetFilter[]): string | null {
  const named = jobs.find((j) => needsListing(j.targets));
  if (named) return `job ${named.name} names apps or processes (or uses all)`;
  if (filtersNeedNames(filters)) return "--limit app=/process= matches names";
  return null;
}

function label(job: Job, jobs: readonly Job[]): string {
  return jobs.length > 1 ? `${job.name}: ` : "";
}
