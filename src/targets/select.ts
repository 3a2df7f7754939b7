// One call for the CLI and runJob: resolve the job's targets, then narrow them by --limit.
import type { TargetSpec } from "../job/model.js";
import {
  applyFilters,
  describeEmptied,
  type Filtered,
  filtersNeedNames,
  type TargetFilter,
} from "./filters.js";
import type { Target } from "./model.js";
import { lookUpNames } from "./names.js";
import { type ResolveOptions, resolveTargets } from "./resolve.js";

export interface SelectOptions extends ResolveOptions {
  /** --limit filters, combined with AND. Default none. */
  filters?: readonly TargetFilter[];
  /** Look up names of bare UUIDs too (best effort: a failure leaves them null). Default false. */
  names?: boolean;
}

export interface Selection {
  /** The targets to run on, in order. */
  targets: Target[];
  /** How many the job's entries resolved to, before filters. */
  resolved: number;
  filtered: Filtered;
  /** Why nothing is left ("no targets matched: --limit ..."), or null when targets remain. */
  empty: string | null;
}

export async function selectTargets(
  specs: readonly TargetSpec[],
  options: SelectOptions = {},
): Promise<Selection> {
  const filters = options.filters ?? [];
  const listing = options.listing ?? null;
  let targets = await resolveTargets(specs, options);
  if (filtersNeedNames(filters)) {
    const by = filters.filter((f) => f.key === "app" || f.key === "process").map((f) => f.text);
    targets = await lookUpNames(targets, listing, `--limit ${by.join(" ")}`, options.concurrency);
  } else if (options.names && listing) {
    targets = await lookUpNames(targets, listing, "names").catch(() => targets);
  }
  const filtered = applyFilters(targets, filters);
  return {
    targets: filtered.targets,
    resolved: targets.length,
    filtered,
    empty: filtered.targets.length === 0 ? describeEmptied(targets.length, filtered) : null,
  };
}
