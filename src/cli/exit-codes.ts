// One meaning per exit code (DESIGN.md); where several apply, the higher-precedence one wins.
export const EXIT = {
  ok: 0,
  failed: 1,
  invalidInput: 2,
  noAnswer: 3,
  noTargets: 4,
  thresholdStop: 5,
  sigint: 130,
  sigterm: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
