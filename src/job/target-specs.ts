// Normalisation of target entries that passed every check into TargetSpecs (src/targets resolves
// them). Shared by job files and inventory files.
import { dirname, resolve } from "node:path";
import type { PathSegment } from "./errors.js";
import type { FleetWhere, SourcePosition, TargetSpec } from "./model.js";
import { isRecord, type Raw } from "./raw.js";
import type { TargetEntry } from "./schema.js";

type Position = (path: PathSegment[]) => SourcePosition;

/** `targets: {inventory: FILE}` becomes `[{inventory: FILE}]`, before validation. */
export function listInventoryShorthand(raw: Raw): void {
  const t = raw.targets;
  if (isRecord(t) && Object.keys(t).length === 1 && "inventory" in t) raw.targets = [t];
}

/** `targets` as validated; positions of the shorthand fall back to `targets` itself. */
export function buildTargetSpecs(
  targets: TargetEntry[],
  file: string,
  pos: Position,
): TargetSpec[] {
  return targets.map((t, i) => buildTargetSpec(t, file, pos(["targets", i])));
}

export function buildTargetSpec(
  t: TargetEntry,
  file: string,
  position: SourcePosition,
): TargetSpec {
  if (t.inventory !== undefined) return inventorySpec(t.inventory, file, position);
  const extra = {
    ...(t.label !== undefined ? { label: t.label } : {}),
    ...(t.labels !== undefined ? { labels: asText(t.labels) } : {}),
    position,
  };
  if (t.apps === "all") {
    return { apps: "all", ...(t.where ? { where: where(t.where) } : {}), ...extra };
  }
  return {
    app: t.app ?? "",
    processes: t.process !== undefined ? [t.process] : (t.processes ?? []),
    ...extra,
  };
}

function inventorySpec(inventory: string, file: string, position: SourcePosition): TargetSpec {
  return { inventory, path: resolve(dirname(file), inventory), position };
}

function where(w: NonNullable<TargetEntry["where"]>): FleetWhere {
  const out: FleetWhere = {};
  if (w.name !== undefined) out.name = w.name;
  if (w.processKey !== undefined) out.processKey = w.processKey;
  if (w.type !== undefined) out.type = w.type;
  return out;
}

// Numbers and booleans are text by now (as-written.ts); String() is for the type checker.
function asText(labels: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
}
