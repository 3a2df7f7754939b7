// Whether a step may be sent twice. A mutating command is never resent after an ambiguous failure
// unless the job says it is safe, because it may already have run (DESIGN.md, failure classes).
import type { Step } from "../job/model.js";

/** Binaries that only read: running them twice changes nothing. */
export const READ_ONLY_BINARIES: ReadonlySet<string> = new Set([
  "env",
  "printenv",
  "cat",
  "ls",
  "ps",
  "grep",
  "head",
  "tail",
  "df",
  "du",
  "wc",
  "echo",
  "hostname",
  "whoami",
  "id",
  "uname",
  "date",
  "true",
  "false",
  "stat",
  "find",
  "which",
  "test",
]);

/** The step's explicit `idempotent`, else true when its binary (basename of argv[0]) is read-only. */
export function isIdempotent(step: Pick<Step, "command" | "idempotent">): boolean {
  if (step.idempotent !== undefined) return step.idempotent;
  const binary = step.command[0];
  if (binary === undefined) return false;
  const basename = binary.slice(binary.lastIndexOf("/") + 1);
  return READ_ONLY_BINARIES.has(basename);
}
