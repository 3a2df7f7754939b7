// Answers grouped by output, shown after the table: the handful of distinct outputs of a step,
// majority first, with the deviants named (`×118 production`, `×2 staging — billing/web, ...`).
import { worthShowing } from "../checks/group.js";
import { oneLine, truncate } from "./format.js";
import type { OutputGroup, Report, StepGroups } from "./model.js";

export interface GroupsOptions {
  /** `--group`: every step, not only those the display rule picks. */
  all?: boolean;
  width?: number;
  /** Lines of a multi-line output shown per group. Default 5. */
  maxLines?: number;
  /** Targets named per group. Default 8. */
  maxNames?: number;
}

/** The steps to show: all with `all`, else those with ≤ 5 distinct outputs, one of them shared. */
export function groupsToShow(report: Report, all = false): StepGroups[] {
  return report.groups.filter((s) => s.answered > 0 && (all || worthShowing(s)));
}

export function renderGroups(report: Report, options: GroupsOptions = {}): string {
  const steps = groupsToShow(report, options.all);
  return steps.map((s) => renderStep(s, options)).join("\n\n");
}

function renderStep(s: StepGroups, options: GroupsOptions): string {
  const width = Math.max(20, options.width ?? 100);
  const noun = s.distinct === 1 ? "output" : "distinct outputs";
  const head = `${s.step}: ${s.answered} ${s.answered === 1 ? "answer" : "answers"}, ${s.distinct} ${noun}`;
  const lines = [head];
  s.groups.forEach((g, i) => {
    lines.push(...renderGroup(g, i === 0, width, options));
  });
  return lines.join("\n");
}

function renderGroup(g: OutputGroup, majority: boolean, width: number, o: GroupsOptions): string[] {
  const count = `×${g.count}`.padStart(6);
  const exit = g.exitCode === 0 ? "" : ` (exit ${g.exitCode})`;
  // The majority (or the only group) needs no names: it is "everyone else". Deviants and small
  // groups do.
  const names = majority && g.count > 3 ? "" : ` — ${namesOf(g, o.maxNames ?? 8)}`;
  const text = g.output.replace(/(\r?\n)+$/, "");
  const outLines = text === "" ? ["(empty)"] : text.split(/\r?\n/);
  const cut = (line: string, room: number) => truncate(oneLine(line), Math.max(10, room));
  if (outLines.length === 1) {
    return [cut(`${count}  ${outLines[0]}${exit}${names}`, width)];
  }
  const max = o.maxLines ?? 5;
  const shown = outLines.slice(0, max).map((l) => cut(`        ${l}`, width));
  if (outLines.length > max) shown.push(`        … ${outLines.length - max} more lines`);
  return [cut(`${count}  ${outLines.length} lines${exit}${names}`, width), ...shown];
}

function namesOf(g: OutputGroup, max: number): string {
  const names = g.targets.slice(0, max).map((t) => t.name);
  return names.join(", ") + (g.targets.length > max ? ` +${g.targets.length - max} more` : "");
}
