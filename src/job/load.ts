// The loader's pipeline: read, parse YAML, check structure, validate against the schema, check
// across fields, normalise. Every stage adds problems; one JobValidationError carries them all.
import { resolve } from "node:path";
import { expandInventories } from "../targets/inventory/expand.js";
import { takeAsWritten } from "./as-written.js";
import { checkReadOnly, resolveCheckFields } from "./check-fields.js";
import { type Context, checkPercent, checkTargets, resolveCommands } from "./checks.js";
import { JobValidationError, type Problem } from "./errors.js";
import { issuesToProblems } from "./issues.js";
import type { Job } from "./model.js";
import { buildJob, resolveVars } from "./normalise.js";
import { parseYaml, toData } from "./parse.js";
import { SourceIndex } from "./positions.js";
import { isRecord } from "./raw.js";
import { readJobFile } from "./read.js";
import { checkRollout } from "./rollout.js";
import { jobFileSchema } from "./schema.js";
import { listInventoryShorthand } from "./target-specs.js";

export interface LoadJobOptions {
  /** `--var` values; they override the file's `vars:` defaults. */
  vars?: Readonly<Record<string, string>>;
}

export interface ParseJobOptions extends LoadJobOptions {
  /** The file name used in problems, as the user wrote it. */
  file: string;
}

/**
 * Reads, validates and normalises a job file, with its inventories read and expanded; throws one
 * JobValidationError with every problem.
 */
export async function loadJob(path: string, options: LoadJobOptions = {}): Promise<Job> {
  const text = await readJobFile(path);
  const job = parseJob(text, { ...options, file: path });
  job.file = resolve(path);
  return expandInventories(job);
}

/** The same as loadJob for text already in memory (no file-system access). */
export function parseJob(text: string, options: ParseJobOptions): Job {
  const { file } = options;
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const parsed = parseYaml(source, file);
  if (parsed.syntax.length > 0) throw new JobValidationError("JOB_YAML_SYNTAX", parsed.syntax);
  if (parsed.fatal) throw new JobValidationError("JOB_INVALID", parsed.structure);

  const converted = toData(parsed, file);
  if ("problem" in converted) throw invalid([...parsed.structure, converted.problem]);
  const raw = converted.data;
  const index = new SourceIndex(parsed.doc, parsed.lineCounter);
  if (!isRecord(raw)) throw invalid([...parsed.structure, notAMapping(file, raw, index)]);

  takeAsWritten(raw, index);
  listInventoryShorthand(raw);
  const result = jobFileSchema.safeParse(raw);
  const problems: Problem[] = [...parsed.structure];
  if (!result.success) {
    problems.push(...issuesToProblems(result.error.issues, jobFileSchema, raw, index, file));
  }
  const ctx: Context = { file, index, problems };
  const vars = resolveVars(raw, options.vars ?? {});
  checkTargets(ctx, raw);
  checkPercent(ctx, raw);
  checkRollout(ctx, raw);
  const commands = resolveCommands(ctx, raw, vars);
  resolveCheckFields(ctx, raw, result.success ? result.data : undefined, vars);
  checkReadOnly(ctx, raw, commands);
  if (problems.length > 0 || !result.success) throw invalid(problems);
  return buildJob(ctx, result.data, vars, commands);
}

function invalid(problems: Problem[]): JobValidationError {
  return new JobValidationError("JOB_INVALID", problems);
}

function notAMapping(file: string, data: unknown, index: SourceIndex): Problem {
  const [line, column] = index.positionOf([]);
  const message =
    data === null || data === undefined
      ? "the file is empty; a job needs at least `name`, `targets` and `steps`"
      : `the top level must be a mapping with \`name\`, \`targets\` and \`steps\`, got ${
          Array.isArray(data) ? "a list" : `the ${typeof data} ${JSON.stringify(data)}`
        }`;
  return { file, line, column, path: "", message };
}
