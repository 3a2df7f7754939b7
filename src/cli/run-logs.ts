// Opens a job's --ledger and --events files around its run and says where they went (stderr).
import type { Job } from "../job/model.js";
import { LEDGER_VERSION } from "../ledger/format.js";
import { type EventFile, openEventLog, openLedger } from "../ledger/writer.js";
import type { RunEventListener } from "../run/events.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import type { JobRunFiles } from "./run-files.js";

export interface RunLogs {
  onEvent: RunEventListener;
  /** Flushes and closes the files; the lines to print on stderr. */
  close(): Promise<string[]>;
}

export async function openRunLogs(job: Job, run: JobRunFiles, now: Date): Promise<RunLogs> {
  const opened: Array<{ label: string; path: string; file: EventFile }> = [];
  const notes: string[] = [];
  const attempt = async (label: string, path: string, open: () => Promise<EventFile>) => {
    try {
      opened.push({ label, path, file: await open() });
    } catch (error) {
      notes.push(`Could not open the ${label.toLowerCase()} ${path}: ${message(error)}`);
    }
  };
  const { ledger, events } = run;
  if (ledger) {
    const header = {
      type: "header" as const,
      ledgerVersion: LEDGER_VERSION,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      job: { name: job.name, file: job.file ?? null },
      plan: {
        fingerprint: run.fingerprint,
        targets: run.targets.length,
        steps: job.steps.length,
        total: run.targets.length * job.steps.length,
      },
      startedAt: now.toISOString(),
      resumedFrom: ledger.resumedFrom,
    };
    await attempt("Ledger", ledger.path, () => openLedger(ledger.path, header, ledger));
  }
  if (events) await attempt("Events", events, () => openEventLog(events, { flags: "a" }));
  return {
    onEvent(event) {
      for (const o of opened) o.file.onEvent(event);
    },
    async close() {
      for (const o of opened) {
        const error = await o.file.close();
        notes.push(
          error ? `${o.label} ${o.path} is incomplete: ${error.message}` : `${o.label}: ${o.path}`,
        );
      }
      return notes;
    },
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
