// Building StepResults: the same keys whatever the status (STYLE.md #3), one builder per outcome.
import type { CheckedAnswer } from "../checks/apply.js";
import type { ExecResult } from "../client/types.js";
import type { StepResult } from "../report/model.js";
import { RUNNER_CODES } from "./codes.js";
import { isRequestFailure } from "./failure.js";
import type { PlannedPair } from "./plan.js";

export { RUNNER_CODES };

interface Spent {
  attempts: number;
  durationMs: number;
}

/** Lets equal outputs share one string (the run's OutputInterner). */
interface Interner {
  intern(text: string): string;
}
const AS_IS: Interner = { intern: (text) => text };

/** What an answer adds to a result; NO_ANSWER when there was none. */
interface AnswerFields {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  requestId: string | null;
  filtered: boolean;
  redacted: boolean;
  truncated: StepResult["truncated"];
  expectation: StepResult["expectation"];
}

const NO_ANSWER: AnswerFields = {
  exitCode: null,
  stdout: "",
  stderr: "",
  requestId: null,
  filtered: false,
  redacted: false,
  truncated: null,
  expectation: null,
};

// One literal with every key in one order: results spread from a base object stop sharing a
// hidden class after a few dozen, and each then carries its own (~550 B at 100,000 results).
function build(
  pair: PlannedPair,
  spent: Spent,
  status: StepResult["status"],
  error: StepResult["error"],
  a: AnswerFields,
): StepResult {
  const { target, step } = pair;
  return {
    app: target.appId,
    appName: target.appName,
    process: target.processId,
    processKey: target.processKey,
    label: target.label,
    step: step.name,
    command: pair.command,
    exitCode: a.exitCode,
    stdout: a.stdout,
    stderr: a.stderr,
    attempts: spent.attempts,
    durationMs: spent.durationMs,
    requestId: a.requestId,
    filtered: a.filtered,
    redacted: a.redacted,
    truncated: a.truncated,
    expectation: a.expectation,
    status,
    error,
  };
}

/** The command answered: ok unless it missed an expectation (by default: exit code 0). */
export function answered(
  pair: PlannedPair,
  answer: ExecResult,
  checked: CheckedAnswer,
  spent: Spent,
  outputs: Interner = AS_IS,
): StepResult {
  const miss = checked.expectation;
  const error: StepResult["error"] =
    miss === null
      ? null
      : miss.check === "exitCode"
        ? {
            code: RUNNER_CODES.unexpectedExit,
            message: `exited with code ${answer.exitCode} (expected ${miss.expected})`,
            httpStatus: null,
            class: null,
          }
        : {
            code: RUNNER_CODES.expectationFailed,
            message: `${miss.check}: expected ${miss.expected}, saw ${JSON.stringify(miss.seen)}`,
            httpStatus: null,
            class: null,
          };
  return build(pair, spent, checked.ok ? "ok" : "failed", error, {
    exitCode: answer.exitCode,
    stdout: outputs.intern(checked.stdout),
    stderr: outputs.intern(checked.stderr),
    requestId: answer.requestId,
    filtered: checked.filtered,
    redacted: checked.redacted,
    truncated: checked.truncated,
    expectation: miss,
  });
}

/** No answer: the request failed and was not (or no longer) retried. */
export function unanswered(
  pair: PlannedPair,
  error: unknown,
  code: string,
  reason: string,
  spent: Spent,
): StepResult {
  const failure = isRequestFailure(error) ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  const status = code === RUNNER_CODES.cancelled ? "cancelled" : "error";
  const why = {
    code,
    message: `${message}; ${reason}`,
    httpStatus: failure?.httpStatus ?? null,
    class: failure?.class ?? null,
  };
  return build(pair, spent, status, why, {
    ...NO_ANSWER,
    requestId: failure?.requestId ?? null,
  });
}

/** Never sent: skipped after an earlier failure, or cancelled (signal or threshold). */
export function notRun(
  pair: PlannedPair,
  status: "skipped" | "cancelled",
  code: string,
  message: string,
  spent: Spent = { attempts: 0, durationMs: 0 },
): StepResult {
  return build(pair, spent, status, { code, message, httpStatus: null, class: null }, NO_ANSWER);
}
