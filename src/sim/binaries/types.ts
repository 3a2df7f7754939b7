import type { ProcessRuntime } from "../fleet/runtime.js";

export interface ExecOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface BinaryContext {
  proc: ProcessRuntime;
  /** Aborted when the command's timeout passes, the client goes away or the server closes. */
  signal: AbortSignal;
  now: () => number;
}

/** A virtual binary: argv without argv[0], the process's state; no shell, no stdin. */
export type Binary = (args: string[], ctx: BinaryContext) => ExecOutput | Promise<ExecOutput>;

export const ok = (stdout: string): ExecOutput => ({ stdout, stderr: "", exitCode: 0 });
export const fail = (stderr: string, exitCode = 1, stdout = ""): ExecOutput => ({
  stdout,
  stderr,
  exitCode,
});
