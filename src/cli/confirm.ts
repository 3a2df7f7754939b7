// The --yes gate of `fanout run`: a job that may change the fleet (a step whose binary is not on
// the read-only list) runs from a script only with --yes, and from a terminal only once a person
// has seen the plan and answered y. Read-only jobs (and `readOnly: true` ones) never ask.
import { createInterface } from "node:readline/promises";
import { readOnlyViolations } from "../checks/read-only.js";
import type { Job } from "../job/model.js";
import type { Target } from "../targets/model.js";
import { renderPlan } from "./dry-run.js";
import type { Io } from "./io.js";

export interface ConfirmFlags {
  yes?: boolean;
  concurrency?: number;
}

/** Asks a yes/no question on the terminal; injected through Io so tests can answer. */
export type Ask = (question: string) => Promise<boolean>;

/** The real prompt: stderr, so that stdout (tables, --json) stays what it was. y or yes only. */
export const askOnTerminal: Ask = async (question) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^\s*y(es)?\s*$/i.test(await rl.question(question));
  } finally {
    rl.close();
  }
};

/** The mutating steps of each job, as "file: step "x" runs `binary`" lines; empty when all read. */
export function mutatingSteps(jobs: readonly Job[], files: readonly string[]): string[] {
  return jobs.flatMap((job, i) =>
    job.readOnly
      ? []
      : readOnlyViolations(job.steps).map(
          (v) => `${files[i]}: step "${v.step}" runs \`${v.binary}\`, which is not read-only`,
        ),
  );
}

/**
 * null when the run may go ahead; else the message to print (exit 2, nothing sent). Without a
 * terminal (`io.ask` absent: cron, CI, a pipe) only --yes lets a mutating job run.
 */
export async function confirmRun(
  jobs: readonly Job[],
  files: readonly string[],
  targetsOf: (i: number) => readonly Target[],
  flags: ConfirmFlags,
  io: Io,
): Promise<string | null> {
  const mutating = mutatingSteps(jobs, files);
  if (mutating.length === 0 || flags.yes) return null;
  const list = mutating.map((m) => `  ${m}`).join("\n");
  if (!io.ask) {
    return (
      `This run may change the fleet:\n${list}\n` +
      "Pass --yes to run it from a non-interactive shell (cron, CI, a pipe). Nothing was run."
    );
  }
  const plans = jobs.map((job, i) => renderPlan(job, targetsOf(i), flags)).join("\n\n");
  const targets = jobs.reduce((n, _, i) => n + targetsOf(i).length, 0);
  io.err(`${plans}\n\nThis run may change the fleet:\n${list}`);
  const yes = await io.ask(`Run it on ${targets} ${targets === 1 ? "target" : "targets"}? (y/N) `);
  return yes ? null : "Not confirmed. Nothing was run.";
}
