import { describe, expect, it } from "vitest";
import { isIdempotent } from "../../src/run/idempotence.js";

describe("isIdempotent", () => {
  it("is true for read-only binaries, matched on the basename of argv[0]", () => {
    for (const command of [
      ["env"],
      ["printenv", "X"],
      ["/usr/bin/cat", "f"],
      ["./bin/grep", "x", "f"],
      ["test", "-f", "x"],
    ]) {
      expect(isIdempotent({ command }), command.join(" ")).toBe(true);
    }
  });

  it("is false for anything else, including a read-only name used as an argument", () => {
    for (const command of [
      ["touch", "x"],
      ["rm", "-rf", "/tmp/x"],
      ["sh", "-c", "cat x"],
      ["php", "artisan", "cache:clear"],
      [],
    ]) {
      expect(isIdempotent({ command }), command.join(" ")).toBe(false);
    }
  });

  it("an explicit idempotent wins either way", () => {
    expect(isIdempotent({ command: ["touch", "x"], idempotent: true })).toBe(true);
    expect(isIdempotent({ command: ["cat", "x"], idempotent: false })).toBe(false);
  });
});
