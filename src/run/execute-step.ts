// One step on one target: send the request through the pacer, retry per the policy (p-retry),
// and turn whatever happened into exactly one StepResult. Never throws.
import pRetry, { AbortError } from "p-retry";
import { checkAnswer } from "../checks/apply.js";
import type { CompiledChecks } from "../checks/compile.js";
import type { ExecResult } from "../client/types.js";
import type { StepResult } from "../report/model.js";
import type { RunContext } from "./context.js";
import { isRequestFailure } from "./failure.js";
import type { PlannedPair } from "./plan.js";
import { answered, notRun, RUNNER_CODES, unanswered } from "./results.js";
import { decideRetry, type RetryDecision, type RetryState } from "./retry-policy.js";

/** Carries a failure and the decision to send again; p-retry hands it to onFailedAttempt. */
class RetryLater extends Error {
  constructor(
    readonly failure: unknown,
    readonly decision: Extract<RetryDecision, { retry: true }>,
  ) {
    super("retry");
  }
}

/** Carries a failure the step ends with; wrapped in p-retry's AbortError so it stops at once. */
class GiveUp extends Error {
  constructor(
    readonly failure: unknown,
    readonly decision: Extract<RetryDecision, { retry: false }>,
  ) {
    super("give up");
  }
}

/** Whatever failed once the run was interrupted (usually the client's ABORTED): not retried. */
const INTERRUPTED: RetryDecision = {
  retry: false,
  delayMs: 0,
  reason: "the run was interrupted",
  code: RUNNER_CODES.cancelled,
};

/** One step's attempts so far: what decideRetry reads and what the result reports. One object
 * per step instead of a closure per helper (this runs once per request). */
class StepAttempts implements RetryState {
  retriesUsed = 0;
  rateLimitWaitedMs = 0;
  attempts = 0;
  readonly startedAt: number;

  constructor(
    readonly ctx: RunContext,
    readonly pair: PlannedPair,
  ) {
    this.startedAt = ctx.options.now();
  }

  spent() {
    return { attempts: this.attempts, durationMs: this.ctx.options.now() - this.startedAt };
  }
}

export async function executeStep(ctx: RunContext, pair: PlannedPair): Promise<StepResult> {
  const signal = ctx.options.signal;
  const step = new StepAttempts(ctx, pair);
  if (ctx.listening) {
    ctx.emit({ type: "stepStart", target: pair.target, step: pair.step.name, at: ctx.isoNow() });
  }
  try {
    let answer: ExecResult;
    try {
      // The first attempt runs without p-retry (its option handling costs more than a whole
      // step of ours); p-retry takes over from the first RetryLater, with the same outcome.
      answer = await attempt(step, 1);
    } catch (error) {
      if (!(error instanceof RetryLater)) throw asPRetryWould(error);
      answer = await retry(step, error);
    }
    // The one place an answer becomes a result: filters, expectations, redaction, truncation.
    const checked = checkAnswer(answer, ctx.checks[pair.stepIndex] as CompiledChecks);
    const result = answered(pair, answer, checked, step.spent(), ctx.outputs);
    await deliverOutput(ctx, result, checked.full);
    return result;
  } catch (error) {
    if (error instanceof GiveUp) {
      return unanswered(
        pair,
        error.failure,
        error.decision.code,
        error.decision.reason,
        step.spent(),
      );
    }
    if (signal.aborted) {
      return notRun(
        pair,
        "cancelled",
        RUNNER_CODES.cancelled,
        "cancelled: the run was interrupted",
        step.spent(),
      );
    }
    return unanswered(
      pair,
      error,
      RUNNER_CODES.internal,
      "an unexpected error, probably a bug in fanout",
      step.spent(),
    );
  }
}

function attemptEvent(pair: PlannedPair, attempt: number) {
  return { type: "attempt", target: pair.target, step: pair.step.name, attempt } as const;
}

/** One request: through the pacer, to the client; a failure becomes RetryLater or GiveUp. */
async function attempt(step: StepAttempts, attemptNumber: number): Promise<ExecResult> {
  const { ctx, pair } = step;
  const { options, pacer } = ctx;
  const signal = options.signal;
  const ticket = await pacer.acquire(signal);
  step.attempts = attemptNumber;
  try {
    const answer = await options.client.exec(
      pair.target.appId,
      pair.target.processId,
      pair.command,
      {
        timeout: pair.step.timeout,
        signal,
      },
    );
    pacer.observe(answer.rateLimit, ticket);
    if (ctx.listening) {
      ctx.emit({
        ...attemptEvent(pair, attemptNumber),
        failure: null,
        delayMs: 0,
        at: ctx.isoNow(),
      });
    }
    return answer;
  } catch (error) {
    if (isRequestFailure(error)) pacer.observe(error.rateLimit, ticket);
    const decision = signal.aborted
      ? INTERRUPTED
      : decideRetry(error, pair.step, step, { ...options.retry, random: options.random });
    const failure = decision.retry && isRequestFailure(error) ? error : null;
    if (ctx.listening) {
      ctx.emit({
        ...attemptEvent(pair, attemptNumber),
        failure: failure && {
          code: failure.code,
          class: failure.class,
          httpStatus: failure.httpStatus,
        },
        delayMs: decision.delayMs,
        at: ctx.isoNow(),
      });
    }
    if (decision.retry) throw new RetryLater(error, decision);
    throw new AbortError(new GiveUp(error, decision));
  }
}

async function onFailedAttempt(step: StepAttempts, error: Error): Promise<void> {
  if (!(error instanceof RetryLater)) return;
  const { delayMs, rateLimited } = error.decision;
  const { options, pacer } = step.ctx;
  if (rateLimited) {
    // Everyone waits, this request included: its next acquire() sees the pause.
    step.rateLimitWaitedMs += delayMs;
    pacer.pauseFor(delayMs);
    return;
  }
  step.retriesUsed += 1;
  await options.sleep(delayMs, options.signal);
}

async function retry(step: StepAttempts, first: RetryLater): Promise<ExecResult> {
  await onFailedAttempt(step, first);
  return pRetry((n) => attempt(step, n + 1), {
    // decideRetry owns the budget and the delays, so p-retry's are off: its backoff
    // (minTimeout 0) and its count (Infinity), because p-retry checks `retries` before
    // shouldConsumeRetry, which would let a 429 use up the budget DESIGN.md says it must not.
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 0,
    // No `signal` here on purpose: p-retry would turn an answer that arrives just as the run
    // is interrupted into an abort error, losing a command that did run. Aborts reach us
    // through acquire(), the client and sleep() instead.
    // Only our own verdict retries: anything else thrown in an attempt (the abort reason from
    // acquire(), a bug) ends the step instead of looping without delay.
    shouldRetry: ({ error }) => error instanceof RetryLater,
    onFailedAttempt: ({ error }) => onFailedAttempt(step, error),
  });
}

/** What p-retry rejects with when an attempt throws something that is not retried. */
function asPRetryWould(error: unknown): unknown {
  if (error instanceof AbortError) return error.originalError;
  if (error instanceof Error) return error;
  return new TypeError(`Non-error was thrown: "${error}". You should only throw errors.`);
}

/** Hands the whole (redacted) output to --output-dir's writer, then lets it go. */
async function deliverOutput(
  ctx: RunContext,
  result: StepResult,
  full: { stdout: string; stderr: string },
): Promise<void> {
  const sink = ctx.options.onOutput;
  if (!sink) return;
  try {
    // Awaited: a slow disk holds this target's slot, so outputs never pile up in memory.
    await sink({ result, ...full });
  } catch {
    // The writer keeps its own errors (see RunOptions.onOutput); the result must not be lost.
  }
}
