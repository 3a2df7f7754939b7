import { readFile } from "node:fs/promises";
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { FleetError, type FleetIssue } from "./errors.js";
import { type Fleet, fleetSchema } from "./schema.js";

/** Reads and validates a fleet YAML file; throws FleetError with file:line:column positions. */
export async function loadFleetFile(path: string): Promise<Fleet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new FleetError(path, [{ path: "", message: `cannot read: ${(err as Error).message}` }]);
  }
  return parseFleetYaml(text, path);
}

/** Parses fleet YAML text; `file` only names it in errors. */
export function parseFleetYaml(text: string, file: string | null = null): Fleet {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new FleetError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: "", message: e.message.split("\n")[0] ?? e.message, ...position(pos) };
      }),
    );
  }
  const result = fleetSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  throw new FleetError(
    file,
    result.error.issues.map((issue) => {
      const node = nearestNode(doc, issue.path);
      const range = node?.range;
      const pos = range ? lineCounter.linePos(range[0]) : undefined;
      return { ...toIssue(issue), ...position(pos) };
    }),
  );
}

/** Validates a fleet given as an object (the library path); issues carry no positions. */
export function validateFleet(input: unknown): Fleet {
  const result = fleetSchema.safeParse(input);
  if (result.success) return result.data;
  throw new FleetError(null, result.error.issues.map(toIssue));
}

function toIssue(issue: z.core.$ZodIssue): FleetIssue {
  return { path: issue.path.map(String).join("."), message: issue.message };
}

function position(pos: { line: number; col: number } | undefined) {
  return pos ? { line: pos.line, column: pos.col } : {};
}

// The issue's own node, or its closest existing ancestor (a missing key points at its parent).
function nearestNode(doc: ReturnType<typeof parseDocument>, path: PropertyKey[]) {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node)) return node;
  }
  return doc.contents;
}
