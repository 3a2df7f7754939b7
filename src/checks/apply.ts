// Where an answer becomes what the report may show: filter → expectations (raw text) → redact →
// keep head and tail. Everything that leaves the engine is built from this result, so no
// renderer, event or file ever sees an unredacted secret.
import type { ExpectationMiss, Truncation } from "../report/model.js";
import type { CompiledChecks } from "./compile.js";
import { type Answer, firstMiss } from "./expect.js";
import { applyFilter, isActive } from "./filters.js";
import { keepHeadAndTail } from "./truncate.js";

/** How much of the seen output an expectation miss quotes. */
export const SEEN_MAX_CHARS = 200;

export interface CheckedAnswer {
  /** No expectation missed. */
  ok: boolean;
  stdout: string;
  stderr: string;
  filtered: boolean;
  redacted: boolean;
  truncated: Truncation | null;
  expectation: ExpectationMiss | null;
  /** The whole output, unfiltered and uncut but redacted: for --output-dir, then dropped. */
  full: { stdout: string; stderr: string };
}

export function checkAnswer(answer: Answer, checks: CompiledChecks): CheckedAnswer {
  const { redact } = checks;
  const { filter } = checks;
  const filtered = isActive(filter);
  const stdout = filtered ? applyFilter(answer.stdout, filter) : answer.stdout;
  const miss = firstMiss({ ...answer, stdout }, checks.expect);

  const safe = { stdout: redact(stdout), stderr: redact(answer.stderr) };
  const full = { stdout: filtered ? redact(answer.stdout) : safe.stdout, stderr: safe.stderr };
  const seen = miss ? redact(miss.seen) : "";
  const redacted =
    safe.stdout !== stdout ||
    safe.stderr !== answer.stderr ||
    (miss !== null && seen !== miss.seen);

  const out = keepHeadAndTail(safe.stdout, checks.maxOutputBytes);
  const err = keepHeadAndTail(safe.stderr, checks.maxOutputBytes);
  return {
    ok: miss === null,
    stdout: out.text,
    stderr: err.text,
    filtered,
    redacted,
    truncated:
      out.truncated || err.truncated
        ? {
            stdout: out.truncated,
            stderr: err.truncated,
            originalBytes: { stdout: out.originalBytes, stderr: err.originalBytes },
          }
        : null,
    expectation: miss && { ...miss, seen: clip(seen) },
    full,
  };
}

function clip(text: string): string {
  if (text === "") return "(empty)";
  const chars = Array.from(text.replace(/(\r?\n)+$/, ""));
  return chars.length <= SEEN_MAX_CHARS
    ? chars.join("")
    : `${chars.slice(0, SEEN_MAX_CHARS - 1).join("")}…`;
}
