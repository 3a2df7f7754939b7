// Names for targets written as bare UUIDs, when something needs them (a --limit on app or
// process names, or `fanout targets` showing them): the same cached listings, once each.
import pLimit from "p-limit";
import { TargetResolutionError } from "./errors.js";
import { type ListingCache, ListingError } from "./listing.js";
import type { Target } from "./model.js";

export async function lookUpNames(
  targets: readonly Target[],
  listing: ListingCache | null,
  why: string,
  concurrency = 10,
): Promise<Target[]> {
  const missing = targets.filter((t) => t.appName === null || t.processKey === null);
  if (missing.length === 0) return [...targets];
  if (!listing) {
    throw new TargetResolutionError(
      "TARGET_NEEDS_API",
      `${why} needs app and process names: looking them up needs the API (set SEVALLA_API_TOKEN; a read-only key is enough)`,
      null,
    );
  }
  try {
    const apps = new Map((await listing.applications()).map((a) => [a.id.toLowerCase(), a.name]));
    const limit = pLimit(concurrency);
    const appIds = [...new Set(missing.map((t) => t.appId.toLowerCase()))];
    const keys = new Map<string, string>();
    await Promise.all(
      appIds
        .filter((id) => apps.has(id))
        .map((id) =>
          limit(async () => {
            for (const p of await listing.processes(id)) keys.set(p.id.toLowerCase(), p.key);
          }),
        ),
    );
    return targets.map((t) => ({
      ...t,
      appName: t.appName ?? apps.get(t.appId.toLowerCase()) ?? null,
      processKey: t.processKey ?? keys.get(t.processId.toLowerCase()) ?? null,
    }));
  } catch (error) {
    if (!(error instanceof ListingError)) throw error;
    throw new TargetResolutionError("TARGET_LISTING_FAILED", error.message, null, {
      cause: error.failure,
    });
  }
}
