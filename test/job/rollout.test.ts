// The job file's `rollout:` list: accepted shapes and the pinned messages for the others.
import { describe, expect, it } from "vitest";
import { JobValidationError } from "../../src/job/errors.js";
import { parseJob } from "../../src/job/load.js";

const file = (rollout: string) =>
  [
    "name: canary",
    `rollout: ${rollout}`,
    "targets: [{app: a0000000-0000-4000-8000-000000000001, processes: all}]",
    "steps: [{name: clear, command: [php, artisan, cache:clear]}]",
    "",
  ].join("\n");

function problems(rollout: string): string[] {
  try {
    parseJob(file(rollout), { file: "job.yaml" });
  } catch (error) {
    if (!(error instanceof JobValidationError)) throw error;
    return error.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
  }
  throw new Error("expected the job to be refused");
}

describe("rollout in a job file", () => {
  it("is parsed into cumulative stages", () => {
    const job = parseJob(file('[1, 5, "10%", "100%"]'), { file: "job.yaml" });
    expect(job.rollout).toEqual([
      { kind: "count", value: 1 },
      { kind: "count", value: 5 },
      { kind: "percent", value: 10 },
      { kind: "percent", value: 100 },
    ]);
    expect(parseJob(file('["100%"]'), { file: "job.yaml" }).rollout).toHaveLength(1);
  });

  it("refuses other shapes with the rule", () => {
    const rule =
      'must be a list of cumulative stage sizes such as [1, "10%", "100%"]: target counts (1 or more), then percentages, the last "100%"';
    expect(problems("[]")).toEqual([`2:10 rollout: ${rule}, got an empty list`]);
    expect(problems('"10%"')).toEqual([`2:10 rollout: ${rule}, got "10%"`]);
    expect(problems('[0, "100%"]')).toEqual([`2:11 rollout[0]: ${rule}, got 0`]);
    expect(problems('[ten, "100%"]')).toEqual([`2:11 rollout[0]: ${rule}, got "ten"`]);
  });

  it("refuses stages out of order, out of range, or a last stage short of 100%", () => {
    expect(problems('[5, 2, "100%"]')).toEqual([
      "2:14 rollout[1]: each stage must be larger than the one before (sizes are cumulative), got 2 after 5",
    ]);
    expect(problems('["10%", 5, "100%"]')).toEqual([
      '2:18 rollout[1]: counts come before percentages, got 5 after "10%"',
    ]);
    expect(problems('["0%", "100%"]')).toEqual([
      '2:11 rollout[0]: a percentage must be above 0 and at most 100, got "0%"',
    ]);
    expect(problems('[1, "50%"]')).toEqual([
      '2:14 rollout[1]: the last stage must be "100%", so that every target runs once no stage failed, got "50%"',
    ]);
  });
});
