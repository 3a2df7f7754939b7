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
  /** Shared by every result of the step and frozen: a copy per result cost ~64 B at fleet scale. */
  command: readonly string[];
  status: StepStatus;
  /** null when there was no answer. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  attempts: number;
  durationMs: number;
  requestId: string | null;
  error: ResultError | null;
  /** true when the step's output filters (grep, grepInvert, lines, trim) shaped `stdout`. */
  filtered: boolean;
  /** true when redaction replaced something in `stdout`, `stderr` or `expectation.seen`. */
  redacted: boolean;
  /** Set when a stream was cut to maxOutputBytes (head and tail kept); null otherwise. */
  truncated: Truncation | null;
  /** The expectation the answer missed (status `failed`); null otherwise. */
  expectation: ExpectationMiss | null;
  /** Present, true, only on a result reused from a ledger (--resume) or an earlier report (--rerun-failed): not sent in this run. */
  resumed?: boolean;
}

/** Which expectation an answer missed, and what was seen instead (redacted, cut short). */
export interface ExpectationMiss {
  /** `exitCode`, `stdout.matches`, `stdout.notMatches`, `stdout.equals`, `stdout.contains`, the same for stderr, or `number`. */
  check: string;
  /** What was expected, in words: `0 or 1`, `a line matching /^NODE_ENV=production$/`, ... */
  expected: string;
  seen: string;
}

/** Output kept within maxOutputBytes per stream: the head and the tail, sizes in UTF-8 bytes. */
export interface Truncation {
  stdout: boolean;
  stderr: boolean;
  /** Sizes before the cut (after filters and redaction). */
  originalBytes: { stdout: number; stderr: number };
}

/** A target in an output group. */
export interface GroupTarget {
  app: string;
  process: string;
  /** As the table names it: label, else app/process names, else short ids. */
  name: string;
}

/** Targets whose step printed the same (filtered, redacted) stdout with the same exit code. */
export interface OutputGroup {
  output: string;
  exitCode: number;
  count: number;
  targets: GroupTarget[];
}

/** One step's answers rolled up by output, majority first, so deviants stand out. */
export interface StepGroups {
  step: string;
  /** Results of this step that got an answer (ok or failed). */
  answered: number;
  /** Distinct outputs among them = groups.length. */
  distinct: number;
  groups: OutputGroup[];
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

/** One canary stage of a job with `rollout` (src/run/rollout.ts). */
export interface RolloutStageReport {
  /** 1-based. */
  stage: number;
  /** As written in the job: "1", "10%", "100%". */
  size: string;
  /** Targets this stage added (not cumulative). */
  targets: number;
  /** Targets of this stage with a failed or error step. */
  failedTargets: number;
  /** The stage's budget: more failed targets than this halts the rollout (maxFailures of this stage's targets). */
  allowedFailures: number;
  /** passed: ran within budget; halted: passed its budget; interrupted: a signal came; notRun: never started. */
  status: "passed" | "halted" | "interrupted" | "notRun";
}

export interface RolloutReport {
  stages: RolloutStageReport[];
  /** The stage whose failures passed its budget (1-based); null when none did. */
  stoppedAtStage: number | null;
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
  /** Per step, the answers grouped by identical output (dshbak-style roll-up). */
  groups: StepGroups[];
  /** Only for a job with `rollout`: its stages and the one that stopped it. */
  rollout?: RolloutReport;
}
