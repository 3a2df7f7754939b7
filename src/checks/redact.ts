// Secret redaction, applied to everything fanout shows or writes (table, groups, JSON, JUnit,
// events, output files): values of `KEY=value` / `KEY: value` lines whose key looks secret,
// passwords inside URLs, and a job's own `redact:` patterns. Expectations run before it, on the
// raw output.

export const REDACTED = "[redacted]";

/** Key fragments that mark a value as secret (matched anywhere in the key, any case). */
export const SECRET_KEY_WORDS = [
  "TOKEN",
  "SECRET",
  "PASSWORD",
  "PASSWD",
  "PASSPHRASE",
  "PRIVATE",
  "CREDENTIAL",
  "API_KEY",
  "APIKEY",
  "ACCESS_KEY",
  "AUTH",
  "DSN",
  "SESSION",
  "COOKIE",
  "SIGNATURE",
  "SALT",
] as const;

const WORDS = SECRET_KEY_WORDS.join("|");
const SECRET_KEY = new RegExp(`(?:${WORDS})`, "iu");
// Keys are matched as a bounded run of name characters and then tested for a secret word in a
// callback: a pattern like [\w.-]*(TOKEN)[\w.-]* backtracks quadratically on long lines.
// `KEY=value`, `export KEY=value`, `KEY: value`, `"key": value` at the start of a line.
// Blanks are [ \t], never \s: \s would run across newlines from every line start.
const KEY_LINE = /^([ \t]*(?:export[ \t]+)?["']?)([\w.-]{1,128})(["']?[ \t]*[=:][ \t]*)(\S.*)$/gmu;
// `"key": "value"` pairs anywhere on a line (JSON on one line).
const JSON_PAIR = /"([\w.-]{1,128})"([ \t]*:[ \t]*)"((?:[^"\\\n]|\\.){0,4096})"/gu;
// scheme://user:password@host
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s:@/]{0,256}:)([^\s@/]{1,1024})(@)/giu;

export type Redactor = (text: string) => string;

/**
 * A redactor with the default rules plus `extra` patterns, each match replaced whole. Like every
 * pattern of a job they work line by line: `^` and `$` anchor lines (the m flag).
 */
export function createRedactor(extra: readonly RegExp[] = []): Redactor {
  const globals = extra.map((re) => new RegExp(re.source, `${re.flags.replace(/[gm]/g, "")}gm`));
  return (text) => {
    if (text === "") return text;
    let out = text
      .replace(URL_PASSWORD, `$1${REDACTED}$3`)
      .replace(JSON_PAIR, (whole, key: string, colon: string) =>
        isSecretKey(key) ? `"${key}"${colon}"${REDACTED}"` : whole,
      )
      .replace(KEY_LINE, (whole, lead: string, key: string, sep: string) =>
        isSecretKey(key) ? `${lead}${key}${sep}${REDACTED}` : whole,
      );
    for (const re of globals) out = out.replace(re, (match) => (match === "" ? match : REDACTED));
    return out;
  };
}

/** Whether a variable name looks secret (API_TOKEN, db_password, ...). */
export function isSecretKey(name: string): boolean {
  return SECRET_KEY.test(name);
}

/**
 * `printenv API_TOKEN` prints the bare value, with no `KEY=` for the rules to see: when a step
 * asks printenv for a secret-looking variable, every line of its output is a secret.
 */
export function printsSecretValues(command: readonly string[]): boolean {
  const argv0 = command[0] ?? "";
  if (argv0.slice(argv0.lastIndexOf("/") + 1) !== "printenv") return false;
  return command.slice(1).some((arg) => !arg.startsWith("-") && isSecretKey(arg));
}

/** Every non-empty line replaced: for the output of printsSecretValues steps. */
export const redactWholeLines: Redactor = (text) => text.replace(/^.+$/gmu, REDACTED);

/** `--no-redact`: everything as the command printed it. */
export const noRedaction: Redactor = (text) => text;
