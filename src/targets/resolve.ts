// Target entries to concrete (app, process) targets, in the order written. UUIDs need nothing;
// names, keys, `processes: all` and `apps: all` need the listings (ListingCache: each once per
// run). The same process reached twice (by id and by name, or by two entries) is kept once, at
// its first place, with its first label.
import pLimit from "p-limit";
import type { Application } from "../client/types.js";
import { classifyId } from "../job/ids.js";
import type { AppTargetSpec, TargetSpec } from "../job/model.js";
import { TargetResolutionError } from "./errors.js";
import { fleetTargets } from "./fleet.js";
import type { ListingCache } from "./listing.js";
import { type Ctx, list, target, unwrap } from "./lookup.js";
import { findApp, findProcess } from "./match.js";
import type { Target } from "./model.js";

export type { TargetResolutionCode } from "./errors.js";
export { TargetResolutionError } from "./errors.js";

export interface ResolveOptions {
  /** Where names are looked up; without it only UUID entries resolve (TARGET_NEEDS_API). */
  listing?: ListingCache | null;
  /** Process listings in flight at once for `apps: all`. Default 10. */
  concurrency?: number;
}

/** True when some entry needs the API to resolve (a name, a key, or `all`). */
export function needsListing(specs: readonly TargetSpec[]): boolean {
  return specs.some(
    (s) =>
      "apps" in s ||
      ("app" in s && (!isUuid(s.app) || s.processes === "all" || !s.processes.every(isUuid))),
  );
}

export async function resolveTargets(
  specs: readonly TargetSpec[],
  options: ResolveOptions = {},
): Promise<Target[]> {
  const ctx = { listing: options.listing ?? null, limit: pLimit(options.concurrency ?? 10) };
  const targets: Target[] = [];
  const errors: TargetResolutionError[] = [];
  for (const spec of specs) {
    try {
      if ("inventory" in spec) {
        throw new TargetResolutionError(
          "TARGET_INVENTORY_NOT_LOADED",
          `inventory ${spec.inventory} was not loaded: load the job with loadJob, which reads inventories`,
          spec.position ?? null,
        );
      }
      targets.push(
        ...("apps" in spec ? await fleetTargets(spec, ctx) : await appTargets(spec, ctx)),
      );
    } catch (error) {
      // Every bad entry is reported in one go, as the loader does; a failed listing ends it.
      if (!(error instanceof TargetResolutionError)) throw error;
      errors.push(error);
      if (error.code === "TARGET_LISTING_FAILED") break;
    }
  }
  if (errors.length > 0) throw combine(errors);
  return withNames(dedupe(targets), ctx.listing);
}

function combine(errors: TargetResolutionError[]): TargetResolutionError {
  const [first] = errors as [TargetResolutionError, ...TargetResolutionError[]];
  if (errors.length === 1) return first;
  return new TargetResolutionError(first.code, errors.map((e) => e.message).join("\n"), null, {
    cause: first.cause,
  });
}

async function appTargets(spec: AppTargetSpec, ctx: Ctx): Promise<Target[]> {
  const at = spec.position ?? null;
  let app: Pick<Application, "id"> & { name: string | null } = { id: spec.app, name: null };
  if (!isUuid(spec.app)) {
    const apps = await list(ctx, at, `app "${spec.app}" is a name`, (l) => l.applications());
    const found = unwrap(findApp(apps, spec.app), at);
    app = { id: found.id, name: found.name };
  }
  const shown = app.name ?? app.id;
  const processes = (why: string) => list(ctx, at, why, (l) => l.processes(app.id));
  let chosen: Array<{ id: string; key: string | null }>;
  if (spec.processes === "all") {
    chosen = await processes(`processes: all (app ${shown})`);
  } else {
    chosen = [];
    for (const p of spec.processes) {
      if (isUuid(p)) chosen.push({ id: p, key: null });
      else {
        const all = await processes(`process "${p}" of app ${shown} is a key`);
        chosen.push(unwrap(findProcess(all, p, shown), at));
      }
    }
  }
  return chosen.map((p) => target(spec, app.id, app.name, p.id, p.key));
}

function dedupe(targets: Target[]): Target[] {
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.appId.toLowerCase()}/${t.processId.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Bare UUIDs get names only from listings this run made anyway: a UUID-only job sends no listing
// request, so it works with any key and its request count is exactly its execs.
function withNames(targets: Target[], listing: ListingCache | null): Target[] {
  if (!listing) return targets;
  const known = listing.known();
  const apps = new Map(known.apps.map((a) => [a.id.toLowerCase(), a.name]));
  return targets.map((t) => {
    const appName = t.appName ?? apps.get(t.appId.toLowerCase()) ?? null;
    const processKey =
      t.processKey ??
      known.processes(t.appId).find((p) => p.id.toLowerCase() === t.processId.toLowerCase())?.key ??
      null;
    return { ...t, appName, processKey };
  });
}

function isUuid(value: string): boolean {
  return classifyId(value) === "uuid";
}
