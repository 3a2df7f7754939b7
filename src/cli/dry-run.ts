// `fanout run --dry-run`: the plan (targets × steps) that a run would send, and nothing is sent.
import type { Job, RateLimit } from "../job/model.js";
import type { StepResult } from "../report/model.js";
import { buildPlan } from "../run/plan.js";
import { knownResult } from "../run/prior.js";
import type { Target } from "../targets/model.js";
import { describeChecks } from "./dry-run-checks.js";
import { describeRollout } from "./rollout-plan.js";

function describeTarget(t: Target): string {
  const ids = `${t.appId} / ${t.processId}`;
  const names = t.appName ? `${t.appName}/${t.processKey ?? "?"}` : null;
  const shown = [t.label, names].filter((x) => x).join(" ");
  return shown ? `${shown}  (${ids})` : ids;
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface PlanOverrides {
  concurrency?: number;
  rate?: RateLimit;
  /** Cap on the listed targets (the counts stay exact). Default 50. */
  maxTargets?: number;
  /** --resume / --rerun-failed: the results reused (not sent again), and the file they came from. */
  prior?: { from: string; results: ReadonlyMap<string, StepResult> };
}

function describeRate(rate: RateLimit | undefined): string {
  if (!rate) return "";
  const unit = rate.perMs === 1000 ? "s" : rate.perMs === 60_000 ? "min" : "hour";
  return `; at most ${rate.requests}/${unit}`;
}

/** The plan as text for targets already resolved (prepareTargets), with the flags applied. */
export function renderPlan(
  job: Job,
  resolved: readonly Target[],
  overrides: PlanOverrides = {},
): string {
  const maxTargets = overrides.maxTargets ?? 50;
  const concurrency = overrides.concurrency ?? job.concurrency;
  const plan = buildPlan(resolved, job.steps);
  const { targets, steps, total } = plan.counts;
  const prior = overrides.prior;
  const reused = prior
    ? plan.pairs.filter((p) => knownResult(prior.results, p) !== undefined).length
    : 0;
  const reuse = prior
    ? `; ${reused} already ok in ${prior.from} (not sent again), ${total - reused} to send`
    : "";
  const lines = [
    `Job ${job.name}${job.file ? ` (${job.file})` : ""}: ${targets} ${targets === 1 ? "target" : "targets"} × ${steps} ${steps === 1 ? "step" : "steps"} = ${total} requests planned${reuse} (dry run: nothing sent)`,
    `Concurrency ${concurrency}${job.perApp ? `, ${job.perApp} per app` : ""}${describeRate(overrides.rate ?? job.rateLimit)}; timeout ${job.timeout} s; retries ${job.retries}${job.maxFailures ? `; stop after ${job.maxFailures.value}${job.maxFailures.kind === "percent" ? "%" : ""} failed targets` : ""}`,
    ...describeRollout(job, targets),
    ...(job.redact?.length
      ? [`Redact also, in every step: ${job.redact.map((r) => `/${r}/`).join(", ")}`]
      : []),
    "Steps:",
    ...job.steps.flatMap((s, i) => [
      `  ${i + 1}. ${s.name}: ${s.command.map(quoteArg).join(" ")}${s.continueOnFailure ? "  (continue on failure)" : ""}`,
      ...describeChecks(s),
    ]),
    "Targets:",
    ...plan.targets.slice(0, maxTargets).map((t) => `  ${describeTarget(t)}`),
  ];
  if (plan.targets.length > maxTargets) {
    lines.push(`  ... and ${plan.targets.length - maxTargets} more`);
  }
  return lines.join("\n");
}
