// Stable codes the runner puts in ResultError.code, beside the client's API/network codes.
export const RUNNER_CODES = {
  unexpectedExit: "UNEXPECTED_EXIT_CODE",
  skipped: "SKIPPED",
  cancelled: "CANCELLED",
  threshold: "THRESHOLD",
  rateLimitExhausted: "RATE_LIMIT_EXHAUSTED",
  internal: "INTERNAL",
} as const;
