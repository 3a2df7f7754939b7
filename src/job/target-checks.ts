// Checks across the fields of target entries (a schema sees one value at a time): which form an
// entry takes, and the same process listed twice. Shared by job files and inventory files.
import { formatPath, type PathSegment, type Problem } from "./errors.js";
import type { SourceIndex } from "./positions.js";
import { isRecord, list } from "./raw.js";

export interface TargetCheckContext {
  file: string;
  index: SourceIndex;
  problems: Problem[];
}

export function checkTargetEntries(
  ctx: TargetCheckContext,
  targets: unknown,
  allowInventory: boolean,
): void {
  const report = (path: PathSegment[], message: string, at: "key" | "value" = "value") => {
    const [line, column] = ctx.index.positionOf(path, at);
    ctx.problems.push({ file: ctx.file, line, column, path: formatPath(path), message });
  };
  const seen = new Map<string, string>();
  for (const [i, target] of list(targets).entries()) {
    const at: PathSegment[] = ["targets", i];
    if (!isRecord(target)) continue;
    const forms = ["app", "apps", ...(allowInventory ? ["inventory"] : [])].filter(
      (k) => target[k] !== undefined,
    );
    if (forms.length > 1) {
      report(
        [...at, forms[1] as string],
        `use one of ${forms.map((f) => `\`${f}\``).join(", ")} per target`,
        "key",
      );
      continue;
    }
    const form = forms[0];
    if (form === undefined) {
      report(
        at,
        allowInventory ? "needs `app`, `apps: all` or `inventory`" : "needs `app` or `apps: all`",
      );
      continue;
    }
    // Unknown keys are the schema's to report; here only known keys of another form.
    const others = Object.keys(target).filter(
      (k) => KNOWN.includes(k) && k !== form && !ALLOWED[form]?.includes(k),
    );
    for (const key of others)
      report([...at, key], `\`${key}\` does not go with \`${form}\``, "key");
    if (form === "app") checkProcesses(target, at, report, seen);
  }
}

const ALLOWED: Record<string, string[]> = {
  app: ["process", "processes", "label", "labels"],
  apps: ["where", "label", "labels"],
  inventory: [],
};
const KNOWN = ["app", "apps", "inventory", "process", "processes", "where", "label", "labels"];

function checkProcesses(
  target: Record<string, unknown>,
  at: PathSegment[],
  report: (path: PathSegment[], message: string, at?: "key" | "value") => void,
  seen: Map<string, string>,
) {
  const hasOne = target.process !== undefined;
  const hasMany = target.processes !== undefined;
  if (hasOne && hasMany) {
    report([...at, "processes"], "use either `process` or `processes`, not both", "key");
  } else if (!hasOne && !hasMany) {
    report(at, "needs `process` (one process UUID or key) or `processes` (a list of them, or all)");
  }
  const entries: [unknown, PathSegment[]][] = hasOne
    ? [[target.process, [...at, "process"]]]
    : list(target.processes).map((p, j) => [p, [...at, "processes", j]]);
  for (const [process, path] of entries) {
    if (typeof process !== "string" || typeof target.app !== "string") continue;
    const key = `${target.app.toLowerCase()} ${process.toLowerCase()}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, formatPath(path));
    else
      report(
        path,
        `this process of this app is already a target at ${first}; list each process once`,
      );
  }
}
