// `fanout run`'s run-file flags (issue 9): --ledger, --events, --resume, --rerun-failed. Each job's
// prior results and files are prepared (and refused, exit 2) before anything is sent.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Job } from "../job/model.js";
import { planFingerprint } from "../ledger/fingerprint.js";
import { type PriorOutcome, priorFromLedger, priorFromReport } from "../ledger/prior.js";
import { readLedger } from "../ledger/read.js";
import type { StepResult } from "../report/model.js";
import { parseReport } from "../report/schema.js";
import type { Target } from "../targets/model.js";
import { outputPaths } from "./output-paths.js";

export interface RunFileFlags {
  ledger?: string;
  events?: string;
  resume?: string;
  rerunFailed?: string;
}

/** What one job runs with: its targets, the results it reuses, and where its ledger goes. */
export interface JobRunFiles {
  targets: Target[];
  prior?: Map<string, StepResult>;
  /** The ledger or report `prior` came from, as given. */
  priorFrom?: string;
  fingerprint: string;
  ledger?: { path: string; flags: "wx" | "a"; resumedFrom: string | null };
  events?: string;
}

type Prepared = { ok: true; jobs: JobRunFiles[] } | { ok: false; message: string };

export async function prepareRunFiles(
  jobs: readonly Job[],
  files: readonly string[],
  targetsOf: (i: number) => Target[],
  flags: RunFileFlags,
): Promise<Prepared> {
  if (flags.resume && flags.rerunFailed)
    return { ok: false, message: "--resume and --rerun-failed cannot be used together." };
  const paths = (flag: string | undefined) => (flag ? outputPaths(flag, files) : []);
  const resumes = paths(flags.resume);
  const reruns = paths(flags.rerunFailed);
  // --resume FILE alone keeps writing to FILE, so a run resumed and killed again can resume again.
  const ledgers = paths(flags.ledger ?? flags.resume);
  const events = paths(flags.events);
  const prepared: JobRunFiles[] = [];
  for (const [i, job] of jobs.entries()) {
    const from = resumes[i] ?? reruns[i];
    const outcome = from
      ? await loadPrior(job, targetsOf(i), from, resumes[i] !== undefined)
      : ({ ok: true, prior: new Map(), targets: targetsOf(i) } as const);
    if (!outcome.ok) return outcome;
    const entry: JobRunFiles = {
      targets: outcome.targets,
      fingerprint: planFingerprint(job, outcome.targets),
      ...(from ? { prior: outcome.prior, priorFrom: from } : {}),
      ...(events[i] ? { events: events[i] } : {}),
    };
    const ledger = ledgers[i];
    if (ledger) {
      const appending = resumes[i] !== undefined && resolve(resumes[i]) === resolve(ledger);
      // A ledger is never overwritten: it may be the only record of a run that was killed.
      if (!appending && existsSync(ledger))
        return {
          ok: false,
          message: `${ledger} exists: continue that run with --resume ${ledger}, or remove it.`,
        };
      entry.ledger = {
        path: ledger,
        flags: appending ? "a" : "wx",
        resumedFrom: resumes[i] ?? null,
      };
    }
    prepared.push(entry);
  }
  return { ok: true, jobs: prepared };
}

async function loadPrior(
  job: Job,
  targets: Target[],
  path: string,
  fromLedger: boolean,
): Promise<PriorOutcome> {
  try {
    if (fromLedger)
      return priorFromLedger(
        await readLedger(path),
        path,
        job,
        planFingerprint(job, targets),
        targets,
      );
    const report = parseReport(JSON.parse(await readFile(path, "utf8")));
    return priorFromReport(report, path, job, targets);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const what = fromLedger ? "a fanout ledger" : "a fanout JSON report";
    return { ok: false, message: `Cannot read ${path} as ${what}: ${why}` };
  }
}
