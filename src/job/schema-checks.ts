// The fleet-check fields of a job file (issue 6): a step's output filters and expectations, and
// the job's redaction, read-only guard and output budget. Kept apart from schema.ts so that the
// two grow independently; schema.ts spreads these into the step and the job. Patterns are checked
// as regular expressions (after ${{ vars }}) in check-fields.ts, with file:line:column.
import * as z from "zod";

export const CHECK_RULES = {
  pattern: "must be a regular expression (a string), matched line by line like grep",
  lines: "must be {head: N} or {tail: N}, N an integer of 0 or more",
  exitCode: "must be an exit code (an integer from 0 to 255) or a list of them",
  stream: "must be a mapping with `matches`, `notMatches`, `equals` and/or `contains`",
  number: "must be a mapping with `pattern` and `min` and/or `max`",
  bound: "must be a number",
  expect: "must be a mapping with `exitCode`, `stdout`, `stderr` and/or `number`",
  redact: "must be a list of regular expressions (strings)",
  maxOutputBytes: "must be an integer from 1024 to 16777216 (bytes kept per stream)",
  bool: "must be true or false",
  text: "must be a string",
} as const;

const pattern = () => z.string({ error: CHECK_RULES.pattern });
const count = (rule: string) =>
  z.number({ error: rule }).int({ error: rule }).min(0, { error: rule });
const exitCode = z
  .number({ error: CHECK_RULES.exitCode })
  .int({ error: CHECK_RULES.exitCode })
  .min(0, { error: CHECK_RULES.exitCode })
  .max(255, { error: CHECK_RULES.exitCode });

const stream = z
  .strictObject(
    {
      matches: pattern().optional().describe("Some line matches this pattern."),
      notMatches: pattern().optional().describe("No line matches this pattern."),
      equals: z
        .string({ error: CHECK_RULES.text })
        .optional()
        .describe("The whole output equals this (trailing newlines ignored)."),
      contains: z
        .string({ error: CHECK_RULES.text })
        .optional()
        .describe("The output contains this text."),
    },
    { error: CHECK_RULES.stream },
  )
  .describe("Expectations on the (filtered) output; they see it before redaction.");

export const expectSchema = z
  .strictObject(
    {
      exitCode: z
        .union([exitCode, z.array(exitCode, { error: CHECK_RULES.exitCode }).min(1)], {
          error: CHECK_RULES.exitCode,
        })
        .optional()
        .describe("Exit codes that count as success. Default 0."),
      stdout: stream.optional(),
      stderr: stream.optional(),
      number: z
        .strictObject(
          {
            pattern: pattern().describe("Finds the numbers in stdout; group 1 if it has one."),
            min: z.number({ error: CHECK_RULES.bound }).optional(),
            max: z.number({ error: CHECK_RULES.bound }).optional(),
          },
          { error: CHECK_RULES.number },
        )
        .optional()
        .describe(
          'Threshold: every number found within [min, max], e.g. {pattern: "(\\\\d+)%", max: 90}.',
        ),
    },
    { error: CHECK_RULES.expect },
  )
  .describe("What counts as success; a miss makes the result `failed` and says which one.");

const redact = z
  .array(pattern(), { error: CHECK_RULES.redact })
  .describe("Extra patterns whose matches are replaced by [redacted], beside the defaults.");

/** Spread into the step schema. */
export const stepCheckFields = {
  grep: pattern().optional().describe("Keep only the stdout lines matching this pattern."),
  grepInvert: pattern().optional().describe("Drop the stdout lines matching this pattern."),
  lines: z
    .strictObject(
      { head: count(CHECK_RULES.lines).optional(), tail: count(CHECK_RULES.lines).optional() },
      { error: CHECK_RULES.lines },
    )
    .optional()
    .describe("Keep the first (head) or last (tail) N lines of stdout."),
  trim: z
    .boolean({ error: CHECK_RULES.bool })
    .optional()
    .describe("Trim whitespace around stdout (the output as a value)."),
  expect: expectSchema.optional(),
  redact: redact.optional(),
};

/** Spread into the job schema. */
export const jobCheckFields = {
  redact: redact.optional(),
  readOnly: z
    .boolean({ error: CHECK_RULES.bool })
    .optional()
    .describe("Refuse, before sending anything, steps whose binary is not read-only."),
  maxOutputBytes: z
    .number({ error: CHECK_RULES.maxOutputBytes })
    .int({ error: CHECK_RULES.maxOutputBytes })
    .min(1024, { error: CHECK_RULES.maxOutputBytes })
    .max(16 * 1024 * 1024, { error: CHECK_RULES.maxOutputBytes })
    .optional()
    .describe("Bytes of stdout and of stderr kept per result (head and tail). Default 65536."),
};
