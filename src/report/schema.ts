// The JSON report's schema in zod: the single source of schema/report.schema.json (a test keeps the
// file current) and a runtime check for tests and for readers of a report from disk.
import { z } from "zod";
import type { Report } from "./model.js";

const status = z
  .enum(["ok", "failed", "error", "skipped", "cancelled"])
  .describe(
    "ok: answered as expected; failed: answered, but with an unexpected exit code or output; " +
      "error: no answer (HTTP error, network, retries exhausted); skipped: an earlier step on the " +
      "target did not succeed; cancelled: interrupted or stopped by the failure threshold first.",
  );

const count = z.number().int().min(0);

export const ResultErrorSchema = z
  .object({
    code: z.string().describe("Stable code, e.g. API_FORBIDDEN, TIMEOUT, SKIPPED, CANCELLED."),
    message: z.string(),
    httpStatus: z.number().int().nullable().describe("HTTP status when the API answered."),
    class: z
      .enum(["permanent", "notExecuted", "ambiguous"])
      .nullable()
      .describe("Failure class (DESIGN.md); null for runner codes such as SKIPPED."),
  })
  .describe("Why a step is not ok; null for ok results and for failed answers without a reason.");

export const ExpectationMissSchema = z
  .object({
    check: z
      .string()
      .describe(
        "exitCode, stdout.matches, stdout.notMatches, stdout.equals, stdout.contains, the same for stderr, or number.",
      ),
    expected: z.string().describe("What was expected, in words."),
    seen: z.string().describe("What was seen instead: redacted, at most 200 characters."),
  })
  .describe("The expectation a failed answer missed.");

export const TruncationSchema = z
  .object({
    stdout: z.boolean(),
    stderr: z.boolean(),
    originalBytes: z
      .object({ stdout: count, stderr: count })
      .describe("UTF-8 sizes before the cut (after filters and redaction)."),
  })
  .describe("Set when a stream was cut to maxOutputBytes, keeping its head and its tail.");

export const StepResultSchema = z
  .object({
    app: z.string().describe("Application id."),
    appName: z.string().nullable(),
    process: z.string().describe("Process id."),
    processKey: z.string().nullable().describe("Process key such as web or worker, when known."),
    label: z.string().nullable().describe("The target's label from the job file."),
    step: z.string().describe("Step name."),
    command: z.array(z.string()).readonly().describe("argv as sent."),
    status,
    exitCode: z.number().int().nullable().describe("null when there was no answer."),
    stdout: z.string(),
    stderr: z.string(),
    attempts: count.describe("Requests sent for this step (0 when skipped or cancelled)."),
    durationMs: z.number().min(0),
    requestId: z
      .string()
      .nullable()
      .describe("x-request-id of the last response: quote to support."),
    error: ResultErrorSchema.nullable(),
    filtered: z.boolean().describe("stdout was shaped by the step's filters (grep, lines, trim)."),
    redacted: z.boolean().describe("Redaction replaced something in this result's output."),
    truncated: TruncationSchema.nullable(),
    expectation: ExpectationMissSchema.nullable(),
    resumed: z
      .boolean()
      .optional()
      .describe(
        "Present (true) only when the result was reused from a ledger (--resume) or an earlier report (--rerun-failed), not sent in this run.",
      ),
  })
  .describe("Exactly one per planned (target, step); the same keys whatever the status.");

export const StepGroupsSchema = z
  .object({
    step: z.string(),
    answered: count.describe("Results of this step with an answer (ok or failed)."),
    distinct: count.describe("Distinct outputs = groups.length."),
    groups: z.array(
      z.object({
        output: z.string().describe("The (filtered, redacted) stdout shared by these targets."),
        exitCode: z.number().int(),
        count: count,
        targets: z.array(z.object({ app: z.string(), process: z.string(), name: z.string() })),
      }),
    ),
  })
  .describe("One step's answers grouped by identical output, majority first.");

export const ReportSummarySchema = z.object({
  targets: count,
  total: count.describe("Planned (target, step) pairs = results.length."),
  ok: count,
  failed: count,
  error: count,
  skipped: count,
  cancelled: count,
  exitCodes: z.record(z.string(), count).describe('Answers by exit code, e.g. {"0": 118, "1": 2}.'),
});

export const RolloutSchema = z
  .object({
    stages: z.array(
      z.object({
        stage: count.describe("1-based."),
        size: z.string().describe('As written in the job: "1", "10%", "100%".'),
        targets: count.describe("Targets this stage added (not cumulative)."),
        failedTargets: count.describe("Targets of this stage with a failed or error step."),
        allowedFailures: count.describe(
          "The stage's budget: maxFailures applied to its own targets (0 by default).",
        ),
        status: z.enum(["passed", "halted", "interrupted", "notRun"]),
      }),
    ),
    stoppedAtStage: count
      .nullable()
      .describe("The stage whose failures passed its budget (1-based); null when none did."),
  })
  .describe("Only for a job with `rollout`: the canary stages and the one that stopped the run.");

export const ReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.string(), version: z.string() }),
    job: z.object({ name: z.string(), file: z.string().nullable() }),
    startedAt: z.string().describe("ISO 8601 UTC."),
    finishedAt: z.string().describe("ISO 8601 UTC."),
    durationMs: z.number().min(0),
    interrupted: z
      .boolean()
      .describe(
        "true when a signal stopped the run (stoppedBy: signal); a failure-threshold stop leaves it false.",
      ),
    stoppedBy: z
      .enum(["threshold", "signal"])
      .nullable()
      .describe("Why the run stopped early: the failure threshold or a signal; null otherwise."),
    summary: ReportSummarySchema,
    results: z.array(StepResultSchema),
    groups: z.array(StepGroupsSchema).describe("Per step, answers grouped by output."),
    rollout: RolloutSchema.optional(),
  })
  .meta({
    title: "fanout report",
    description:
      "The JSON report written by `fanout run` (schemaVersion 1). Fields are only ever added; " +
      "a breaking change gets a new schemaVersion.",
  });

/** The JSON Schema (draft 2020-12) of the report; unknown keys are allowed (fields get added). */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportSchema, { io: "input" });
}

/** Parse an unknown value (e.g. a report read from disk) as a Report, or throw a ZodError. */
export function parseReport(value: unknown): Report {
  return ReportSchema.parse(value) as Report;
}

// Compile-time proof that the zod schema and the TypeScript model describe the same shape.
type Infer = z.infer<typeof ReportSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<Infer, Report> = true;
void _sameShape;
