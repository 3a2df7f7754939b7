// The exit code of a run, from its report alone (pure): DESIGN.md, where the later in the list wins.
import type { Report } from "../report/model.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

export interface ExitFlags {
  /** The signal the CLI received, if any: it wins over everything the report says. */
  signal?: "SIGINT" | "SIGTERM" | null;
}

export function exitStatus(report: Report, flags: ExitFlags = {}): ExitCode {
  if (flags.signal) return flags.signal === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
  if (report.stoppedBy === "signal") return EXIT.sigint;
  if (report.stoppedBy === "threshold") return EXIT.thresholdStop;
  // An interruption the report cannot attribute is still an interruption.
  if (report.interrupted) return EXIT.sigint;
  if (report.summary.targets === 0) return EXIT.noTargets;
  if (report.summary.error > 0) return EXIT.noAnswer;
  if (report.summary.failed > 0) return EXIT.failed;
  return EXIT.ok;
}

const PRECEDENCE: readonly ExitCode[] = [
  EXIT.ok,
  EXIT.failed,
  EXIT.invalidInput,
  EXIT.noAnswer,
  EXIT.noTargets,
  EXIT.thresholdStop,
  EXIT.sigint,
  EXIT.sigterm,
];

/** Several runs (one per job file) end with the code of highest precedence. */
export function combineExitCodes(codes: readonly ExitCode[]): ExitCode {
  let worst: ExitCode = EXIT.ok;
  for (const code of codes) if (PRECEDENCE.indexOf(code) > PRECEDENCE.indexOf(worst)) worst = code;
  return worst;
}

const MEANING: Record<ExitCode, string> = {
  0: "every step ok",
  1: "at least one command answered with a failure",
  2: "the input was invalid and nothing ran",
  3: "at least one step got no answer",
  4: "no targets matched",
  5: "stopped by the failure threshold",
  130: "interrupted (SIGINT)",
  143: "interrupted (SIGTERM)",
};

/** One line for people: "3 (at least one step got no answer)". */
export function describeExitCode(code: ExitCode): string {
  return `${code} (${MEANING[code]})`;
}
