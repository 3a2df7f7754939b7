// The job file as written (format version 1): the single source of the raw TypeScript types, the
// validator and schema/job.schema.json. Every check carries the rule it enforces as its message;
// issues.ts appends what was actually written. Defaults that depend on other fields (a step's
// timeout inherits the job's) are applied in normalise.ts, not here.
import * as z from "zod";
import { ID_OR_NAME_PATTERN, idRule } from "./ids.js";
import { jobCheckFields, stepCheckFields } from "./schema-checks.js";

export const SUPPORTED_VERSIONS = [1] as const;

export const NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
export const VAR_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
export const RATE_LIMIT_PATTERN = /^([1-9][0-9]*)\/(s|sec|second|min|minute|h|hour)$/;
export const PERCENT_PATTERN = /^([0-9]+(?:\.[0-9]+)?)%$/;

export const RULES = {
  version: `must be ${SUPPORTED_VERSIONS.join(" or ")} (the job file versions this fanout understands)`,
  name: `must be 1 to 100 letters, digits, "-", "_" or "."`,
  text: "must be a string",
  concurrency: "must be an integer from 1 to 1000 (requests in flight at once)",
  perApp: "must be an integer of 1 or more (requests in flight at once per app)",
  timeout: "must be an integer from 1 to 60 (seconds)",
  retries: "must be an integer from 0 to 20",
  rateLimit: `must be a rate like "30/min", "5/s" or "1000/hour" (requests per s, min or hour)`,
  maxFailures: `must be a count of failed targets (an integer, 0 or more) or a percentage like "10%" (above 0, at most 100)`,
  rollout: `must be a list of cumulative stage sizes such as [1, "10%", "100%"]: target counts (1 or more), then percentages, the last "100%"`,
  vars: "must be a mapping of variable names to values",
  varName: `must start with a letter or "_" and contain only letters, digits, "_" and "-"`,
  scalar: "must be a string (numbers and booleans are taken as written)",
  targets: "must be a list of at least one target (or {inventory: FILE})",
  target:
    "must be a mapping with `app` and `process` or `processes`, or `apps: all`, or `inventory`",
  processes: "must be a list of at least one process UUID or key, or all",
  apps: "must be all (every app the key can see; narrow it with `where`)",
  where: "must be a mapping with `name` (a glob), `processKey` (a list of keys) and/or `type`",
  glob: 'must be a name pattern such as "billing-*" (* any characters, ? one)',
  processKeys: "must be a list of at least one process key, e.g. [web, worker]",
  inventory: "must be the path of an inventory file (YAML), relative to the job file",
  labels: "must be a mapping of label names to values, e.g. {env: production}",
  labelName: `must start with a letter and contain only letters, digits, "_", "-", "." and "/", and not be app, process or label (--limit uses those)`,
  steps: "must be a list of at least one step",
  step: "must be a mapping with `name` and `command`",
  command:
    "must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV]",
  bool: "must be true or false",
} as const;

const int = (min: number, max: number | undefined, rule: string) => {
  const n = z.number({ error: rule }).int({ error: rule }).min(min, { error: rule });
  return max === undefined ? n : n.max(max, { error: rule });
};
const text = () => z.string({ error: RULES.text });
const name = () => z.string({ error: RULES.name }).regex(NAME_PATTERN, { error: RULES.name });
const bool = () => z.boolean({ error: RULES.bool });
// A string, or a number/boolean whose source text is used as written (see normalise.ts).
const scalar = () =>
  z
    .union([z.string(), z.number(), z.boolean()], { error: RULES.scalar })
    .describe("A string; a number or boolean is taken exactly as written.");

// An id or a name: the pattern lets editors flag a UUID with a wrong digit; the refine adds the
// loader's subtler checks (a mangled UUID is a slip, not a name) with idRule's message.
const idOrName = (what: "application" | "process") => {
  const rule = `must be ${article(what)} ${what} UUID or ${what === "application" ? "name" : "key"}`;
  const message = (input: unknown) => idRule(String(input), what) ?? rule;
  return z
    .string({ error: rule })
    .regex(new RegExp(ID_OR_NAME_PATTERN), { error: (iss) => message(iss.input) })
    .refine((v) => idRule(v, what) === undefined, { error: (iss) => message(iss.input) });
};
const article = (what: string) => (what === "application" ? "an" : "a");

/** Label names; app, process and label are the --limit keys of the target itself. */
export const LABEL_NAME_PATTERN = /^(?!(?:app|process|label)$)[A-Za-z][A-Za-z0-9_./-]*$/;

export const labelsSchema = z
  .record(z.string().regex(LABEL_NAME_PATTERN, { error: RULES.labelName }), scalar(), {
    error: RULES.labels,
  })
  .describe("Labels for --limit NAME=VALUE, e.g. {env: production, team: billing}.");

const whereSchema = z
  .strictObject(
    {
      name: z
        .string({ error: RULES.glob })
        .min(1, { error: RULES.glob })
        .optional()
        .describe("Glob over app names and display names: * any characters, ? one."),
      processKey: z
        .array(text(), { error: RULES.processKeys })
        .min(1, { error: RULES.processKeys })
        .optional()
        .describe("Keep only these process keys."),
      type: text().optional().describe("Keep only processes of this type."),
    },
    { error: RULES.where },
  )
  .describe("Narrows `apps: all`.");

/** The fields of a target entry, shared with inventory files (which have no `inventory`). */
export const targetFields = {
  app: idOrName("application").optional().describe("Application UUID or name."),
  process: idOrName("process").optional().describe("One process of the app: UUID or key."),
  processes: z
    .union([z.literal("all"), z.array(idOrName("process")).min(1, { error: RULES.processes })], {
      error: RULES.processes,
    })
    .optional()
    .describe("Several processes of the app (UUIDs or keys), or all of them."),
  apps: z
    .literal("all", { error: RULES.apps })
    .optional()
    .describe("Every app the key can see (with `where`)."),
  where: whereSchema.optional(),
  label: text().optional().describe("Display name for reports."),
  labels: labelsSchema.optional(),
};

export const targetSchema = z
  .strictObject(
    {
      ...targetFields,
      inventory: text()
        .min(1, { error: RULES.inventory })
        .optional()
        .describe("An inventory file's targets, path relative to this file."),
    },
    { error: RULES.target },
  )
  .describe("An app and its processes, `apps: all`, or an inventory file.");

// `targets: {inventory: FILE}` is written as a list of that one entry before validation
// (target-specs.ts, listInventoryShorthand): a union here would hide the entries' own problems
// behind one "must be a list" whenever an entry has a wrong literal. emit-schema.ts adds the
// shorthand to the JSON Schema for editors.
const targetsSchema = z
  .array(targetSchema, { error: RULES.targets })
  .min(1, { error: RULES.targets })
  .describe("Where the steps run: a list of targets, or {inventory: FILE}.");

export const stepSchema = z
  .strictObject(
    {
      name: name().describe("Unique within the job: letters, digits, - _ ."),
      command: z
        .array(scalar(), { error: RULES.command })
        .min(1, { error: RULES.command })
        .max(100, { error: RULES.command })
        .describe(
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the job-file syntax, not a template
          "argv, 1..100 elements, the binary first; no shell. ${{ vars.NAME }} is replaced.",
        ),
      timeout: int(1, 60, RULES.timeout).optional().describe("Seconds, 1..60; default: the job's."),
      retries: int(0, 20, RULES.retries)
        .optional()
        .describe("Retries of transient failures per request; default: the job's."),
      idempotent: bool()
        .optional()
        .describe("Safe to send twice; default: decided by the binary (read-only ones are)."),
      continueOnFailure: bool()
        .optional()
        .describe("Run the target's later steps even when this one fails. Default false."),
      ...stepCheckFields,
    },
    { error: RULES.step },
  )
  .describe("A command run on every target, in order.");

export const jobFileSchema = z
  .strictObject({
    version: z
      .literal(1, { error: RULES.version })
      .optional()
      .describe("Job file format version. Default 1."),
    name: name().describe("Job name: letters, digits, - _ ."),
    description: text().optional().describe("Free text."),
    concurrency: int(1, 1000, RULES.concurrency)
      .optional()
      .describe("Requests in flight at once. Default 10."),
    perApp: int(1, undefined, RULES.perApp)
      .optional()
      .describe("Requests in flight at once per app. Default: no per-app cap."),
    timeout: int(1, 60, RULES.timeout)
      .optional()
      .describe("Seconds, 1..60, sent to the API. Default 15."),
    retries: int(0, 20, RULES.retries)
      .optional()
      .describe("Retries of transient failures per request. Default 3."),
    rateLimit: z
      .string({ error: RULES.rateLimit })
      .regex(RATE_LIMIT_PATTERN, { error: RULES.rateLimit })
      .optional()
      .describe('Client-side request budget, e.g. "30/min", "5/s", "1000/hour".'),
    maxFailures: z
      .union(
        [
          int(0, undefined, RULES.maxFailures),
          z
            .string({ error: RULES.maxFailures })
            .regex(PERCENT_PATTERN, { error: RULES.maxFailures }),
        ],
        { error: RULES.maxFailures },
      )
      .optional()
      .describe('Stop starting targets after this many failed: a count or a percentage "10%".'),
    rollout: z
      .array(
        z.union(
          [
            int(1, undefined, RULES.rollout),
            z.string({ error: RULES.rollout }).regex(PERCENT_PATTERN, { error: RULES.rollout }),
          ],
          { error: RULES.rollout },
        ),
        { error: RULES.rollout },
      )
      .min(1, { error: RULES.rollout })
      .optional()
      .describe(
        'Canary stages, cumulative: e.g. [1, "10%", "100%"] runs 1 target, then up to 10% of them, then all. ' +
          "A stage starts only when the previous one ended within maxFailures (applied to each stage's own " +
          "targets; default 0 with a rollout); otherwise the later stages are cancelled (ROLLOUT_HALTED). Counts " +
          'first, then percentages, each larger than the one before; the last must be "100%".',
      ),
    vars: z
      .record(z.string().regex(VAR_NAME_PATTERN, { error: RULES.varName }), scalar(), {
        error: RULES.vars,
      })
      .optional()
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the job-file syntax, not a template
      .describe("Defaults for ${{ vars.NAME }}; --var NAME=VALUE overrides."),
    targets: targetsSchema,
    steps: z
      .array(stepSchema, { error: RULES.steps })
      .min(1, { error: RULES.steps })
      .describe("Run in order on each target."),
    ...jobCheckFields,
  })
  .meta({ title: "fanout job file, version 1" });

/** The job file as written, after validation and before normalisation. */
export type JobFile = z.output<typeof jobFileSchema>;
export type TargetEntry = z.output<typeof targetSchema>;
export type StepEntry = z.output<typeof stepSchema>;
