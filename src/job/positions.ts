// Maps key paths of the parsed data back to where they were written, following aliases and
// merge keys, so every problem can name file:line:column.
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { PathSegment } from "./errors.js";

export interface Located {
  /** The node at the path, or the deepest node found on the way to it. */
  node: Node | undefined;
  /** The key node when the path ends at a mapping key that exists. */
  key: Node | undefined;
  /** True when the whole path was found. */
  found: boolean;
}

export class SourceIndex {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  locate(path: readonly PathSegment[]): Located {
    let node = this.deref(this.doc.contents ?? undefined);
    let key: Node | undefined;
    for (const seg of path) {
      const next = this.child(node, seg);
      if (next === undefined) return { node, key: undefined, found: false };
      node = this.deref(next.value);
      key = next.key;
      if (node === undefined) return { node: key, key, found: false };
    }
    return { node, key, found: true };
  }

  /** 1-based line and column of the value at the path (or of its key, or nearest parent). */
  positionOf(path: readonly PathSegment[], at: "value" | "key" = "value"): [number, number] {
    const { node, key } = this.locate(path);
    const target = at === "key" ? (key ?? node) : node;
    return this.positionOfNode(target);
  }

  positionOfNode(node: Node | undefined): [number, number] {
    const offset = node?.range?.[0];
    if (offset === undefined) return [1, 1];
    const { line, col } = this.lineCounter.linePos(offset);
    return [line, col];
  }

  /** The source text of a scalar (`1.0`, `0x1F`, `true`), for taking values as written. */
  sourceText(path: readonly PathSegment[]): string | undefined {
    const { node, found } = this.locate(path);
    if (!found || !isScalar(node)) return undefined;
    return node.source ?? String(node.value);
  }

  private deref(node: unknown): Node | undefined {
    // Bounded: an alias resolves to an anchored node, never to another alias.
    const n = isAlias(node) ? node.resolve(this.doc) : node;
    return n === null || n === undefined ? undefined : (n as Node);
  }

  private child(
    node: Node | undefined,
    seg: PathSegment,
    depth = 0,
  ): { key: Node | undefined; value: unknown } | undefined {
    if (depth > 32) return undefined; // a self-merging anchor must not recurse forever
    if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      return item === undefined ? undefined : { key: undefined, value: item };
    }
    if (!isMap(node)) return undefined;
    const merges: unknown[] = [];
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? keyName(pair.key.value) : undefined;
      if (k === String(seg)) return { key: pair.key as Node, value: pair.value };
      if (k === "<<") merges.push(pair.value);
    }
    // Explicit keys win over merged ones; among merge sources, the first wins (YAML merge spec).
    for (const m of merges) {
      const sources = isSeq(this.deref(m)) ? (this.deref(m) as { items: unknown[] }).items : [m];
      for (const source of sources) {
        const found = this.child(this.deref(source), seg, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
}

/** A mapping key as text; yaml represents the merge key `<<` as a symbol. */
export function keyName(value: unknown): string {
  return typeof value === "symbol" ? "<<" : String(value);
}
