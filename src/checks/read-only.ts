// The read-only guard (`readOnly: true` in a job, `--read-only`): every step's binary must be on
// the one read-only list the runner also uses for idempotence. Checked before anything is sent.
import type { Step } from "../job/model.js";
import { READ_ONLY_BINARIES } from "../run/idempotence.js";

export interface ReadOnlyViolation {
  stepIndex: number;
  step: string;
  binary: string;
  message: string;
}

export function binaryOf(step: Pick<Step, "command">): string {
  const argv0 = step.command[0] ?? "";
  return argv0.slice(argv0.lastIndexOf("/") + 1);
}

/** Steps whose binary is not read-only, in job order; empty when the job is safe to run. */
export function readOnlyViolations(
  steps: readonly Pick<Step, "name" | "command">[],
): ReadOnlyViolation[] {
  return steps.flatMap((step, stepIndex) => {
    const binary = binaryOf(step);
    if (READ_ONLY_BINARIES.has(binary)) return [];
    return [
      {
        stepIndex,
        step: step.name,
        binary,
        message: `step "${step.name}" runs \`${binary}\`, which is not read-only; a read-only run allows only ${[...READ_ONLY_BINARIES].join(", ")}`,
      },
    ];
  });
}

/** Thrown by runJob with `readOnly`, before anything is sent. */
export class ReadOnlyViolationError extends Error {
  override readonly name = "ReadOnlyViolationError";
  readonly code = "READ_ONLY_VIOLATION";
  constructor(readonly violations: readonly ReadOnlyViolation[]) {
    super(violations.map((v) => v.message).join("\n"));
  }
}
