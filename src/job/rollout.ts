// `rollout:` beyond what the schema sees one value at a time: percentages in range, stages in
// increasing order (counts first, since a count and a percentage compare only once the targets are
// known), and a last stage of "100%" so that a rollout that is not halted runs every target.
import type { Context } from "./checks.js";
import { formatPath, type PathSegment } from "./errors.js";
import type { RolloutStage } from "./model.js";
import type { Raw } from "./raw.js";
import { PERCENT_PATTERN } from "./schema.js";

export const ROLLOUT_RULES = {
  percent: "a percentage must be above 0 and at most 100",
  order: "each stage must be larger than the one before (sizes are cumulative)",
  countAfterPercent: "counts come before percentages",
  last: 'the last stage must be "100%", so that every target runs once no stage failed',
} as const;

/** One stage as the schema accepted it, or undefined when the schema refused its shape. */
function stageOf(value: unknown): RolloutStage | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1)
    return { kind: "count", value };
  const m = typeof value === "string" ? PERCENT_PATTERN.exec(value) : null;
  return m ? { kind: "percent", value: Number(m[1]) } : undefined;
}

export function checkRollout(ctx: Context, raw: Raw): void {
  const stages = raw.rollout;
  if (!Array.isArray(stages) || stages.length === 0) return;
  const problem = (i: number, rule: string, after = false) => {
    const path: PathSegment[] = ["rollout", i];
    const [line, column] = ctx.index.positionOf(path);
    const got =
      JSON.stringify(stages[i]) + (after ? ` after ${JSON.stringify(stages[i - 1])}` : "");
    const message = `${rule}, got ${got}`;
    ctx.problems.push({ file: ctx.file, line, column, path: formatPath(path), message });
  };
  let previous: RolloutStage | undefined;
  stages.forEach((value, i) => {
    const stage = stageOf(value);
    if (!stage) return; // the schema reported it
    if (stage.kind === "percent" && (stage.value <= 0 || stage.value > 100)) {
      problem(i, ROLLOUT_RULES.percent);
    } else if (previous?.kind === "percent" && stage.kind === "count") {
      problem(i, ROLLOUT_RULES.countAfterPercent, true);
    } else if (previous?.kind === stage.kind && stage.value <= previous.value) {
      problem(i, ROLLOUT_RULES.order, true);
    }
    previous = stage;
  });
  const last = stageOf(stages[stages.length - 1]);
  if (last && !(last.kind === "percent" && last.value === 100)) {
    problem(stages.length - 1, ROLLOUT_RULES.last);
  }
}

/** The stages of a file that passed every check. */
export function parseRollout(values: readonly (number | string)[]): RolloutStage[] {
  return values.map((v) => stageOf(v) as RolloutStage);
}
