// Expectations on an answer: the exit code, then stdout and stderr, then the number check. They
// run on the filtered but NOT redacted output, so a job can check that a secret is set without
// revealing it; the first expectation missed is what the report shows.
import type { ExpectationMiss } from "../report/model.js";
import { type CompiledNumber, checkNumber } from "./number-check.js";
import { firstMatchingLine } from "./pattern.js";

export interface CompiledStream {
  matches?: RegExp;
  notMatches?: RegExp;
  equals?: string;
  contains?: string;
}

export interface CompiledExpect {
  /** Exit codes that count as success; [0] unless the job says otherwise. */
  exitCode: number[];
  stdout?: CompiledStream;
  stderr?: CompiledStream;
  number?: CompiledNumber;
}

export interface Answer {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The first expectation the answer misses, or null. `seen` is raw here: redact it before use. */
export function firstMiss(answer: Answer, expect: CompiledExpect): ExpectationMiss | null {
  if (!expect.exitCode.includes(answer.exitCode)) {
    return {
      check: "exitCode",
      expected: expect.exitCode.join(" or "),
      seen: String(answer.exitCode),
    };
  }
  return (
    streamMiss("stdout", answer.stdout, expect.stdout) ??
    streamMiss("stderr", answer.stderr, expect.stderr) ??
    (expect.number ? checkNumber(answer.stdout, expect.number) : null)
  );
}

function streamMiss(
  stream: "stdout" | "stderr",
  text: string,
  expect: CompiledStream | undefined,
): ExpectationMiss | null {
  if (!expect) return null;
  const miss = (check: string, expected: string, seen: string): ExpectationMiss => ({
    check: `${stream}.${check}`,
    expected,
    seen,
  });
  if (expect.matches && firstMatchingLine(expect.matches, text) === undefined) {
    return miss("matches", `a line matching /${expect.matches.source}/`, text);
  }
  if (expect.notMatches) {
    const line = firstMatchingLine(expect.notMatches, text);
    if (line !== undefined)
      return miss("notMatches", `no line matching /${expect.notMatches.source}/`, line);
  }
  if (
    expect.equals !== undefined &&
    withoutFinalNewlines(text) !== withoutFinalNewlines(expect.equals)
  ) {
    return miss("equals", JSON.stringify(expect.equals), text);
  }
  if (expect.contains !== undefined && !text.includes(expect.contains)) {
    return miss("contains", JSON.stringify(expect.contains), text);
  }
  return null;
}

// `equals: production` means the value, whether or not the command ended it with a newline.
const withoutFinalNewlines = (text: string) => text.replace(/(\r?\n)+$/, "");
