import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../src/job/suggest.js";

const KEYS = ["version", "name", "concurrency", "timeout", "retries", "steps", "targets"];

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps as one edit each", () => {
    expect(editDistance("concurrency", "concurency")).toBe(1);
    expect(editDistance("timeout", "timeuot")).toBe(1);
    expect(editDistance("steps", "step")).toBe(1);
    expect(editDistance("name", "nmae")).toBe(1);
    expect(editDistance("abc", "xyz")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("ignores case", () => {
    expect(editDistance("Timeout", "timeout")).toBe(0);
  });
});

describe("suggest", () => {
  it("suggests the closest key for a plausible typo", () => {
    expect(suggest("concurency", KEYS)).toBe("concurrency");
    expect(suggest("retires", KEYS)).toBe("retries");
    expect(suggest("Steps", KEYS)).toBe("steps");
    expect(suggest("target", KEYS)).toBe("targets");
    expect(suggest("timeuot", KEYS)).toBe("timeout");
  });

  it("suggests nothing when no key is close", () => {
    expect(suggest("colour", KEYS)).toBeUndefined();
    expect(suggest("parallelism", KEYS)).toBeUndefined();
  });

  it("suggests only a change of case for very short names", () => {
    expect(suggest("c", ["a", "b"])).toBeUndefined();
    expect(suggest("A", ["a", "b"])).toBe("a");
  });
});
