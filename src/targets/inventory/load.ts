// Reading an inventory file with the job loader's machinery: the same YAML checks, the same
// problems with file:line:column, the same target rules (minus nesting inventories).
import { JobValidationError, type Problem } from "../../job/errors.js";
import { issuesToProblems } from "../../job/issues.js";
import type { TargetSpec } from "../../job/model.js";
import { parseYaml, toData } from "../../job/parse.js";
import { SourceIndex } from "../../job/positions.js";
import { isRecord } from "../../job/raw.js";
import { readJobFile } from "../../job/read.js";
import { checkTargetEntries } from "../../job/target-checks.js";
import { buildTargetSpec } from "../../job/target-specs.js";
import { inventoryFileSchema } from "./schema.js";

/** The inventory's targets; `file` is the name used in problems (as the user would write it). */
export async function loadInventory(path: string, file: string): Promise<TargetSpec[]> {
  let text: string;
  try {
    text = await readJobFile(path);
  } catch (error) {
    if (!(error instanceof JobValidationError)) throw error;
    throw new JobValidationError(
      error.code,
      error.problems.map((p) => ({ ...p, file })),
    );
  }
  return parseInventory(text, file);
}

export function parseInventory(text: string, file: string): TargetSpec[] {
  const parsed = parseYaml(text.startsWith("\uFEFF") ? text.slice(1) : text, file);
  if (parsed.syntax.length > 0) throw new JobValidationError("JOB_YAML_SYNTAX", parsed.syntax);
  if (parsed.fatal) throw new JobValidationError("JOB_INVALID", parsed.structure);
  const converted = toData(parsed, file);
  if ("problem" in converted) {
    throw new JobValidationError("JOB_INVALID", [...parsed.structure, converted.problem]);
  }
  const raw = converted.data;
  const index = new SourceIndex(parsed.doc, parsed.lineCounter);
  const problems: Problem[] = [...parsed.structure];
  if (!isRecord(raw)) {
    const [line, column] = index.positionOf([]);
    problems.push({
      file,
      line,
      column,
      path: "",
      message: "an inventory must be a mapping with `targets`",
    });
    throw new JobValidationError("JOB_INVALID", problems);
  }
  const result = inventoryFileSchema.safeParse(raw);
  if (!result.success) {
    problems.push(...issuesToProblems(result.error.issues, inventoryFileSchema, raw, index, file));
  }
  checkTargetEntries({ file, index, problems }, raw.targets, false);
  if (problems.length > 0 || !result.success) throw new JobValidationError("JOB_INVALID", problems);
  return result.data.targets.map((t, i) => {
    const [line, column] = index.positionOf(["targets", i]);
    return buildTargetSpec(t, file, { file, line, column });
  });
}
