// What resolving an entry needs from the listings, with the errors it may end in.
import type pLimit from "p-limit";
import type { AppTargetSpec, FleetTargetSpec, SourcePosition } from "../job/model.js";
import { TargetResolutionError } from "./errors.js";
import { type ListingCache, ListingError } from "./listing.js";
import type { Match } from "./match.js";
import type { Target } from "./model.js";

export interface Ctx {
  listing: ListingCache | null;
  limit: ReturnType<typeof pLimit>;
}

/** A listing through the cache, or the reason it cannot be made (no API, or it failed). */
export async function list<T>(
  ctx: Ctx,
  at: SourcePosition | null,
  why: string,
  read: (listing: ListingCache) => Promise<T>,
): Promise<T> {
  if (!ctx.listing) {
    throw new TargetResolutionError(
      "TARGET_NEEDS_API",
      `${why}: resolving it needs the API (set SEVALLA_API_TOKEN; a read-only key is enough)`,
      at,
    );
  }
  try {
    return await read(ctx.listing);
  } catch (error) {
    if (!(error instanceof ListingError)) throw error;
    throw new TargetResolutionError("TARGET_LISTING_FAILED", error.message, at, {
      cause: error.failure,
    });
  }
}

export function unwrap<T>(match: Match<T>, at: SourcePosition | null): T {
  if (match.ok) return match.value;
  throw new TargetResolutionError(match.code, match.message, at);
}

export function target(
  spec: AppTargetSpec | FleetTargetSpec,
  appId: string,
  appName: string | null,
  processId: string,
  processKey: string | null,
): Target {
  const t: Target = { appId, processId, appName, processKey, label: spec.label ?? null };
  if (spec.labels) t.labels = spec.labels;
  return t;
}
