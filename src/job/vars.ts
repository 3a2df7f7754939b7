// `${{ vars.NAME }}` substitution in command arguments, and `--var NAME=VALUE` parsing.
// The syntax is GitHub Actions' so it reads familiar; only `vars.` is supported, and anything
// else inside `${{ }}` is an error rather than text sent to a process by mistake.
import { JobValidationError, type Problem } from "./errors.js";
import { VAR_NAME_PATTERN } from "./schema.js";
import { suggest } from "./suggest.js";

const EXPRESSION = /\$\{\{(.*?)\}\}/g;
const VAR_REFERENCE = /^\s*vars\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/;

export type Substitution = { ok: true; value: string } | { ok: false; message: string };

export function substituteVars(text: string, vars: Readonly<Record<string, string>>): Substitution {
  let error: string | undefined;
  const value = text.replace(EXPRESSION, (whole, inner: string) => {
    const ref = VAR_REFERENCE.exec(inner);
    if (ref === null) {
      error ??= `unsupported expression \`${whole}\`; only \`\${{ vars.NAME }}\` is supported`;
      return whole;
    }
    const name = ref[1] as string;
    if (Object.hasOwn(vars, name)) return vars[name] as string;
    error ??= unknownVarMessage(name, Object.keys(vars));
    return whole;
  });
  // Checked on the written text: a substituted value may itself contain `${{`.
  if (error === undefined && text.replace(EXPRESSION, "").includes("${{")) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the job-file syntax, not a template
    error = "`${{` without a closing `}}`";
  }
  return error === undefined ? { ok: true, value } : { ok: false, message: error };
}

export function unknownVarMessage(name: string, known: readonly string[]): string {
  const head = `unknown variable \`vars.${name}\``;
  if (known.length === 0) {
    return `${head}; no variables are defined (add \`vars:\` to the job or pass --var ${name}=VALUE)`;
  }
  const guess = suggest(name, known);
  const list = `known: ${[...known].sort().join(", ")}`;
  return guess === undefined ? `${head}; ${list}` : `${head}, did you mean \`${guess}\`? (${list})`;
}

/**
 * `["name=NODE_ENV", "empty="]` to `{name: "NODE_ENV", empty: ""}`. The value is everything after
 * the first `=`; a name given twice keeps the last value, as shells and most CLIs do.
 */
export function parseVarFlags(flags: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    const name = eq < 0 ? "" : flag.slice(0, eq);
    let message: string | undefined;
    if (eq < 0)
      message = `expected NAME=VALUE (e.g. --var name=NODE_ENV), got ${JSON.stringify(flag)}`;
    else if (!VAR_NAME_PATTERN.test(name)) {
      message = `the name must start with a letter or "_" and contain only letters, digits, "_" and "-", got ${JSON.stringify(flag)}`;
    }
    if (message === undefined) vars[name] = flag.slice(eq + 1);
    else problems.push({ file: "--var", line: 0, column: 0, path: "", message });
  }
  if (problems.length > 0) throw new JobValidationError("JOB_BAD_VAR_FLAG", problems);
  return vars;
}
