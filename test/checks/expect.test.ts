import { describe, expect, it } from "vitest";
import { type CompiledExpect, firstMiss } from "../../src/checks/expect.js";
import { checkNumber, findNumbers } from "../../src/checks/number-check.js";

const answer = (stdout: string, exitCode = 0, stderr = "") => ({ stdout, stderr, exitCode });
const only = (e: Partial<CompiledExpect>): CompiledExpect => ({ exitCode: [0], ...e });
const ENV = "PATH=/bin\nNODE_ENV=production\nPORT=8080\n";

describe("expectations", () => {
  it("exit code: 0 by default, or any of a list", () => {
    expect(firstMiss(answer(""), only({}))).toBeNull();
    expect(firstMiss(answer("", 1), only({}))).toEqual({
      check: "exitCode",
      expected: "0",
      seen: "1",
    });
    expect(firstMiss(answer("", 1), only({ exitCode: [0, 1] }))).toBeNull();
    expect(firstMiss(answer("", 2), only({ exitCode: [0, 1] }))?.expected).toBe("0 or 1");
  });

  it("matches works line by line: ^ and $ anchor a line, a final newline never defeats $", () => {
    const e = only({ stdout: { matches: /^NODE_ENV=production$/u } });
    expect(firstMiss(answer(ENV), e)).toBeNull();
    expect(firstMiss(answer("NODE_ENV=production\n"), e)).toBeNull();
    expect(firstMiss(answer("NODE_ENV=production\r\n"), e)).toBeNull();
    expect(firstMiss(answer("NODE_ENV=staging\n"), e)).toEqual({
      check: "stdout.matches",
      expected: "a line matching /^NODE_ENV=production$/",
      seen: "NODE_ENV=staging\n",
    });
  });

  it("notMatches fails on the first matching line and quotes it", () => {
    const e = only({ stdout: { notMatches: /^PORT=/u } });
    expect(firstMiss(answer("NODE_ENV=x\n"), e)).toBeNull();
    expect(firstMiss(answer(ENV), e)).toMatchObject({
      check: "stdout.notMatches",
      seen: "PORT=8080",
    });
  });

  it("equals ignores trailing newlines on both sides; contains is plain text", () => {
    expect(
      firstMiss(answer("production\n"), only({ stdout: { equals: "production" } })),
    ).toBeNull();
    expect(
      firstMiss(answer("production"), only({ stdout: { equals: "production\n" } })),
    ).toBeNull();
    expect(firstMiss(answer("prod\n"), only({ stdout: { equals: "production" } }))?.check).toBe(
      "stdout.equals",
    );
    expect(firstMiss(answer(ENV), only({ stdout: { contains: "=production" } }))).toBeNull();
    expect(firstMiss(answer(ENV), only({ stdout: { contains: "a.b" } }))?.check).toBe(
      "stdout.contains",
    );
  });

  it("checks stderr the same way, after stdout", () => {
    const e = only({ stdout: { contains: "ok" }, stderr: { notMatches: /warn/iu } });
    expect(firstMiss(answer("ok", 0, ""), e)).toBeNull();
    expect(firstMiss(answer("ok", 0, "WARN: x\n"), e)).toMatchObject({
      check: "stderr.notMatches",
    });
    expect(firstMiss(answer("no", 0, "WARN: x\n"), e)?.check).toBe("stdout.contains");
  });

  it("the exit code is checked first", () => {
    const e = only({ stdout: { equals: "x" } });
    expect(firstMiss(answer("y", 3), e)?.check).toBe("exitCode");
  });
});

describe("number check", () => {
  const DF =
    "Filesystem Use% Mounted on\noverlay 42% /\ntmpfs 0% /dev\n/dev/sda1 93% /app/storage\n";

  it("finds every number (group 1 when there is one), line by line", () => {
    expect(findNumbers(DF, /(\d+)%/u).map((n) => n.value)).toEqual([42, 0, 93]);
    expect(findNumbers("load 1.5, 2,048 MB", /([\d,.]+) MB/u).map((n) => n.value)).toEqual([2048]);
  });

  it("passes within bounds and names the first number out of them", () => {
    expect(checkNumber(DF, { re: /(\d+)%/u, max: 95 })).toBeNull();
    expect(checkNumber(DF, { re: /(\d+)%/u, max: 90 })).toEqual({
      check: "number",
      expected: "numbers matching /(\\d+)%/ at most 90",
      seen: '93 in "/dev/sda1 93% /app/storage"',
    });
    expect(checkNumber("3\n", { re: /^(\d+)$/u, min: 1 })).toBeNull();
    expect(checkNumber("0\n", { re: /^(\d+)$/u, min: 1, max: 5 })?.expected).toContain(
      "between 1 and 5",
    );
  });

  it("fails when no number matched: a changed format must not pass silently", () => {
    expect(checkNumber("no numbers here", { re: /(\d+)%/u, max: 90 })?.seen).toBe(
      "no number matched",
    );
  });

  it("runs from firstMiss on stdout", () => {
    const e = { exitCode: [0], number: { re: /(\d+)%/u, max: 90 } };
    expect(firstMiss({ stdout: DF, stderr: "", exitCode: 0 }, e)?.check).toBe("number");
  });
});
