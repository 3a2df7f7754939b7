// The run ledger's lines (NDJSON, ledgerVersion 1): a header, then one line per attempt and per
// final result as they happen, then an end line. A resumed run appends a new header to the same
// file. Everything in it comes from runJob's events, whose outputs are already redacted.
import type { FailureClass } from "../client/types.js";
import type { Report, StepResult } from "../report/model.js";
import type { RunEvent } from "../run/events.js";

export const LEDGER_VERSION = 1 as const;

export interface LedgerHeader {
  type: "header";
  ledgerVersion: typeof LEDGER_VERSION;
  tool: { name: string; version: string };
  job: { name: string; file: string | null };
  /** What a resume must match: the same job name and plan fingerprint (src/ledger/fingerprint.ts). */
  plan: { fingerprint: string; targets: number; steps: number; total: number };
  startedAt: string;
  /** The ledger this run resumed from (itself, when appended to), else null. */
  resumedFrom: string | null;
}

export interface LedgerAttempt {
  type: "attempt";
  at: string;
  app: string;
  process: string;
  step: string;
  attempt: number;
  failure: { code: string; class: FailureClass; httpStatus: number | null } | null;
  delayMs: number;
}

export interface LedgerResult {
  type: "result";
  at: string;
  result: StepResult;
}

export interface LedgerEnd {
  type: "end";
  at: string;
  summary: Report["summary"];
  interrupted: boolean;
  stoppedBy: Report["stoppedBy"];
}

export type LedgerLine = LedgerHeader | LedgerAttempt | LedgerResult | LedgerEnd;

/** The ledger line for a run event, or null for events the ledger does not keep. */
export function ledgerLine(event: RunEvent): LedgerAttempt | LedgerResult | LedgerEnd | null {
  switch (event.type) {
    case "attempt":
      return {
        type: "attempt",
        at: event.at,
        app: event.target.appId,
        process: event.target.processId,
        step: event.step,
        attempt: event.attempt,
        failure: event.failure,
        delayMs: event.delayMs,
      };
    case "stepEnd":
      return { type: "result", at: event.at, result: event.result };
    case "runEnd":
      return { type: "end", at: event.at, ...endOf(event.report) };
    default:
      return null;
  }
}

/** `--events FILE`: every RunEvent as is, except runEnd, which carries the summary, not the whole report. */
export function eventLine(event: RunEvent): unknown {
  if (event.type !== "runEnd") return event;
  return { type: "runEnd", at: event.at, ...endOf(event.report) };
}

function endOf(report: Report) {
  const { summary, interrupted, stoppedBy } = report;
  return { summary, interrupted, stoppedBy };
}
