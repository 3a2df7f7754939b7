// Finding the one application a name means and the processes a key means, or saying precisely
// why not: no match names the closest candidates, several matches list them.
import type { Application, Process } from "../client/types.js";
import { editDistance } from "../job/suggest.js";

export type Match<T> =
  | { ok: true; value: T }
  | { ok: false; code: "TARGET_NOT_FOUND" | "TARGET_AMBIGUOUS"; message: string };

/** By `name`, then `display_name`, then either ignoring case: the first rule with a match wins. */
export function findApp(apps: readonly Application[], name: string): Match<Application> {
  const lower = name.toLowerCase();
  const rules: [string, (a: Application) => boolean][] = [
    ["name", (a) => a.name === name],
    ["display name", (a) => a.display_name === name],
    [
      "name or display name, ignoring case",
      (a) => a.name.toLowerCase() === lower || (a.display_name ?? "").toLowerCase() === lower,
    ],
  ];
  for (const [by, test] of rules) {
    const found = apps.filter(test);
    if (found.length === 1) return { ok: true, value: found[0] as Application };
    if (found.length > 1) {
      return {
        ok: false,
        code: "TARGET_AMBIGUOUS",
        message: `app "${name}" matches ${found.length} applications by ${by}: ${list(found.map(describeApp))}; write the app's UUID instead`,
      };
    }
  }
  const closest = closestOf(
    name,
    apps.flatMap((a) => [a.name, a.display_name ?? a.name]),
  );
  return {
    ok: false,
    code: "TARGET_NOT_FOUND",
    message:
      apps.length === 0
        ? `no application named "${name}": the key sees no applications`
        : `no application named "${name}" (by name or display name, among ${apps.length})${closest.length > 0 ? `; closest: ${closest.join(", ")}` : ""}`,
  };
}

/** By `key`, then ignoring case. */
export function findProcess(
  processes: readonly Process[],
  key: string,
  app: string,
): Match<Process> {
  for (const test of [
    (p: Process) => p.key === key,
    (p: Process) => p.key.toLowerCase() === key.toLowerCase(),
  ]) {
    const found = processes.filter(test);
    if (found.length === 1) return { ok: true, value: found[0] as Process };
    if (found.length > 1) {
      return {
        ok: false,
        code: "TARGET_AMBIGUOUS",
        message: `application ${app} has ${found.length} processes with key "${key}": ${list(found.map((p) => p.id))}; write the process UUID instead`,
      };
    }
  }
  const keys = [...new Set(processes.map((p) => p.key))];
  return {
    ok: false,
    code: "TARGET_NOT_FOUND",
    message:
      keys.length === 0
        ? `application ${app} has no process with key "${key}": it has no processes`
        : `application ${app} has no process with key "${key}"; its processes: ${list(keys)}`,
  };
}

export function describeApp(a: Application): string {
  const shown =
    a.display_name && a.display_name !== a.name ? `${a.name} "${a.display_name}"` : a.name;
  return `${shown} (${a.id})`;
}

/** Up to three candidates nearest by edit distance (ties by name), each once whatever its case. */
export function closestOf(input: string, candidates: readonly string[], n = 3): string[] {
  const byLower = new Map<string, string>();
  for (const c of candidates)
    if (c !== "" && !byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
  const unique = [...byLower.values()];
  return unique
    .map((c) => ({ c, d: editDistance(input, c) }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, n)
    .map((x) => x.c);
}

/** At most ten, then "and N more": a message stays readable with a large fleet. */
function list(items: readonly string[]): string {
  const shown = items.slice(0, 10).join(", ");
  return items.length > 10 ? `${shown} and ${items.length - 10} more` : shown;
}
