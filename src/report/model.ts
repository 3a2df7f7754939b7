// The JSON report, schemaVersion 1: a documented format that scripts parse. It changes only by
// adding fields or by a new schemaVersion; a test pins the key sets.
import type { FailureClass } from "../client/types.js";

export type StepStatus = "ok" | "failed" | "error" | "skipped" | "cancelled";

export interface ResultError {
  /** Stable code: an API/network code (API_FORBIDDEN, TIMEOUT, ...) or a runner one (SKIPPED, CANCELLED, ...). */
  code: string;
  message: string;
  httpStatus: number | null;
  class: FailureClass | null;
}

/** Exactly one per planned (target, step); the same keys whatever the status. */
export interface StepResult {
  app: string;
  appName: string | null;
  process: string;
  processKey: string | null;
  label: string | null;
  step: string;
  command: string[];
  status: StepStatus;
  /** null when there was no answer. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  attempts: number;
  durationMs: number;
  requestId: string | null;
  error: ResultError | null;
}

export interface ReportSummary {
  targets: number;
  total: number;
  ok: number;
  failed: number;
  error: number;
  skipped: number;
  cancelled: number;
  /** Answers by exit code, e.g. {"0": 118, "1": 2}. */
  exitCodes: Record<string, number>;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  job: { name: string; file: string | null };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  interrupted: boolean;
  /** Why the run stopped early, if it did: "threshold" (maxFailures passed) or "signal". */
  stoppedBy: "threshold" | "signal" | null;
  summary: ReportSummary;
  results: StepResult[];
}
