// Typed errors of job loading. Nothing here prints: src/cli renders problems with formatProblems.

/** One thing wrong with a job file, pointing at where it was written. */
export interface Problem {
  /** The file as the user named it (or `--var` for a bad command-line variable). */
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (missing, too large, not UTF-8). */
  line: number;
  /** 1-based; 0 together with line 0. */
  column: number;
  /** Key path such as `steps[1].command[0]`; empty for the document itself. */
  path: string;
  /** What was wrong and what is allowed. */
  message: string;
}

/** Stable codes a script can branch on; the first problem's kind wins when they are mixed. */
export type JobErrorCode =
  | "JOB_FILE_NOT_FOUND"
  | "JOB_FILE_UNREADABLE"
  | "JOB_FILE_TOO_LARGE"
  | "JOB_FILE_NOT_UTF8"
  | "JOB_YAML_SYNTAX"
  | "JOB_INVALID"
  | "JOB_BAD_VAR_FLAG";

/** Thrown by loadJob / parseJob / parseVarFlags with every problem found, never just the first. */
export class JobValidationError extends Error {
  override readonly name = "JobValidationError";
  readonly code: JobErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: JobErrorCode, problems: Problem[]) {
    const sorted = sortProblems(problems);
    super(
      sorted.length === 1
        ? formatProblem(sorted[0] as Problem)
        : `${sorted.length} problems:\n${formatProblems(sorted)}`,
    );
    this.code = code;
    this.problems = sorted;
  }
}

/** In file order; with several files (a job and its inventories), file by file as first seen. */
export function sortProblems(problems: Problem[]): Problem[] {
  const order = new Map<string, number>();
  for (const p of problems) if (!order.has(p.file)) order.set(p.file, order.size);
  const rank = (p: Problem) => order.get(p.file) ?? 0;
  return [...problems].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
}

/** `file:line:column path: message`, the shape editors and terminals turn into links. */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.path === "" ? `${where}: ${p.message}` : `${where} ${p.path}: ${p.message}`;
}

/** One problem per line, in file order. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join("\n");
}

export type PathSegment = string | number;

/** Renders `["steps", 1, "command", 0]` as `steps[1].command[0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
