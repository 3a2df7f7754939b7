import type { Fleet, ScriptStep } from "./fleet/schema.js";
import { sampleLatency } from "./latency.js";
import type { Random } from "./random.js";

/** What happens to one request, decided when it arrives. */
export interface FaultPlan {
  /** Before anything is read or run: a reset, an injected status, or the start of a 429 burst. */
  before:
    | { kind: "none" }
    | { kind: "reset" }
    | { kind: "status"; status: number }
    | { kind: "burst" }
    | { kind: "html" };
  /** Reset after the command ran, instead of sending its answer. */
  resetAfter: boolean;
  /** Answer 200 without exit_code after the command ran (a body not of the documented shape). */
  dropExitCode?: boolean;
  /** Delay before the answer: the fleet's latency ... */
  latencyMs: number;
  /** ... plus a slow-response fault. */
  slowMs: number;
}

const STATUSES = [500, 502, 503, 504] as const;

/**
 * Rolls the fleet's random faults. It always draws the same four numbers, whatever the outcome,
 * so one request's fate never shifts the dice of the next: a seed replays the same run.
 */
export function rollFaults(fleet: Fleet, random: Random): FaultPlan {
  const [rBefore, rAfter, rSlow, rLatency] = [random(), random(), random(), random()];
  const f = fleet.faults;
  let before: FaultPlan["before"] = { kind: "none" };
  // One roll over consecutive slices: reset, 500, 502, 503, 504, burst; the rest is "none".
  let edge = f.resetBeforeRead;
  if (rBefore < edge) before = { kind: "reset" };
  else {
    for (const status of STATUSES) {
      edge += f.status[status] ?? 0;
      if (rBefore < edge) {
        before = { kind: "status", status };
        break;
      }
    }
    if (
      before.kind === "none" &&
      f.rateLimitBurst &&
      rBefore < edge + f.rateLimitBurst.probability
    ) {
      before = { kind: "burst" };
    }
  }
  const slow = f.slow && rSlow < f.slow.probability ? f.slow.ms : 0;
  const latencyMs = sampleLatency(fleet.latency, rLatency);
  return { before, resetAfter: rAfter < f.resetAfterExec, latencyMs, slowMs: slow };
}

/** A scripted step replaces the random plan (latency stays): scripts are meant to be exact. */
export function planFromStep(step: ScriptStep, fleet: Fleet, latencyMs: number): FaultPlan {
  const plan: FaultPlan = { before: { kind: "none" }, resetAfter: false, latencyMs, slowMs: 0 };
  if (step === "reset-before") plan.before = { kind: "reset" };
  else if (step === "reset-after") plan.resetAfter = true;
  else if (step === "slow") plan.slowMs = fleet.slowMs;
  else if (step === "html") plan.before = { kind: "html" };
  else if (step === "no-exit-code") plan.dropExitCode = true;
  else if (typeof step === "number") plan.before = { kind: "status", status: step };
  return plan;
}

/** Scripted sequences: each matching request consumes the next step of the first live script. */
export class Scripts {
  private readonly cursors: number[];

  constructor(private readonly scripts: Fleet["scripts"]) {
    this.cursors = scripts.map(() => 0);
  }

  /** Command-specific scripts come first; an any-command script catches the rest. */
  take(processId: string, command: string[]): ScriptStep | undefined {
    const pid = processId.toLowerCase();
    const argv = JSON.stringify(command);
    const live = (i: number) => (this.cursors[i] ?? 0) < (this.scripts[i]?.sequence.length ?? 0);
    const order = this.scripts
      .map((s, i) => ({ s, i }))
      .filter(({ s, i }) => s.process.toLowerCase() === pid && live(i))
      .filter(({ s }) => !s.command || JSON.stringify(s.command) === argv)
      .sort((a, b) => Number(!a.s.command) - Number(!b.s.command));
    const hit = order[0];
    if (!hit) return undefined;
    const step = hit.s.sequence[this.cursors[hit.i] ?? 0];
    this.cursors[hit.i] = (this.cursors[hit.i] ?? 0) + 1;
    return step;
  }
}
