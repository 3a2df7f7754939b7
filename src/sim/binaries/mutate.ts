import { parseArgs } from "./args.js";
import { type Binary, fail, ok } from "./types.js";
import { resolvePath, stat } from "./vfs.js";

// A few mutating binaries (write keys only) so maintenance jobs have something real to change.

export const rm: Binary = (args, { proc }) => {
  const p = parseArgs("rm", args, "rfRv");
  if (p.error) return fail(p.error);
  const recursive = p.flags.has("r") || p.flags.has("R");
  let stderr = "";
  for (const path of p.operands) {
    const abs = resolvePath(proc, path);
    const e = stat(proc, abs);
    if (e.kind === "missing") {
      if (!p.flags.has("f")) stderr += `rm: cannot remove '${path}': No such file or directory\n`;
    } else if (e.kind === "dir" && !recursive) {
      stderr += `rm: cannot remove '${path}': Is a directory\n`;
    } else if (e.kind === "file") {
      proc.files.delete(abs);
    } else {
      for (const k of [...proc.files.keys()])
        if (k === `${abs}/` || k.startsWith(`${abs}/`)) proc.files.delete(k);
    }
  }
  return { stdout: "", stderr, exitCode: stderr ? 1 : 0 };
};

export const touch: Binary = (args, { proc }) => {
  for (const path of args) {
    const abs = resolvePath(proc, path);
    if (stat(proc, abs).kind === "missing") proc.files.set(abs, "");
  }
  return ok("");
};
