// The normalised job: what loadJob returns after validation, defaults and ${{ vars }} substitution.
// Everything past the loader trusts this shape; the raw YAML shape lives in ./schema.ts.

/** Where something was written in a file, 1-based, for error messages. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * One target entry as written: an app (UUID or name) with processes (UUIDs, keys or "all"), a
 * whole fleet (`apps: all` narrowed by `where`), or a reference to an inventory file. loadJob
 * expands inventories, so a loaded Job holds only the first two; src/targets resolves them.
 */
export type TargetSpec = AppTargetSpec | FleetTargetSpec | InventoryTargetSpec;

export interface AppTargetSpec {
  /** Application UUID, or its name (then its display name) to look up through the API. */
  app: string;
  /** Process UUIDs or keys (`web`, `worker`); "all" selects every process of the app. */
  processes: string[] | "all";
  label?: string;
  /** Free labels for `--limit NAME=VALUE`, e.g. {env: "production"}. */
  labels?: Record<string, string>;
  position?: SourcePosition;
}

/** `apps: all`: every process of every app the key can see, narrowed by `where`. */
export interface FleetTargetSpec {
  apps: "all";
  where?: FleetWhere;
  label?: string;
  labels?: Record<string, string>;
  position?: SourcePosition;
}

export interface FleetWhere {
  /** Glob over the app's name or display name (`billing-*`). */
  name?: string;
  /** Process keys to keep (`[web, worker]`). */
  processKey?: string[];
  /** Process type to keep (`web`, `worker`, ...). */
  type?: string;
}

/** `- inventory: ../inventory/prod.yaml`: the inventory's targets, in its order. */
export interface InventoryTargetSpec {
  /** As written in the job. */
  inventory: string;
  /** Absolute path: relative ones are resolved against the job file's directory. */
  path: string;
  position?: SourcePosition;
}

export interface Step {
  name: string;
  /** argv: the first element is the binary; no shell. */
  command: string[];
  /** Seconds, 1..60, sent to the API. Inherits the job's timeout. */
  timeout: number;
  /** Retries of transient failures per request. Inherits the job's retries. */
  retries: number;
  /** Explicit idempotence; undefined means "decide by the binary" (read-only binaries are). */
  idempotent?: boolean;
  /** When true, a failure of this step does not skip the target's later steps. */
  continueOnFailure: boolean;
  /** Client-side filters of stdout (the `| grep` half); absent: the output as printed. */
  filter?: OutputFilter;
  /** What counts as success; absent: exit code 0. */
  expect?: Expectations;
  /** Extra redaction patterns (regex sources) for this step, beside the job's. */
  redact?: string[];
  position?: SourcePosition;
}

/** Filters applied to stdout on the client, in this order. Patterns are regex sources. */
export interface OutputFilter {
  /** Keep only the lines matching this pattern. */
  grep?: string;
  /** Drop the lines matching this pattern. */
  grepInvert?: string;
  /** Keep the first or the last N lines. */
  lines?: { head: number } | { tail: number };
  /** Trim leading and trailing whitespace (the output as a value). */
  trim?: boolean;
}

/** Expectations on stdout or stderr (after filters). Patterns match line by line, like grep. */
export interface StreamExpectation {
  matches?: string;
  notMatches?: string;
  /** The whole output, trailing newlines ignored. */
  equals?: string;
  contains?: string;
}

/** A threshold on numbers in stdout: every match of `pattern` (group 1 if any) within [min, max]. */
export interface NumberExpectation {
  pattern: string;
  min?: number;
  max?: number;
}

export interface Expectations {
  /** Exit codes that count as success. Default [0]. */
  exitCode?: number[];
  stdout?: StreamExpectation;
  stderr?: StreamExpectation;
  number?: NumberExpectation;
}

/** A failure threshold: stop starting new targets once more than this many targets failed. */
export type MaxFailures = { kind: "count"; value: number } | { kind: "percent"; value: number };

/** A canary stage's cumulative size: this many targets, or this percentage of them (0 < p ≤ 100). */
export type RolloutStage = { kind: "count"; value: number } | { kind: "percent"; value: number };

/** A client-side request budget, e.g. `30/min`. */
export interface RateLimit {
  requests: number;
  perMs: number;
}

export interface Job {
  /** Job file format version (1). */
  version: 1;
  name: string;
  description?: string;
  /** Absolute path of the file the job came from, when it came from a file. */
  file?: string;
  /** Requests in flight at once. Default 10. */
  concurrency: number;
  /** Requests in flight at once per app; undefined means only the global cap applies. */
  perApp?: number;
  /** Default seconds for steps, 1..60. Default 15. */
  timeout: number;
  /** Default retries for steps. Default 3. */
  retries: number;
  rateLimit?: RateLimit;
  maxFailures?: MaxFailures;
  /** Canary stages, cumulative and increasing, the last 100% (src/run/rollout.ts). */
  rollout?: RolloutStage[];
  /** Variables after defaults and --var overrides. */
  vars: Record<string, string>;
  targets: TargetSpec[];
  steps: Step[];
  /** Extra redaction patterns (regex sources) for every step. */
  redact?: string[];
  /** Refuse, before sending anything, any step whose binary is not read-only. Default false. */
  readOnly?: boolean;
  /** Bytes of stdout (and of stderr) kept per result, head and tail. Default 65536. */
  maxOutputBytes?: number;
}
