import { z } from "zod";

// The fleet file's single source of truth: TS types and schema/fleet.schema.json come from here.

/** The API's documented id pattern (path parameters of every endpoint). */
export const UUID_PATTERN =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

const uuid = z.string().regex(UUID_PATTERN, "must be a UUID matching the API's id pattern");
const probability = z.number().min(0).max(1);
const ms = z.number().int().min(0);

const process = z
  .object({
    id: uuid,
    key: z.string().min(1).describe("Process key, e.g. web, worker, cron."),
    type: z.string().default("web"),
    display_name: z.string().optional(),
    entrypoint: z.string().default("npm start"),
    hostname: z.string().optional().describe("Answer of `hostname`; derived from app and key."),
    cwd: z.string().default("/app").describe("Working directory for relative paths."),
    env: z.record(z.string(), z.string()).default({}),
    files: z
      .record(z.string(), z.string())
      .default({})
      .describe("Absolute path -> content. A path ending in / declares an empty directory."),
    ps: z.string().optional().describe("Verbatim output of `ps`."),
    df: z.string().optional().describe("Verbatim output of `df`."),
  })
  .strict();

const app = z
  .object({
    id: uuid,
    name: z.string().min(1),
    display_name: z.string().optional(),
    status: z.string().default("deployed"),
    type: z.string().default("app"),
    processes: z.array(process).default([]),
  })
  .strict();

const key = z
  .object({
    token: z.string().min(8),
    permission: z.enum(["read", "write"]),
    company: z.string().default("default").describe("Rate limits are counted per company."),
  })
  .strict();

const latency = z.union([
  ms.describe("Fixed delay in milliseconds."),
  z.object({ min: ms, max: ms }).strict().describe("Uniform between min and max ms."),
  z.object({ mean: ms, jitter: ms }).strict().describe("Uniform in mean ± jitter ms."),
]);

const rateLimit = z.union([
  z.literal("off"),
  z.object({ limit: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).strict(),
]);

const faults = z
  .object({
    routes: z
      .enum(["exec", "all"])
      .default("exec")
      .describe("Which requests random faults hit: exec only (default) or the list endpoints too."),
    status: z
      .object({ 500: probability, 502: probability, 503: probability, 504: probability })
      .partial()
      .strict()
      .default({})
      .describe("Probability of answering with this status instead of running anything."),
    resetBeforeRead: probability.default(0).describe("Reset before the request is read."),
    resetAfterExec: probability
      .default(0)
      .describe("Reset after the command ran, before the answer: it DID execute."),
    slow: z
      .object({ probability, ms })
      .strict()
      .optional()
      .describe("Delay the answer by ms (to trip client deadlines)."),
    rateLimitBurst: z
      .object({
        probability,
        length: z.number().int().min(1).default(3),
        retryAfterSeconds: z.number().int().min(1).default(1),
      })
      .strict()
      .optional()
      .describe("Start a burst of `length` 429s for the key's company."),
  })
  .strict();

/** One scripted answer: an HTTP status, a fault, or `answer` (run the command normally). */
export const scriptStep = z.union([
  z.literal("answer"),
  z.literal("reset-before"),
  z.literal("reset-after"),
  z.literal("slow"),
  z.literal("html"),
  z.literal("no-exit-code"),
  z.literal(429),
  z.literal(500),
  z.literal(502),
  z.literal(503),
  z.literal(504),
]);

const script = z
  .object({
    process: uuid,
    command: z
      .array(z.string())
      .min(1)
      .optional()
      .describe("Only requests with exactly this argv; any command when omitted."),
    sequence: z.array(scriptStep).min(1),
  })
  .strict();

const fleetBase = z
  .object({
    keys: z.array(key).min(1),
    apps: z.array(app).default([]),
    latency: latency.default(0),
    rateLimit: rateLimit.default("off"),
    timeoutBehavior: z
      .enum(["exit-code", "gateway-timeout"])
      .default("exit-code")
      .describe("Answer to a command outliving its timeout: 200 + exit 124, or a 504."),
    slowMs: ms.default(20_000).describe("Delay of a scripted `slow` step."),
    faults: faults.default({ routes: "exec", status: {}, resetBeforeRead: 0, resetAfterExec: 0 }),
    scripts: z.array(script).default([]),
  })
  .strict();

export const fleetSchema = fleetBase.superRefine(checkReferences);

// Ids must be unique and scripts must name a process of the fleet, or the file is a typo.
function checkReferences(fleet: z.output<typeof fleetBase>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  const processIds = new Set<string>();
  fleet.apps.forEach((a, i) => {
    if (seen.has(a.id))
      ctx.addIssue({ code: "custom", path: ["apps", i, "id"], message: `duplicate id ${a.id}` });
    seen.add(a.id);
    a.processes.forEach((p, j) => {
      if (seen.has(p.id))
        ctx.addIssue({
          code: "custom",
          path: ["apps", i, "processes", j, "id"],
          message: `duplicate id ${p.id}`,
        });
      seen.add(p.id);
      processIds.add(p.id);
    });
  });
  const tokens = new Set<string>();
  fleet.keys.forEach((k, i) => {
    if (tokens.has(k.token))
      ctx.addIssue({ code: "custom", path: ["keys", i, "token"], message: "duplicate token" });
    tokens.add(k.token);
  });
  fleet.scripts.forEach((s, i) => {
    if (!processIds.has(s.process))
      ctx.addIssue({
        code: "custom",
        path: ["scripts", i, "process"],
        message: `no process with id ${s.process}`,
      });
  });
}

/** A fleet as written in a file (defaults optional). */
export type FleetInput = z.input<typeof fleetSchema>;
/** A fleet after validation (defaults filled in). */
export type Fleet = z.output<typeof fleetSchema>;
export type FleetApp = Fleet["apps"][number];
export type FleetProcess = FleetApp["processes"][number];
export type FleetKey = Fleet["keys"][number];
export type Faults = Fleet["faults"];
export type ScriptStep = z.output<typeof scriptStep>;
export type Latency = Fleet["latency"];
