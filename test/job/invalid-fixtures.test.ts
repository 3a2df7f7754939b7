// biome-ignore-all lint/suspicious/noTemplateCurlyInString: messages quote the job-file syntax
// Every kind of bad input has a fixture, and its exact messages are pinned here: they are the
// user interface of `fanout validate`. A new fixture without an entry fails the last test.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblems, JobValidationError } from "../../src/job/errors.js";
import { loadJob } from "../../src/job/load.js";

const DIR = "test/fixtures/jobs/invalid";

// Per fixture: the error code and each problem as `line:column path: message`.
const EXPECTED: Record<string, { code: string; lines: string[] }> = {
  "alias-bomb": {
    code: "JOB_INVALID",
    lines: [
      "5:10: aliases expand too much (an alias bomb?); anchors and aliases are allowed up to 100 expansions",
    ],
  },
  "argv-not-scalars": {
    code: "JOB_INVALID",
    lines: [
      "8:21 steps[0].command[1]: must be a string (numbers and booleans are taken as written), got null",
      "8:27 steps[0].command[2]: must be a string (numbers and booleans are taken as written), got null",
      "8:30 steps[0].command[3]: must be a string (numbers and booleans are taken as written), got a list of 2",
      "8:38 steps[0].command[4]: must be a string (numbers and booleans are taken as written), got a mapping",
    ],
  },
  "bad-job-name": {
    code: "JOB_INVALID",
    lines: ['2:7 name: must be 1 to 100 letters, digits, "-", "_" or ".", got "env audit!"'],
  },
  "bad-uuid": {
    code: "JOB_INVALID",
    lines: [
      '5:10 targets[0].app: is not an application UUID the API accepts: the third group must start with 1-8 and the fourth with 8, 9, a or b, got "fb5e5168-4281-0bec-94c5-0d1584e9e657"',
      '8:10 targets[1].app: looks like a UUID but is not 8-4-4-4-12 hex digits; an application id must be a UUID, got "fb5e5168-4281-4bec-94c5-0d1584e9e65g"',
      '9:17 targets[1].processes[0]: looks like a UUID but is not 8-4-4-4-12 hex digits; a process id must be a UUID, got "0b7c3e4e-2f7a-4a7e-9c51-1d3f0e9b8a2"',
    ],
  },
  "bad-vars": {
    code: "JOB_INVALID",
    lines: [
      '4:3 vars["1st"]: the name must start with a letter or "_" and contain only letters, digits, "_" and "-", got "1st"',
      "5:7 vars.ok: must be a string (numbers and booleans are taken as written), got null",
      "6:9 vars.list: must be a string (numbers and booleans are taken as written), got a list of 1",
    ],
  },
  "binary-with-space": {
    code: "JOB_INVALID",
    lines: [
      '8:15 steps[0].command[0]: the binary "printenv NODE_ENV" contains a space; there is no shell, so write each argument as its own element: [printenv, NODE_ENV, ...]',
    ],
  },
  "command-empty": {
    code: "JOB_INVALID",
    lines: [
      "8:14 steps[0].command: must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV], got an empty list",
    ],
  },
  "command-not-a-list": {
    code: "JOB_INVALID",
    lines: [
      '8:14 steps[0].command: must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV], got "printenv NODE_ENV"',
    ],
  },
  "command-too-long": {
    code: "JOB_INVALID",
    lines: [
      "8:14 steps[0].command: must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV], got a list of 101",
    ],
  },
  "duplicate-key": {
    code: "JOB_INVALID",
    lines: [
      "7:5 targets[0].app: duplicate key (first written on line 5); each key may appear once",
      "11:1 timeout: duplicate key (first written on line 3); each key may appear once",
    ],
  },
  "duplicate-step-names": {
    code: "JOB_INVALID",
    lines: ["9:11 steps[1].name: step name already used by steps[0]; step names must be unique"],
  },
  "duplicate-target": {
    code: "JOB_INVALID",
    lines: [
      "7:14 targets[1].process: this process of this app is already a target at targets[0].processes[1]; list each process once",
    ],
  },
  "empty-binary": {
    code: "JOB_INVALID",
    lines: [
      "10:15 steps[0].command[0]: the binary (the first element) must not be empty",
      "12:15 steps[1].command[0]: the binary (the first element) must not be empty",
      '14:15 steps[2].command[0]: the binary (the first element) must not be empty (after substituting "${{ vars.nothing }}")',
    ],
  },
  empty: {
    code: "JOB_INVALID",
    lines: ["1:1: the file is empty; a job needs at least `name`, `targets` and `steps`"],
  },
  limits: {
    code: "JOB_INVALID",
    lines: [
      "3:14 concurrency: must be an integer from 1 to 1000 (requests in flight at once), got 0",
      "4:9 perApp: must be an integer of 1 or more (requests in flight at once per app), got 0",
      "5:10 retries: must be an integer from 0 to 20, got -1",
      '6:12 rateLimit: must be a rate like "30/min", "5/s" or "1000/hour" (requests per s, min or hour), got "30/day"',
      '7:14 maxFailures: a percentage must be above 0 and at most 100, got "150%"',
      "14:14 steps[0].retries: must be an integer from 0 to 20, got 21",
      '15:17 steps[0].idempotent: must be true or false, got "yes"',
      "16:24 steps[0].continueOnFailure: must be true or false, got 1",
    ],
  },
  "many-problems": {
    code: "JOB_INVALID",
    lines: [
      '3:7 name: must be 1 to 100 letters, digits, "-", "_" or ".", got "many problems"',
      "4:1 concurency: unknown key, did you mean `concurrency`?",
      "5:10 timeout: must be an integer from 1 to 60 (seconds), got 90",
      '7:10 targets[0].app: must be an application UUID or name, got ""',
      "11:14 steps[0].command: must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV], got an empty list",
      "12:11 steps[1].name: step name already used by steps[0]; step names must be unique",
      "13:25 steps[1].command[1]: unknown variable `vars.name`; no variables are defined (add `vars:` to the job or pass --var name=VALUE)",
    ],
  },
  "max-failures-kind": {
    code: "JOB_INVALID",
    lines: [
      '3:14 maxFailures: must be a count of failed targets (an integer, 0 or more) or a percentage like "10%" (above 0, at most 100), got "ten"',
    ],
  },
  "missing-nested": {
    code: "JOB_INVALID",
    lines: [
      "4:5 targets[0]: needs `app`, `apps: all` or `inventory`",
      '6:5 steps[0].name: is required and must be 1 to 100 letters, digits, "-", "_" or "."',
      "7:5 steps[1].command: is required and must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV]",
    ],
  },
  "missing-required": {
    code: "JOB_INVALID",
    lines: [
      '2:1 name: is required and must be 1 to 100 letters, digits, "-", "_" or "."',
      "2:1 targets: is required and must be a list of at least one target (or {inventory: FILE})",
      "2:1 steps: is required and must be a list of at least one step",
    ],
  },
  "multiple-documents": {
    code: "JOB_YAML_SYNTAX",
    lines: ["9:1: YAML: a job file holds one YAML document; remove the second `---`"],
  },
  "not-a-mapping": {
    code: "JOB_INVALID",
    lines: ["2:1: the top level must be a mapping with `name`, `targets` and `steps`, got a list"],
  },
  "process-and-processes": {
    code: "JOB_INVALID",
    lines: [
      "6:5 targets[0].processes: use either `process` or `processes`, not both",
      "7:5 targets[1]: needs `process` (one process UUID or key) or `processes` (a list of them, or all)",
      "10:16 targets[2].processes: must be a list of at least one process UUID or key, or all, got an empty list",
    ],
  },
  quoting: {
    code: "JOB_INVALID",
    lines: [
      '3:7 name: must be 1 to 100 letters, digits, "-", "_" or ".", got 2024 (a number; quote it to make it text: "2024")',
      '4:14 description: must be a string, got true (a boolean; quote it to make it text: "true")',
      '5:14 concurrency: must be an integer from 1 to 1000 (requests in flight at once), got "5" (text; write the number without quotes)',
    ],
  },
  "target-forms": {
    code: "JOB_INVALID",
    lines: [
      "5:5 targets[0].apps: use one of `app`, `apps` per target",
      '6:11 targets[1].apps: must be all (every app the key can see; narrow it with `where`), got "every"',
      '7:20 targets[1].where.name: must be a name pattern such as "billing-*" (* any characters, ? one), got ""',
      "7:36 targets[1].where.processKey: must be a list of at least one process key, e.g. [web, worker], got an empty list",
      "9:5 targets[2].processes: `processes` does not go with `apps`",
      "10:5 targets[3]: needs `app`, `apps: all` or `inventory`",
      "12:5 targets[4].label: `label` does not go with `inventory`",
      '15:15 targets[5].labels.process: the name must start with a letter and contain only letters, digits, "_", "-", "." and "/", and not be app, process or label (--limit uses those), got "process"',
      '15:29 targets[5].labels["1st"]: the name must start with a letter and contain only letters, digits, "_", "-", "." and "/", and not be app, process or label (--limit uses those), got "1st"',
    ],
  },
  "timeout-not-integer": {
    code: "JOB_INVALID",
    lines: [
      "3:10 timeout: must be an integer from 1 to 60 (seconds), got 1.5",
      '10:14 steps[0].timeout: must be an integer from 1 to 60 (seconds), got "10" (text; write the number without quotes)',
    ],
  },
  "timeout-range": {
    code: "JOB_INVALID",
    lines: [
      "3:10 timeout: must be an integer from 1 to 60 (seconds), got 0",
      "10:14 steps[0].timeout: must be an integer from 1 to 60 (seconds), got 61",
    ],
  },
  "too-deep": {
    code: "JOB_INVALID",
    lines: [
      `3:40 steps${"[0]".repeat(31)}: nested more than 32 levels deep; a job needs only a few`,
    ],
  },
  "unknown-alias": {
    code: "JOB_INVALID",
    lines: ["8:14 steps[0].command: unknown alias `*cmd`; define `&cmd` above it"],
  },
  "unknown-key": {
    code: "JOB_INVALID",
    lines: [
      "3:1 concurency: unknown key, did you mean `concurrency`?",
      "4:1 colour: unknown key; allowed here: version, name, description, concurrency, perApp, timeout, retries, rateLimit, maxFailures, rollout, vars, targets, steps, redact, readOnly, maxOutputBytes",
      "11:5 steps[0].retires: unknown key, did you mean `retries`?",
    ],
  },
  "unknown-var-none-defined": {
    code: "JOB_INVALID",
    lines: [
      "8:25 steps[0].command[1]: unknown variable `vars.name`; no variables are defined (add `vars:` to the job or pass --var name=VALUE)",
    ],
  },
  "unknown-var": {
    code: "JOB_INVALID",
    lines: [
      "11:25 steps[0].command[1]: unknown variable `vars.nmae`, did you mean `name`? (known: name, region)",
      "13:25 steps[1].command[1]: unknown variable `vars.colour`; known: name, region",
    ],
  },
  "unsupported-expression": {
    code: "JOB_INVALID",
    lines: [
      "8:25 steps[0].command[1]: unsupported expression `${{ env.HOME }}`; only `${{ vars.NAME }}` is supported",
      "10:21 steps[1].command[1]: `${{` without a closing `}}`",
    ],
  },
  "version-2": {
    code: "JOB_INVALID",
    lines: ["2:10 version: must be 1 (the job file versions this fanout understands), got 2"],
  },
  "yaml-syntax": {
    code: "JOB_YAML_SYNTAX",
    lines: [
      "9:3: YAML: flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  },
};

async function problemsOf(name: string): Promise<JobValidationError> {
  const error = await loadJob(`${DIR}/${name}.yaml`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobValidationError);
  return error as JobValidationError;
}

describe("invalid job fixtures", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}.yaml is refused with its pinned messages`, async () => {
      const error = await problemsOf(name);
      expect(error.code).toBe(expected.code);
      const file = `${DIR}/${name}.yaml`;
      expect(formatProblems(error.problems)).toBe(
        expected.lines.map((l) => `${file}:${l}`).join("\n"),
      );
      for (const p of error.problems) {
        expect(p.file).toBe(file);
        expect(p.line).toBeGreaterThan(0);
        expect(p.column).toBeGreaterThan(0);
      }
    });
  }

  it("has an expectation for every fixture file", () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.slice(0, -".yaml".length))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
});
