// What --resume and --rerun-failed hand to runJob: the pairs already ok (not sent again), after
// checking that the ledger or report belongs to this job; a mismatch is a refusal, not a guess.
import type { Job } from "../job/model.js";
import type { Report, StepResult } from "../report/model.js";
import { resultKey } from "../run/prior.js";
import type { Target } from "../targets/model.js";
import type { ReadLedger } from "./read.js";

export type PriorOutcome =
  | { ok: true; prior: Map<string, StepResult>; targets: Target[] }
  | { ok: false; message: string };

const okOnly = (results: Iterable<StepResult>) =>
  new Map([...results].filter((r) => r.status === "ok").map((r) => [resultKey(r), r] as const));

/** --resume: every header must name this job and this plan. */
export function priorFromLedger(
  ledger: ReadLedger,
  path: string,
  job: Job,
  fingerprint: string,
  targets: Target[],
): PriorOutcome {
  const other = ledger.headers.find(
    (h) => h.job.name !== job.name || h.plan.fingerprint !== fingerprint,
  );
  if (other) {
    return {
      ok: false,
      message:
        `${path} is the ledger of job "${other.job.name}" (plan ${other.plan.fingerprint}), not of ` +
        `job "${job.name}" with these targets and steps (plan ${fingerprint}): refusing to resume. ` +
        "Give the ledger this job wrote, or run without --resume.",
    };
  }
  return { ok: true, prior: okOnly(ledger.results.values()), targets };
}

/**
 * --rerun-failed: the report must be this job's. Only its targets run (a target added to the
 * job since is not "not ok" in it); its ok pairs are reused, everything else runs. An ok pair
 * whose step has a different argv now (the job was edited, or --var differs) runs again: its
 * old answer was to another command.
 */
export function priorFromReport(
  report: Report,
  path: string,
  job: Job,
  targets: Target[],
): PriorOutcome {
  if (report.job.name !== job.name) {
    return {
      ok: false,
      message: `${path} is a report of job "${report.job.name}", not of "${job.name}": refusing to rerun from it.`,
    };
  }
  const inReport = new Set(report.results.map((r) => `${r.app}/${r.process}`));
  const kept = targets.filter((t) => inReport.has(`${t.appId}/${t.processId}`));
  const argvNow = new Map(job.steps.map((s) => [s.name, JSON.stringify(s.command)]));
  const sameCommand = report.results.filter(
    (r) => argvNow.get(r.step) === JSON.stringify(r.command),
  );
  return { ok: true, prior: okOnly(sameCommand), targets: kept };
}
