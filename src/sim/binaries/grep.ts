import { parseArgs } from "./args.js";
import { type Binary, fail } from "./types.js";
import { lines, readText } from "./vfs.js";

// grep over the process's files: -i -v -c -n -E -F -l -q -h -H, -e PATTERN. Exit 0 when a line
// matched, 1 when none did, 2 on an error (GNU grep's contract, which checks rely on).
export const grep: Binary = (args, { proc }) => {
  const p = parseArgs("grep", args, "ivcnEFlqhHs", "e");
  if (p.error) return fail(p.error, 2);
  const operands = [...p.operands];
  const pattern = p.values.get("e") ?? operands.shift();
  if (pattern === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\n", 2);
  let re: RegExp;
  try {
    re = new RegExp(toJsRegex(pattern, p.flags), p.flags.has("i") ? "i" : "");
  } catch {
    return fail(`grep: Invalid regular expression\n`, 2);
  }
  const prefixNames = (operands.length > 1 || p.flags.has("H")) && !p.flags.has("h");
  let stdout = "";
  let stderr = "";
  let matched = false;
  for (const file of operands) {
    const r = readText(proc, "grep", file);
    if ("error" in r) {
      if (!p.flags.has("s")) stderr += r.error;
      continue;
    }
    const hits: string[] = [];
    lines(r.content).forEach((line, i) => {
      if (re.test(line) === p.flags.has("v")) return;
      hits.push(`${prefixNames ? `${file}:` : ""}${p.flags.has("n") ? `${i + 1}:` : ""}${line}\n`);
    });
    if (hits.length > 0) matched = true;
    if (p.flags.has("q")) continue;
    if (p.flags.has("l")) stdout += hits.length > 0 ? `${file}\n` : "";
    else if (p.flags.has("c")) stdout += `${prefixNames ? `${file}:` : ""}${hits.length}\n`;
    else stdout += hits.join("");
  }
  if (p.flags.has("q")) stdout = "";
  const exitCode = stderr && !(p.flags.has("q") && matched) ? 2 : matched ? 0 : 1;
  return { stdout, stderr, exitCode };
};

const BRE_SPECIAL = new Set(["+", "?", "|", "(", ")", "{", "}"]);

/** A grep pattern as a JS regex source: -F literal, -E as is, basic (BRE) translated. */
export function toJsRegex(pattern: string, flags: Set<string>): string {
  if (flags.has("F")) return pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (flags.has("E")) return pattern;
  // In a BRE, + ? | ( ) { } are literal and their backslashed forms are the operators.
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    const next = pattern[i + 1] ?? "";
    if (c === "\\" && BRE_SPECIAL.has(next)) {
      out += next;
      i++;
    } else if (c === "\\") {
      out += c + next;
      i++;
    } else if (BRE_SPECIAL.has(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}
