import { describe, expect, it } from "vitest";
import { applyFilter, isActive } from "../../src/checks/filters.js";
import { splitLines } from "../../src/checks/lines.js";

const ENV = "PATH=/bin\nNODE_ENV=production\nNODE_VERSION=20.18.1\nPORT=8080\n";

describe("output filters", () => {
  it("grep keeps matching lines, each ended by a newline", () => {
    expect(applyFilter(ENV, { grep: /^NODE_/u, trim: false })).toBe(
      "NODE_ENV=production\nNODE_VERSION=20.18.1\n",
    );
    expect(applyFilter(ENV, { grep: /^RUBY/u, trim: false })).toBe("");
  });

  it("grepInvert drops matching lines, after grep", () => {
    expect(applyFilter(ENV, { grepInvert: /^NODE_/u, trim: false })).toBe("PATH=/bin\nPORT=8080\n");
    expect(applyFilter(ENV, { grep: /^NODE_/u, grepInvert: /VERSION/u, trim: false })).toBe(
      "NODE_ENV=production\n",
    );
  });

  it("lines: head and tail keep the first or last N lines (0 keeps none)", () => {
    expect(applyFilter(ENV, { lines: { head: 2 }, trim: false })).toBe(
      "PATH=/bin\nNODE_ENV=production\n",
    );
    expect(applyFilter(ENV, { lines: { tail: 1 }, trim: false })).toBe("PORT=8080\n");
    expect(applyFilter(ENV, { lines: { tail: 0 }, trim: false })).toBe("");
    expect(applyFilter(ENV, { lines: { head: 10 }, trim: false })).toBe(ENV);
  });

  it("trim gives the output as a value", () => {
    expect(applyFilter("  production \n", { trim: true })).toBe("production");
    expect(applyFilter(ENV, { grep: /^PORT=/u, trim: true })).toBe("PORT=8080");
  });

  it("handles CRLF and a missing final newline like grep", () => {
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
    expect(applyFilter("a\r\nb", { grep: /^b$/u, trim: false })).toBe("b\n");
  });

  it("is active only when it does something", () => {
    expect(isActive(undefined)).toBe(false);
    expect(isActive({ trim: false })).toBe(false);
    expect(isActive({ trim: true })).toBe(true);
    expect(isActive({ grep: /x/u, trim: false })).toBe(true);
  });
});
