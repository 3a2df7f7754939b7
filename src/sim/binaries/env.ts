import { type Binary, fail, ok } from "./types.js";

export const env: Binary = (args, { proc }) => {
  // No shell and no child processes: `env` here only prints, so any operand is unsupported.
  if (args.length > 0) return fail(`env: '${args[0]}': No such file or directory\n`, 127);
  return ok(proc.env.map(([k, v]) => `${k}=${v}\n`).join(""));
};

export const printenv: Binary = (args, { proc }) => {
  if (args.length === 0) return ok(proc.env.map(([k, v]) => `${k}=${v}\n`).join(""));
  const vars = new Map(proc.env);
  let out = "";
  let missing = false;
  for (const name of args) {
    const v = vars.get(name);
    if (v === undefined) missing = true;
    else out += `${v}\n`;
  }
  return { stdout: out, stderr: "", exitCode: missing ? 1 : 0 };
};
