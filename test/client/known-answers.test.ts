// The per-client memory of answers already parsed: equal bytes give the parsed body back, anything
// else (one byte off, another length, past the bounds) is parsed afresh.
import { describe, expect, test } from "vitest";
import { KnownAnswers } from "../../src/client/known-answers.js";

const answer = (stdout: string, exitCode = 0) =>
  Buffer.from(JSON.stringify({ stdout, stderr: "", exit_code: exitCode }));
const body = (stdout: string, exitCode = 0) => ({ stdout, stderr: "", exitCode });

describe("known answers", () => {
  test("equal bytes give back the body remembered with them, frozen", () => {
    const known = new KnownAnswers();
    const parsed = body("production\n");
    known.remember(answer("production\n"), parsed);
    const found = known.find(answer("production\n"));
    expect(found).toBe(parsed);
    expect(Object.isFrozen(found)).toBe(true);
  });

  test("bytes that differ anywhere, or in length, are not known", () => {
    const known = new KnownAnswers();
    known.remember(answer("production\n"), body("production\n"));
    expect(known.find(answer("producti0n\n"))).toBeUndefined();
    expect(known.find(answer("production\n", 1))).toBeUndefined();
    expect(known.find(answer("production"))).toBeUndefined();
  });

  test("keeps its own copy: the caller's buffer may be reused afterwards", () => {
    const known = new KnownAnswers();
    const bytes = answer("a");
    known.remember(bytes, body("a"));
    bytes.fill(0x20);
    expect(known.find(answer("a"))).toEqual(body("a"));
    expect(known.find(bytes)).toBeUndefined();
  });

  test("remembers at most 8 answers of one length, so a miss costs at most 8 comparisons", () => {
    const known = new KnownAnswers();
    const hosts = Array.from({ length: 12 }, (_, i) => `web-${String(i).padStart(2, "0")}\n`);
    for (const host of hosts) known.remember(answer(host), body(host));
    const found = hosts.map((host) => known.find(answer(host))?.stdout ?? null);
    expect(found).toEqual([...hosts.slice(0, 8), null, null, null, null]);
  });

  test("answers over 16 KiB are never remembered", () => {
    const known = new KnownAnswers();
    const big = "x".repeat(16 * 1024);
    known.remember(answer(big), body(big));
    expect(known.find(answer(big))).toBeUndefined();
  });

  test("stops remembering new answers past 1 MiB of copies; known ones stay known", () => {
    const known = new KnownAnswers();
    // 100 distinct lengths of ~15 KiB each: about 1.5 MiB offered.
    const outputs = Array.from({ length: 100 }, (_, i) => "y".repeat(15_000 + i));
    for (const out of outputs) known.remember(answer(out), body(out));
    const remembered = outputs.filter((out) => known.find(answer(out)) !== undefined);
    expect(remembered.length).toBe(69); // 69 × ~15,040 B ≤ 1 MiB < 70 × ~15,040 B
    expect(remembered).toEqual(outputs.slice(0, 69));
  });
});
