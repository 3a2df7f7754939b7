// Stable codes the runner puts in ResultError.code, beside the client's API/network codes.
export const RUNNER_CODES = {
  unexpectedExit: "UNEXPECTED_EXIT_CODE",
  /** Answered with an expected exit code but missed an output expectation (issue 6). */
  expectationFailed: "EXPECTATION_FAILED",
  skipped: "SKIPPED",
  cancelled: "CANCELLED",
  threshold: "THRESHOLD",
  /** Not started: an earlier canary stage passed its failure budget (job `rollout`). */
  rolloutHalted: "ROLLOUT_HALTED",
  rateLimitExhausted: "RATE_LIMIT_EXHAUSTED",
  internal: "INTERNAL",
} as const;
