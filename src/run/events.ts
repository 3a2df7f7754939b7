// Events emitted by runJob so callers can build their own progress display or NDJSON log.
import type { RequestFailure } from "../client/types.js";
import type { Report, RolloutStageReport, StepResult } from "../report/model.js";
import type { Target } from "../targets/model.js";

export type RunEvent =
  | { type: "runStart"; job: string; targets: number; steps: number; total: number; at: string }
  | { type: "stepStart"; target: Target; step: string; at: string }
  // One per request sent, when it ends. Steps never sent (skipped, cancelled) have none; every
  // planned pair gets exactly one stepEnd, so a progress display can count to runStart.total.
  | {
      type: "attempt";
      target: Target;
      step: string;
      attempt: number;
      /** The failure that ended this attempt, when it failed and will be retried; null otherwise
       *  (an answer, or a failure the step ends with: see stepEnd's result). */
      failure: Pick<RequestFailure, "code" | "class" | "httpStatus"> | null;
      /** Wait before the next attempt (backoff, or the server's reset for a 429); 0 when none. */
      delayMs: number;
      at: string;
    }
  // A request waits for the rate limit: a 429 pause ("paused"), the server's budget running low
  // ("budget") or the client-side rate ("rate"). Emitted once per request that has to wait,
  // before it waits, with the wait as first estimated (a later 429 may lengthen it).
  | {
      type: "rateLimitWait";
      reason: "paused" | "budget" | "rate";
      delayMs: number;
      at: string;
    }
  | { type: "stepEnd"; result: StepResult; at: string }
  // A job with `rollout`: a stage begins (`stages` is how many the rollout has; `targets`, how
  // many this stage adds), and every stage ends, a stage that never started included (notRun),
  // with the same figures as the report's rollout.stages entry.
  | { type: "stageStart"; stage: number; stages: number; size: string; targets: number; at: string }
  | { type: "stageEnd"; stage: RolloutStageReport; at: string }
  | { type: "runEnd"; report: Report; at: string };

export type RunEventListener = (event: RunEvent) => void;
