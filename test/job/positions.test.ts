import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/job/parse.js";
import { SourceIndex } from "../../src/job/positions.js";

function index(text: string): SourceIndex {
  const parsed = parseYaml(text, "p.yaml");
  expect(parsed.syntax).toEqual([]);
  return new SourceIndex(parsed.doc, parsed.lineCounter);
}

const TEXT = [
  "name: x", //                                  line 1
  "defaults: &d", //                             line 2
  "  timeout: 5", //                             line 3
  "steps:", //                                   line 4
  "  - name: a", //                              line 5
  "    command: [echo, 1.0, 0x1F, true]", //     line 6
  "  - <<: *d", //                               line 7
  "    name: b", //                              line 8
  "  - *d", //                                   line 9
].join("\n");

describe("SourceIndex", () => {
  const idx = index(TEXT);

  it("finds values and keys by path, 1-based", () => {
    expect(idx.positionOf(["name"])).toEqual([1, 7]);
    expect(idx.positionOf(["name"], "key")).toEqual([1, 1]);
    expect(idx.positionOf(["steps", 0, "command", 2])).toEqual([6, 26]);
    expect(idx.positionOf(["steps", 1, "name"], "key")).toEqual([8, 5]);
  });

  it("follows merge keys and aliases to where the value was written", () => {
    expect(idx.positionOf(["steps", 1, "timeout"])).toEqual([3, 12]);
    expect(idx.positionOf(["steps", 2, "timeout"])).toEqual([3, 12]);
  });

  it("falls back to the nearest existing parent for a missing path", () => {
    expect(idx.locate(["steps", 0, "timeout"]).found).toBe(false);
    expect(idx.positionOf(["steps", 0, "timeout"])).toEqual([5, 5]);
    expect(idx.positionOf(["nope", 3])).toEqual([1, 1]);
  });

  it("returns a scalar's source text, for taking numbers as written", () => {
    expect(idx.sourceText(["steps", 0, "command", 1])).toBe("1.0");
    expect(idx.sourceText(["steps", 0, "command", 2])).toBe("0x1F");
    expect(idx.sourceText(["steps", 0, "command", 3])).toBe("true");
    expect(idx.sourceText(["steps", 0, "command"])).toBeUndefined();
    expect(idx.sourceText(["steps", 0, "missing"])).toBeUndefined();
  });

  it("puts everything of an empty document at 1:1", () => {
    expect(index("").positionOf(["name"])).toEqual([1, 1]);
  });

  it("does not recurse forever on a mapping that merges itself", () => {
    const parsed = parseYaml("a: &a\n  <<: *a\n  k: 1\n", "p.yaml");
    const self = new SourceIndex(parsed.doc, parsed.lineCounter);
    expect(self.locate(["a", "missing"]).found).toBe(false);
  });
});
