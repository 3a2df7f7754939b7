import { describe, expect, it } from "vitest";
import { keepHeadAndTail } from "../../src/checks/truncate.js";

describe("big outputs: head and tail", () => {
  it("keeps short output as is", () => {
    expect(keepHeadAndTail("hello\n", 1024)).toEqual({
      text: "hello\n",
      truncated: false,
      originalBytes: 6,
    });
  });

  it("keeps the head and the tail within maxBytes, saying how much was cut", () => {
    const log = Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join("");
    const kept = keepHeadAndTail(log, 1024);
    expect(kept.truncated).toBe(true);
    expect(kept.originalBytes).toBe(Buffer.byteLength(log));
    expect(Buffer.byteLength(kept.text)).toBeLessThanOrEqual(1024);
    expect(kept.text.startsWith("line 0\nline 1\n")).toBe(true);
    expect(kept.text.endsWith("line 4998\nline 4999\n")).toBe(true);
    const cut = Number(/\[… (\d+) bytes cut by fanout \(maxOutputBytes\) …\]/.exec(kept.text)?.[1]);
    const [head, tail] = kept.text.split(/\n\[… \d+ bytes cut[^\n]*\n/);
    expect(Buffer.byteLength(head ?? "") + cut + Buffer.byteLength(tail ?? "")).toBe(
      kept.originalBytes,
    );
  });

  it("never splits a multi-byte character", () => {
    const text = "é".repeat(3000); // 2 bytes each
    const kept = keepHeadAndTail(text, 1001);
    expect(kept.text).not.toContain("\ufffd");
    expect(Buffer.byteLength(kept.text)).toBeLessThanOrEqual(1001);
  });
});
