// The fleet-check fields of a job file: what the loader makes of them, and every problem it
// reports, pinned with its file:line:column.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JobValidationError } from "../../src/job/errors.js";
import { loadJob, parseJob } from "../../src/job/load.js";

const DIR = "test/fixtures/checks";

describe("job file: fleet-check fields", () => {
  it("normalises every field, vars substituted in patterns and expected texts", async () => {
    const job = await loadJob(`${DIR}/valid-checks.yaml`);
    expect(job).toMatchObject({ readOnly: true, maxOutputBytes: 4096, redact: ["card=\\d+"] });
    expect(job.steps[0]).toMatchObject({
      filter: { grep: "^NODE_ENV=", grepInvert: "^PATH=", lines: { tail: 5 }, trim: true },
      redact: ["internal-\\w+"],
      expect: {
        exitCode: [0, 1],
        stdout: {
          matches: "^NODE_ENV=production$",
          notMatches: "staging",
          equals: "NODE_ENV=production",
          contains: "=",
        },
        stderr: { equals: "" },
        number: { pattern: "(\\d+)%", max: 90 },
      },
    });
    // A step without checks keeps the plain "exit code 0" behaviour: nothing is set.
    expect(Object.keys(job.steps[1] ?? {})).not.toContain("expect");
    expect(Object.keys(job.steps[1] ?? {})).not.toContain("filter");
    const other = await loadJob(`${DIR}/valid-checks.yaml`, { vars: { expected: "staging" } });
    expect(other.steps[0]?.expect?.stdout?.equals).toBe("NODE_ENV=staging");
  });

  it("refuses bad patterns, bad shapes and non-read-only steps of a readOnly job, each where written", () => {
    const file = `${DIR}/invalid-checks.yaml`;
    let error: unknown;
    try {
      parseJob(readFileSync(file, "utf8"), { file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobValidationError);
    const lines = (error as JobValidationError).message.split("\n").slice(1);
    expect(lines).toEqual([
      `${file}:7:10 redact[0]: is not a valid regular expression (/[a-/u: Unterminated character class), got "[a-"`,
      `${file}:11:11 steps[0].grep: is not a valid regular expression (/(/u: Unterminated group), got "("`,
      `${file}:12:17 steps[0].grepInvert: is not a valid regular expression (/x{2,1}/u: numbers out of order in {} quantifier), got "x{2,1}"`,
      `${file}:13:22 steps[0].lines.tail: use either \`head\` or \`tail\`, not both`,
      `${file}:15:17 steps[0].expect.exitCode: must be an exit code (an integer from 0 to 255) or a list of them, got 300`,
      `${file}:16:25 steps[0].expect.stdout.matches: is not a valid regular expression (/a)/u: Unmatched ')'), got "a)"`,
      `${file}:16:31 steps[0].expect.stdout.equalz: unknown key, did you mean \`equals\`?`,
      `${file}:17:25 steps[0].expect.number.pattern: is not a valid regular expression (/(\\d+/u: Unterminated group), got "(\\\\d+"`,
      `${file}:17:47 steps[0].expect.number.max: must be at least min (5), got 1`,
      `${file}:19:15 steps[1].command[0]: the job is readOnly: step "b" runs \`touch\`, which is not read-only; a read-only run allows only env, printenv, cat, ls, ps, grep, head, tail, df, du, wc, echo, hostname, whoami, id, uname, date, true, false, stat, find, which, test`,
      `${file}:20:12 steps[1].lines: needs \`head: N\` or \`tail: N\``,
      `${file}:22:15 steps[1].expect.number: needs \`min\` and/or \`max\` (the numbers allowed)`,
    ]);
  });

  it("reports a pattern that only breaks after substitution, at the pattern", () => {
    const text = [
      "name: t",
      "vars: {p: '('}",
      "targets: [{app: a0000000-0000-4000-8000-000000000001, process: b0000000-0000-4000-8000-000100000001}]",
      "steps:",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the job-file syntax, not a template
      "  - {name: a, command: [env], grep: '^${{ vars.p }}'}",
      "",
    ].join("\n");
    expect(() => parseJob(text, { file: "v.yaml" })).toThrow(
      'v.yaml:5:37 steps[0].grep: is not a valid regular expression (/^(/u: Unterminated group), got "^("',
    );
  });
});
