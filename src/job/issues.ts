// Zod issues to problems a person can act on: the rule (the schema's message), what was written,
// where, and for unknown keys a "did you mean".
import { isScalar, type Node } from "yaml";
import type * as z from "zod";
import { formatPath, type PathSegment, type Problem } from "./errors.js";
import type { SourceIndex } from "./positions.js";
import { suggest } from "./suggest.js";

export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  data: unknown,
  index: SourceIndex,
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (path: PathSegment[], at: "key" | "value", message: string) => {
    const dedupe = `${formatPath(path)}\u0000${message}`;
    if (seen.has(dedupe)) return; // several checks of one rule fail together (1.5 < 1, not int)
    seen.add(dedupe);
    const [line, column] = index.positionOf(path, at);
    problems.push({ file, line, column, path: formatPath(path), message });
  };

  for (const issue of issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, path);
      for (const key of issue.keys) add([...path, key], "key", unknownKeyMessage(key, known));
    } else if (issue.code === "invalid_key") {
      const rule = issue.issues[0]?.message ?? issue.message;
      const key = path[path.length - 1];
      add(path, "key", `the name ${rule}, got ${JSON.stringify(String(key))}`);
    } else {
      const value = valueAt(data, path);
      const got = describe(value, index.locate(path).node);
      add(
        path,
        "value",
        got === undefined
          ? `is required and ${issue.message}`
          : `${issue.message}, got ${got}${quotingHint(issue, value, got)}`,
      );
    }
  }
  return problems;
}

/** YAML's quoting trips people both ways: `name: 2024` is a number, `timeout: "10"` a string. */
function quotingHint(issue: z.core.$ZodIssue, value: unknown, got: string): string {
  if (issue.code !== "invalid_type") return "";
  if (issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return ` (a ${typeof value}; quote it to make it text: "${got}")`;
  }
  const numeric = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value);
  if ((issue.expected === "number" || issue.expected === "int") && numeric) {
    return " (text; write the number without quotes)";
  }
  return "";
}

/** Keys people write to put the API key in a job file; it is never read from there. */
const KEY_LIKE =
  /^(token|api[-_]?(key|token)|sevalla[-_]api[-_]token|bearer|authorization|secret)$/i;

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  if (KEY_LIKE.test(key)) {
    return "the API key is never read from a job file (jobs get shared and committed): set SEVALLA_API_TOKEN or pass --token-file FILE, and delete this line";
  }
  const guess = suggest(key, known);
  return guess !== undefined
    ? `unknown key, did you mean \`${guess}\`?`
    : `unknown key; allowed here: ${known.join(", ")}`;
}

/** What was written, as written: `1.5`, `"env audit"`, `a list`; undefined when absent. */
export function describe(value: unknown, node: Node | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return "null";
  if (Array.isArray(value)) {
    return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  }
  if (typeof value === "object") {
    // Tags such as !!binary or !!set make typed objects, not mappings.
    return Object.getPrototypeOf(value) === Object.prototype ? "a mapping" : "a tagged value";
  }
  if (typeof value === "string") {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  }
  return isScalar(node) && node.source !== undefined ? node.source : String(value);
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The keys an object schema allows at a path, for "did you mean". */
function knownKeys(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let cur: z.core.$ZodType | undefined = schema;
  for (const seg of path) {
    cur = unwrap(cur);
    const def = cur?._zod.def as unknown as Record<string, unknown> | undefined;
    if (def?.type === "object") cur = (def.shape as Record<string, z.core.$ZodType>)[String(seg)];
    else if (def?.type === "array") cur = def.element as z.core.$ZodType;
    else if (def?.type === "record") cur = def.valueType as z.core.$ZodType;
    else return [];
  }
  const def = unwrap(cur)?._zod.def as unknown as Record<string, unknown> | undefined;
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(t: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let cur = t;
  for (;;) {
    const def = cur?._zod.def as unknown as Record<string, unknown> | undefined;
    if (def?.type === "optional" || def?.type === "default" || def?.type === "nullable") {
      cur = def.innerType as z.core.$ZodType;
    } else {
      return cur;
    }
  }
}
