import { parseArgs } from "./args.js";
import { type Binary, fail } from "./types.js";
import { resolvePath, stat } from "./vfs.js";

// du over the virtual files, always summarised (as with -s): one line per operand in KiB (or -h).
// Each file takes its size rounded up to 4 KiB and each directory 4 KiB, like ext4.
export const du: Binary = (args, { proc }) => {
  const p = parseArgs("du", args, "shc");
  if (p.error) return fail(p.error);
  const targets = p.operands.length > 0 ? p.operands : ["."];
  let stdout = "";
  let stderr = "";
  for (const t of targets) {
    const abs = resolvePath(proc, t);
    const e = stat(proc, abs);
    if (e.kind === "missing") {
      stderr += `du: cannot access '${t}': No such file or directory\n`;
      continue;
    }
    let kib = e.kind === "dir" ? 4 : 0;
    const prefix = abs === "/" ? "/" : `${abs}/`;
    const dirs = new Set<string>();
    for (const [path, content] of proc.files) {
      if (path !== abs && !path.startsWith(prefix)) continue;
      if (!path.endsWith("/")) kib += blocks(content);
      // Every directory between the operand and the entry, implied or declared, once.
      const rest = path.slice(prefix.length).split("/").slice(0, -1);
      for (let i = 1; i <= rest.length; i++) dirs.add(rest.slice(0, i).join("/"));
    }
    kib += dirs.size * 4;
    stdout += `${p.flags.has("h") ? human(kib) : kib}\t${t}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

const blocks = (content: string) => Math.ceil(Buffer.byteLength(content) / 4096) * 4;
const human = (kib: number) => (kib < 1024 ? `${kib}K` : `${(kib / 1024).toFixed(1)}M`);
