import { parseArgs } from "./args.js";
import { type Binary, type ExecOutput, fail, ok } from "./types.js";
import { children, lines, readText, resolvePath, stat } from "./vfs.js";

export const cat: Binary = (args, { proc }) => {
  const p = parseArgs("cat", args, "n");
  if (p.error) return fail(p.error);
  const out: string[] = [];
  let err = "";
  for (const path of p.operands) {
    const r = readText(proc, "cat", path);
    if ("error" in r) err += r.error;
    else out.push(r.content);
  }
  let stdout = out.join("");
  if (p.flags.has("n")) stdout = numbered(lines(stdout)).join("");
  return { stdout, stderr: err, exitCode: err ? 1 : 0 };
};

export const ls: Binary = (args, { proc }) => {
  const p = parseArgs("ls", args, "la1AhF");
  if (p.error) return fail(p.error, 2);
  const long = p.flags.has("l");
  const all = p.flags.has("a");
  const targets = p.operands.length > 0 ? p.operands : ["."];
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  for (const t of targets) {
    const abs = resolvePath(proc, t);
    const e = stat(proc, abs);
    if (e.kind === "missing") {
      stderr += `ls: cannot access '${t}': No such file or directory\n`;
      exitCode = 2;
      continue;
    }
    if (e.kind === "file") {
      stdout += long ? `${longLine(t, false, e.content.length)}\n` : `${t}\n`;
      continue;
    }
    if (targets.length > 1) stdout += `${t}:\n`;
    const entries = children(proc, abs).map((c) => ({
      ...c,
      size: c.dir ? 4096 : (proc.files.get(`${abs === "/" ? "" : abs}/${c.name}`) ?? "").length,
    }));
    if (all)
      entries.unshift({ name: ".", dir: true, size: 4096 }, { name: "..", dir: true, size: 4096 });
    if (long) {
      stdout += `total ${entries.length * 4}\n`;
      stdout += entries.map((c) => `${longLine(c.name, c.dir, c.size)}\n`).join("");
    } else stdout += entries.map((c) => `${c.name}\n`).join("");
  }
  return { stdout, stderr, exitCode };
};

function longLine(name: string, dir: boolean, size: number): string {
  const mode = dir ? "drwxr-xr-x" : "-rw-r--r--";
  return `${mode} 1 app app ${String(size).padStart(5)} Jan  1 00:00 ${name}`;
}

function numbered(ls: string[]): string[] {
  return ls.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`);
}

// head and tail share everything but which end of the file they keep.
function headTail(tool: "head" | "tail"): Binary {
  return (args, { proc }) => {
    const p = parseArgs(tool, args, "qv", "n");
    if (p.error) return fail(p.error);
    const n = Number(p.values.get("n") ?? "10");
    if (!Number.isInteger(n) || n < 0)
      return fail(`${tool}: invalid number of lines: '${p.values.get("n")}'\n`);
    const results: ExecOutput[] = p.operands.map((path) => {
      const r = readText(proc, tool, path);
      if ("error" in r)
        return fail(
          r.error.replace(`${tool}: ${path}`, `${tool}: cannot open '${path}' for reading`),
        );
      const all = lines(r.content);
      const kept = tool === "head" ? all.slice(0, n) : n === 0 ? [] : all.slice(-n);
      const header = p.operands.length > 1 ? `==> ${path} <==\n` : "";
      return ok(header + kept.map((l) => `${l}\n`).join(""));
    });
    return merge(results);
  };
}

export const head = headTail("head");
export const tail = headTail("tail");

export const wc: Binary = (args, { proc }) => {
  const p = parseArgs("wc", args, "lwc");
  if (p.error) return fail(p.error);
  const want = p.flags.size > 0 ? ["l", "w", "c"].filter((f) => p.flags.has(f)) : ["l", "w", "c"];
  const rows: Array<{ counts: number[]; name: string }> = [];
  let stderr = "";
  for (const path of p.operands) {
    const r = readText(proc, "wc", path);
    if ("error" in r) {
      stderr += r.error;
      continue;
    }
    const all: Record<string, number> = {
      l: (r.content.match(/\n/g) ?? []).length,
      w: r.content.split(/\s+/).filter(Boolean).length,
      c: Buffer.byteLength(r.content),
    };
    rows.push({ counts: want.map((f) => all[f] ?? 0), name: path });
  }
  if (rows.length > 1)
    rows.push({
      counts: want.map((_, i) => rows.reduce((s, r) => s + (r.counts[i] ?? 0), 0)),
      name: "total",
    });
  // GNU wc pads every column to the widest number, unless a single count is printed.
  const width =
    want.length === 1 && rows.length === 1
      ? 0
      : Math.max(...rows.flatMap((r) => r.counts.map((c) => String(c).length)), 1);
  const stdout = rows
    .map((r) => `${r.counts.map((c) => String(c).padStart(width)).join(" ")} ${r.name}\n`)
    .join("");
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

export function merge(results: ExecOutput[]): ExecOutput {
  return {
    stdout: results.map((r) => r.stdout).join(""),
    stderr: results.map((r) => r.stderr).join(""),
    exitCode: results.reduce((m, r) => Math.max(m, r.exitCode), 0),
  };
}
