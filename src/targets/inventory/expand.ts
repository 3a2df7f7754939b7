// Replaces a job's inventory references with the inventories' targets. Each file is read once
// per job; the problems of every inventory (and every missing file) are reported together.
import { dirname, join } from "node:path";
import { JobValidationError, type Problem } from "../../job/errors.js";
import type { InventoryTargetSpec, Job, TargetSpec } from "../../job/model.js";
import { loadInventory } from "./load.js";

export async function expandInventories(job: Job): Promise<Job> {
  if (!job.targets.some((t) => "inventory" in t)) return job;
  const loaded = new Map<string, Promise<TargetSpec[]>>();
  const problems: Problem[] = [];
  const targets: TargetSpec[] = [];
  for (const spec of job.targets) {
    if (!("inventory" in spec)) {
      targets.push(spec);
      continue;
    }
    let pending = loaded.get(spec.path);
    if (!pending) {
      pending = loadInventory(spec.path, shownPath(spec));
      loaded.set(spec.path, pending);
    }
    try {
      targets.push(...(await pending));
    } catch (error) {
      if (!(error instanceof JobValidationError)) throw error;
      problems.push(...referenceProblems(spec, error));
    }
  }
  if (problems.length > 0) throw new JobValidationError("JOB_INVALID", dedupe(problems));
  return { ...job, targets };
}

/** The inventory as the user would name it: relative to where the job was named from. */
function shownPath(spec: InventoryTargetSpec): string {
  const jobFile = spec.position?.file;
  return jobFile ? join(dirname(jobFile), spec.inventory) : spec.path;
}

// A file that cannot be read is reported where the job names it; problems inside it, in it.
function referenceProblems(spec: InventoryTargetSpec, error: JobValidationError): Problem[] {
  const unreadable = error.problems.every((p) => p.line === 0);
  if (!unreadable || !spec.position) return [...error.problems];
  const { file, line, column } = spec.position;
  return error.problems.map((p) => ({
    file,
    line,
    column,
    path: "",
    message: `inventory ${p.file}: ${p.message}`,
  }));
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
