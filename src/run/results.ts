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

function base(pair: PlannedPair, spent: Spent): Omit<StepResult, "status" | "error"> {
  const { target, step } = pair;
  return {
    app: target.appId,
    appName: target.appName,
    process: target.processId,
    processKey: target.processKey,
    label: target.label,
    step: step.name,
    command: [...step.command],
    exitCode: null,
    stdout: "",
    stderr: "",
    attempts: spent.attempts,
    durationMs: spent.durationMs,
    requestId: null,
    filtered: false,
    redacted: false,
    truncated: null,
    expectation: null,
  };
}

/** The command answered: ok unless it missed an expectation (by default: exit code 0). */
export function answered(
  pair: PlannedPair,
  answer: ExecResult,
  checked: CheckedAnswer,
  spent: Spent,
): StepResult {
  const miss = checked.expectation;
  return {
    ...base(pair, spent),
    status: checked.ok ? "ok" : "failed",
    exitCode: answer.exitCode,
    stdout: checked.stdout,
    stderr: checked.stderr,
    requestId: answer.requestId,
    filtered: checked.filtered,
    redacted: checked.redacted,
    truncated: checked.truncated,
    expectation: miss,
    error:
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
            },
  };
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
  return {
    ...base(pair, spent),
    status: code === RUNNER_CODES.cancelled ? "cancelled" : "error",
    requestId: failure?.requestId ?? null,
    error: {
      code,
      message: `${message}; ${reason}`,
      httpStatus: failure?.httpStatus ?? null,
      class: failure?.class ?? null,
    },
  };
}

/** Never sent: skipped after an earlier failure, or cancelled (signal or threshold). */
export function notRun(
  pair: PlannedPair,
  status: "skipped" | "cancelled",
  code: string,
  message: string,
  spent: Spent = { attempts: 0, durationMs: 0 },
): StepResult {
  return {
    ...base(pair, spent),
    status,
    error: { code, message, httpStatus: null, class: null },
  };
}
