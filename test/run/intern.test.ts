import { describe, expect, it } from "vitest";
import { OutputInterner } from "../../src/run/intern.js";

describe("OutputInterner", () => {
  it("hands back equal text for equal outputs (the sharing itself shows in bench memory, not here)", () => {
    const outputs = new OutputInterner();
    const first = outputs.intern(["production", "\n"].join(""));
    const again = outputs.intern(["produc", "tion\n"].join(""));
    expect(again).toBe(first);
    expect(outputs.intern("staging\n")).toBe("staging\n");
  });

  it("leaves texts past the length bound as they are", () => {
    const outputs = new OutputInterner();
    const long = "x".repeat(20_000);
    expect(outputs.intern(long)).toBe(long);
    expect(outputs.intern("y".repeat(20_000))).toBe("y".repeat(20_000));
  });
});
