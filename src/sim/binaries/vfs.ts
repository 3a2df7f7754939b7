import { posix } from "node:path";
import type { ProcessRuntime } from "../fleet/runtime.js";

// The process's files seen as a tree: directories are implied by the paths of the files in them.

export type Entry = { kind: "file"; content: string } | { kind: "dir" } | { kind: "missing" };

export function resolvePath(proc: ProcessRuntime, path: string): string {
  const abs = posix.resolve(proc.cwd, path);
  return abs.length > 1 && abs.endsWith("/") ? abs.slice(0, -1) : abs;
}

export function stat(proc: ProcessRuntime, abs: string): Entry {
  const content = proc.files.get(abs);
  if (content !== undefined && !abs.endsWith("/")) return { kind: "file", content };
  if (abs === "/") return { kind: "dir" };
  const prefix = `${abs}/`;
  for (const p of proc.files.keys()) if (p.startsWith(prefix)) return { kind: "dir" };
  return { kind: "missing" };
}

/** Direct children of a directory: name and whether it is a directory. */
export function children(proc: ProcessRuntime, dir: string): Array<{ name: string; dir: boolean }> {
  const prefix = dir === "/" ? "/" : `${dir}/`;
  const out = new Map<string, boolean>();
  for (const p of proc.files.keys()) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    if (rest === "") continue;
    const slash = rest.indexOf("/");
    if (slash === -1) out.set(rest, false);
    else out.set(rest.slice(0, slash), true);
  }
  return [...out].map(([name, dir]) => ({ name, dir })).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Reads a file for cat/head/tail/wc/grep, or says why not in coreutils' words. */
export function readText(
  proc: ProcessRuntime,
  tool: string,
  path: string,
): { content: string } | { error: string } {
  const e = stat(proc, resolvePath(proc, path));
  if (e.kind === "file") return { content: e.content };
  if (e.kind === "dir") return { error: `${tool}: ${path}: Is a directory\n` };
  return { error: `${tool}: ${path}: No such file or directory\n` };
}

/** Splits text into lines the way coreutils counts them (a final newline ends, not starts, one). */
export function lines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  if (text.endsWith("\n")) parts.pop();
  return parts;
}
