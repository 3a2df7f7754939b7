// The docs' code blocks, as test/docs/commands.test.ts runs them (docs/README.md, "Examples that
// are tests"): a shell block opens with `# test` (run) or `# untested: why`; each command in a run
// block expects exit 0 unless its line ends with `# exit N`; a block (YAML, a script) opening
// with `# file: NAME` is written to the working directory before the blocks after it run.

export interface FileBlock {
  kind: "file";
  name: string;
  text: string;
  line: number;
}

export interface ShellBlock {
  kind: "shell";
  /** false for `# untested: why`. */
  run: boolean;
  /** Unmarked blocks are an error: every command shown is either run or excused. */
  marked: boolean;
  commands: Array<{ text: string; exit: number }>;
  line: number;
}

export type Block = FileBlock | ShellBlock;

const SHELLS = new Set(["sh", "bash", "shell", "console"]);

export function docBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of markdown.matchAll(fence)) {
    const lang = m[1] ?? "";
    const body = m[2] ?? "";
    const line = markdown.slice(0, m.index).split("\n").length;
    const first = body.split("\n")[0]?.trim() ?? "";
    const file = /^#\s*file:\s*(\S+)\s*$/.exec(first);
    if (file) {
      blocks.push({ kind: "file", name: file[1] as string, text: body, line });
    } else if (SHELLS.has(lang)) {
      const run = /^#\s*test\b/.test(first);
      const marked = run || /^#\s*untested:\s*\S/.test(first);
      blocks.push({ kind: "shell", run, marked, commands: run ? commands(body) : [], line });
    }
  }
  return blocks;
}

/** Lines joined at a trailing backslash; blank and comment-only lines dropped. */
function commands(body: string): ShellBlock["commands"] {
  const joined = body.replace(/\\\n\s*/g, " ");
  return joined
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((text) => {
      const exit = /#\s*exit (\d+)\b[^#]*$/.exec(text);
      return { text, exit: exit ? Number(exit[1]) : 0 };
    });
}

/** A bash script that runs each command and appends its exit code to fd 3. */
export function script(block: ShellBlock): string {
  const lines = ['exec 3>>"$FANOUT_DOCS_STATUS"'];
  for (const c of block.commands) lines.push(c.text, 'echo "$?" >&3');
  return `${lines.join("\n")}\n`;
}
