// `--token-file FILE` for the commands that talk to the API, and why there is no `--token KEY`:
// a key on the command line ends up in shell history, `ps` and CI logs.
import { ClientConfigError, readTokenFile } from "../client/config.js";
import type { Io } from "./io.js";

export interface TokenFileFlag {
  tokenFile?: string;
}

/** `.option(...TOKEN_FILE_OPTION)` on every command that talks to the API. */
export const TOKEN_FILE_OPTION = [
  "--token-file <file>",
  "read the API key from FILE instead of SEVALLA_API_TOKEN (one line; others may not read it: chmod 600)",
] as const;

/**
 * The Io the command goes on with: with --token-file, its env carries the file's key as
 * SEVALLA_API_TOKEN (the file wins over the variable). Null, after saying why, when the file
 * cannot be used.
 */
export async function withTokenFile(io: Io, flags: TokenFileFlag): Promise<Io | null> {
  if (flags.tokenFile === undefined) return io;
  try {
    const token = await readTokenFile(flags.tokenFile);
    return { ...io, env: { ...io.env, SEVALLA_API_TOKEN: token } };
  } catch (error) {
    if (!(error instanceof ClientConfigError)) throw error;
    io.err(`${error.message} (${error.code})`);
    return null;
  }
}

const KEY_FLAG =
  /unknown option '(--?(?:token|api[-_]?key|api[-_]?token|key|bearer|auth)[^=']*)(=[^']*)?'/i;

/**
 * commander's error output, minus any value glued to an unknown option (`--token=sev_…` would
 * otherwise be echoed to the terminal and the CI log), plus where the key does go.
 */
export function scrubOptionError(text: string): string {
  const scrubbed = text.replace(/(unknown option '--?[^=']+)=[^']*'/g, "$1=…'");
  if (!KEY_FLAG.test(text)) return scrubbed;
  return scrubbed.replace(
    /^(error: unknown option [^\n]*)$/m,
    "$1\nThe API key is never taken from a command-line value (it would show in `ps` and shell history): set SEVALLA_API_TOKEN or pass --token-file FILE.",
  );
}
