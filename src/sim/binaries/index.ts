import { du } from "./du.js";
import { env, printenv } from "./env.js";
import { cat, head, ls, tail, wc } from "./files.js";
import { grep } from "./grep.js";
import { rm, touch } from "./mutate.js";
import {
  date,
  df,
  echo,
  falseBin,
  hostname,
  id,
  ps,
  sleep,
  trueBin,
  uname,
  whoami,
} from "./system.js";
import type { Binary, BinaryContext, ExecOutput } from "./types.js";

export type { BinaryContext, ExecOutput } from "./types.js";

const BINARIES: Record<string, Binary> = {
  env,
  printenv,
  cat,
  ls,
  grep,
  echo,
  head,
  tail,
  wc,
  hostname,
  true: trueBin,
  false: falseBin,
  sleep,
  ps,
  df,
  du,
  whoami,
  id,
  uname,
  date,
  rm,
  touch,
};

/**
 * What a read key may run. The API documents only examples (ls, cat, env, ps, grep); this is the
 * simulator's full list, shared with DESIGN.md's notion of read-only binaries.
 */
export const READ_ONLY_BINARIES: ReadonlySet<string> = new Set([
  "env",
  "printenv",
  "cat",
  "ls",
  "ps",
  "grep",
  "head",
  "tail",
  "wc",
  "df",
  "du",
  "echo",
  "hostname",
  "true",
  "false",
  "sleep",
  "whoami",
  "id",
  "uname",
  "date",
]);

/** argv[0] without a directory, so /bin/ls and ls are the same binary. */
export function binaryName(argv0: string): string {
  return argv0.slice(argv0.lastIndexOf("/") + 1);
}

/** Runs argv on the process; an unknown binary exits 127 the way a container runtime says it. */
export async function runBinary(argv: string[], ctx: BinaryContext): Promise<ExecOutput> {
  const name = binaryName(argv[0] ?? "");
  const bin = Object.hasOwn(BINARIES, name) ? BINARIES[name] : undefined;
  if (!bin) {
    return {
      stdout: "",
      stderr: `exec: "${argv[0]}": executable file not found in $PATH\n`,
      exitCode: 127,
    };
  }
  return bin(argv.slice(1), ctx);
}
