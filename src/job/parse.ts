// YAML text to a document plus the problems YAML itself can see: syntax errors, duplicate keys,
// unknown aliases, non-string keys and alias explosions.
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import { formatPath, type PathSegment, type Problem } from "./errors.js";
import { keyName } from "./positions.js";

/** A job file needs about five levels; this is far more, and far from a stack overflow. */
export const MAX_DEPTH = 32;

/** yaml's own default; plenty for sharing step settings, far below a billion laughs. */
export const MAX_ALIAS_COUNT = 100;

export interface Parsed {
  doc: Document;
  lineCounter: LineCounter;
  /** Syntax errors: when present, nothing else is checked. */
  syntax: Problem[];
  /** Duplicate keys, unknown aliases, non-string keys. */
  structure: Problem[];
  /** An unknown alias or absurd nesting: no data worth checking further. */
  fatal: boolean;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS: "a job file holds one YAML document; remove the second `---`",
};

export function parseYaml(text: string, file: string): Parsed {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *defaults`) make shared step settings pleasant; duplicates are found below,
  // with their key path, rather than by yaml's uniqueKeys check.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    merge: true,
  });
  const at = (offset: number | undefined, path: string, message: string): Problem => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, column: col, path, message };
  };
  const syntax = [...doc.errors, ...doc.warnings].map((e) =>
    at(e.pos[0], "", `YAML: ${SYNTAX_MESSAGES[e.code] ?? syntaxMessage(e.message)}`),
  );
  const structure: Problem[] = [];
  let fatal = false;
  if (syntax.length === 0) {
    walk(doc.contents, [], (node, path, message) =>
      structure.push(at(node.range?.[0], formatPath(path), message)),
    );
  }
  return { doc, lineCounter, syntax, structure, fatal };

  function walk(
    node: unknown,
    path: PathSegment[],
    report: (node: Node, path: PathSegment[], message: string) => void,
  ): void {
    if (path.length > MAX_DEPTH) {
      fatal = true; // deeper data would only overflow the stack of later stages
      report(
        node as Node,
        path.slice(0, MAX_DEPTH),
        `nested more than ${MAX_DEPTH} levels deep; a job needs only a few`,
      );
      return;
    }
    if (isAlias(node)) {
      if (node.resolve(doc) === undefined) {
        fatal = true;
        report(
          node,
          path,
          `unknown alias \`*${node.source}\`; define \`&${node.source}\` above it`,
        );
      }
      return; // the anchored node is checked where it is written
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, [...path, i], report);
      });
      return;
    }
    if (!isMap(node)) return;
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (!isScalar(pair.key)) {
        report((pair.key as Node | null) ?? node, path, "keys must be plain strings");
        continue;
      }
      const key = keyName(pair.key.value);
      const keyPath = [...path, key];
      const first = seen.get(key);
      if (first !== undefined && key !== "<<") {
        report(
          pair.key,
          keyPath,
          `duplicate key (first written on line ${first}); each key may appear once`,
        );
      } else {
        seen.set(key, lineCounter.linePos(pair.key.range?.[0] ?? 0).line);
      }
      walk(pair.value, keyPath, report);
    }
  }
}

/** Plain data from the document; refuses alias explosions instead of expanding them. */
export function toData(parsed: Parsed, file: string): { data: unknown } | { problem: Problem } {
  try {
    return { data: parsed.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const { line, col } = parsed.lineCounter.linePos(firstAliasOffset(parsed.doc.contents) ?? 0);
    return {
      problem: {
        file,
        line,
        column: col,
        path: "",
        message: `aliases expand too much (an alias bomb?); anchors and aliases are allowed up to ${MAX_ALIAS_COUNT} expansions`,
      },
    };
  }
}

function firstAliasOffset(node: unknown): number | undefined {
  if (isAlias(node)) return node.range?.[0];
  const items: unknown[] = isSeq(node)
    ? node.items
    : isMap(node)
      ? node.items.flatMap((p) => [p.key, p.value])
      : [];
  for (const item of items) {
    const found = firstAliasOffset(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function syntaxMessage(message: string): string {
  // yaml reports its own stack overflow on absurd nesting as an error at the spot; say why.
  if (/call stack/i.test(message))
    return "nested too deeply to parse; a job needs only a few levels";
  return message.length > 0 ? message.charAt(0).toLowerCase() + message.slice(1) : message;
}
