// Building StepResults: the same keys whatever the status (STYLE.md #3), one builder per outcome.
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
  };
}

/** The command answered: exit code 0 is ok, anything else failed (expectations come later). */
export function answered(pair: PlannedPair, answer: ExecResult, spent: Spent): StepResult {
  const ok = answer.exitCode === 0;
  return {
    ...base(pair, spent),
    status: ok ? "ok" : "failed",
    exitCode: answer.exitCode,
    stdout: answer.stdout,
    stderr: answer.stderr,
    requestId: answer.requestId,
    error: ok
      ? null
      : {
          code: RUNNER_CODES.unexpectedExit,
          message: `exited with code ${answer.exitCode} (expected 0)`,
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
