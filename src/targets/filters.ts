// `--limit EXPR`: narrows the resolved targets, the way Ansible's --limit does. Several filters
// combine with AND; each is `[!]NAME=GLOB` over the target itself (app, process, label) or one of
// its labels (env=production). Globs: `*` and `?`, whole value, ignoring case.
import { matchesGlob } from "./glob.js";
import type { Target } from "./model.js";

export interface TargetFilter {
  /** As written, for messages. */
  text: string;
  negate: boolean;
  /** app, process, label, or a label name. */
  key: string;
  glob: string;
}

export class FilterSyntaxError extends Error {
  override readonly name = "FilterSyntaxError";
  readonly code = "FILTER_SYNTAX";
}

const FILTER = /^(!?)([A-Za-z][A-Za-z0-9_./-]*)=(.+)$/s;

export function parseFilter(text: string): TargetFilter {
  const m = FILTER.exec(text.trim());
  if (!m) {
    throw new FilterSyntaxError(
      `"${text}" is not a filter: write NAME=VALUE or !NAME=VALUE, where NAME is app, process, label or a label such as env (VALUE may use * and ?), e.g. env=production`,
    );
  }
  return { text: text.trim(), negate: m[1] === "!", key: m[2] as string, glob: m[3] as string };
}

/** The values a filter's key looks at: app name and id, process key and id, label, a label. */
function valuesOf(target: Target, key: string): string[] {
  const values =
    key === "app"
      ? [target.appName, target.appId]
      : key === "process"
        ? [target.processKey, target.processId]
        : key === "label"
          ? [target.label]
          : [target.labels?.[key]];
  return values.filter((v): v is string => v !== null && v !== undefined);
}

export function matchesFilter(target: Target, filter: TargetFilter): boolean {
  const hit = valuesOf(target, filter.key).some((v) => matchesGlob(filter.glob, v));
  return filter.negate ? !hit : hit;
}

/** True when a filter looks at app names or process keys (then names must be known). */
export function filtersNeedNames(filters: readonly TargetFilter[]): boolean {
  return filters.some((f) => f.key === "app" || f.key === "process");
}

export interface Filtered {
  targets: Target[];
  /** The first filter after which nothing was left; null when some targets remain (or none came in). */
  emptiedBy: TargetFilter | null;
  /** How many targets were left after each filter, in order. */
  counts: Array<{ filter: TargetFilter; left: number }>;
}

export function applyFilters(
  targets: readonly Target[],
  filters: readonly TargetFilter[],
): Filtered {
  let left = [...targets];
  let emptiedBy: TargetFilter | null = null;
  const counts: Filtered["counts"] = [];
  for (const filter of filters) {
    const before = left.length;
    left = left.filter((t) => matchesFilter(t, filter));
    counts.push({ filter, left: left.length });
    if (before > 0 && left.length === 0 && emptiedBy === null) emptiedBy = filter;
  }
  return { targets: left, emptiedBy, counts };
}

/** "no targets matched: --limit env=staging left 0 of 12 (after app=billing-*: 12)". */
export function describeEmptied(total: number, filtered: Filtered): string {
  if (total === 0) return "no targets matched: the job's targets resolved to none";
  const i = filtered.counts.findIndex((c) => c.filter === filtered.emptiedBy);
  const before = i > 0 ? (filtered.counts[i - 1]?.left ?? total) : total;
  const emptied = filtered.emptiedBy?.text ?? "?";
  const earlier = filtered.counts
    .slice(0, Math.max(0, i))
    .map((c) => `${c.filter.text}: ${c.left}`)
    .join(", ");
  return `no targets matched: --limit ${emptied} left 0 of ${before}${earlier ? ` (of ${total} resolved; after ${earlier})` : ""}`;
}
