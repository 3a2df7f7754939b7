// The public library API. Nothing exported here prints or exits.

export { type CheckedAnswer, checkAnswer } from "./checks/apply.js";
export { type CompiledChecks, compileChecks, InvalidCheckError } from "./checks/compile.js";
export { groupOutputs, worthShowing } from "./checks/group.js";
export {
  type ReadOnlyViolation,
  ReadOnlyViolationError,
  readOnlyViolations,
} from "./checks/read-only.js";
export { createRedactor, REDACTED, type Redactor } from "./checks/redact.js";
export { DEFAULT_MAX_OUTPUT_BYTES, keepHeadAndTail } from "./checks/truncate.js";
export {
  classifyNetworkError,
  classifyStatus,
  codeForStatus,
  type NetworkClassification,
  type NetworkErrorFacts,
  networkErrorFacts,
} from "./client/classify.js";
export {
  type ListOptions,
  SevallaClient,
  type SevallaClientOptions,
} from "./client/client.js";
export {
  type ClientConfig,
  ClientConfigError,
  type ClientConfigErrorCode,
  clientConfigFromEnv,
  DEFAULT_BASE_URL,
  isLoopbackHost,
} from "./client/config.js";
export {
  ApiError,
  BadResponseError,
  InvalidRequestError,
  isRequestFailure,
  NetworkError,
  RequestAbortedError,
  RequestError,
  type RequestFailureJSON,
  RequestTimeoutError,
} from "./client/errors.js";
export { parseRateLimit, parseRetryAfterMs } from "./client/rate-limit-headers.js";
export type {
  Application,
  ExecClient,
  ExecOptions,
  ExecResult,
  FailureClass,
  Process,
  RateLimitInfo,
  RequestFailure,
} from "./client/types.js";
export {
  formatProblems,
  type JobErrorCode,
  JobValidationError,
  type Problem,
} from "./job/errors.js";
export { type LoadJobOptions, loadJob, parseJob } from "./job/load.js";
export type {
  AppTargetSpec,
  Expectations,
  FleetTargetSpec,
  FleetWhere,
  InventoryTargetSpec,
  Job,
  MaxFailures,
  NumberExpectation,
  OutputFilter,
  RateLimit,
  RolloutStage,
  SourcePosition,
  Step,
  StreamExpectation,
  TargetSpec,
} from "./job/model.js";
export { parseVarFlags } from "./job/vars.js";
export { planFingerprint } from "./ledger/fingerprint.js";
export {
  eventLine,
  LEDGER_VERSION,
  type LedgerAttempt,
  type LedgerEnd,
  type LedgerHeader,
  type LedgerLine,
  type LedgerResult,
  ledgerLine,
} from "./ledger/format.js";
export { LedgerError, type ReadLedger, readLedger } from "./ledger/read.js";
export { type EventFile, openEventLog, openLedger } from "./ledger/writer.js";
export { groupByOutcome, type OutcomeGroup, renderOutcomeTable } from "./report/by-exit-code.js";
export {
  type DiffSide,
  DRIFT_KINDS,
  type DriftEntry,
  type DriftKind,
  diffReports,
  type ReportDiff,
} from "./report/diff.js";
export { diffCountLine, renderDiff } from "./report/diff-render.js";
export { type GroupsOptions, renderGroups } from "./report/groups.js";
export { reportToJson, serializeReport } from "./report/json.js";
export { renderJunit } from "./report/junit.js";
export type {
  ExpectationMiss,
  GroupTarget,
  OutputGroup,
  Report,
  ReportSummary,
  ResultError,
  RolloutReport,
  RolloutStageReport,
  StepGroups,
  StepResult,
  StepStatus,
  Truncation,
} from "./report/model.js";
export { createOutputDirWriter, type OutputDirWriter } from "./report/output-dir.js";
export { parseReport, ReportSchema, reportJsonSchema } from "./report/schema.js";
export { summarize } from "./report/summarize.js";
export { failedTargets, renderSummary, summaryLine } from "./report/summary-line.js";
export { type ResultsTableOptions, renderResultsTable } from "./report/table.js";
export { writeFileAtomic, writeReportFile } from "./report/write.js";
export type { RunEvent, RunEventListener } from "./run/events.js";
export { isIdempotent, READ_ONLY_BINARIES } from "./run/idempotence.js";
export type {
  FullOutput,
  NormalizedRunOptions,
  OutputSink,
  RetryTuning,
  RunOptions,
} from "./run/options.js";
export { RunOptionsError } from "./run/options.js";
export { buildPlan, type Plan, type PlannedPair } from "./run/plan.js";
export { pairKey, resultKey } from "./run/prior.js";
export { RUNNER_CODES } from "./run/results.js";
export { decideRetry, type RetryDecision } from "./run/retry-policy.js";
export { type StageSpan, stageSpans } from "./run/rollout.js";
export { runJob } from "./run/run-job.js";
export type { Sleep } from "./run/sleep.js";
export { DEFAULT_FLEET_PLANTED, DEFAULT_KEYS, defaultFleet } from "./sim/fleet/default.js";
export { DEFAULT_FLEET_CHECKS } from "./sim/fleet/default-checks.js";
export { FleetError, type FleetIssue } from "./sim/fleet/errors.js";
export { appId as simAppId, processId as simProcessId } from "./sim/fleet/ids.js";
export { loadFleetFile, parseFleetYaml, validateFleet } from "./sim/fleet/load.js";
export type { Fleet, FleetInput } from "./sim/fleet/schema.js";
export { type RunningSimulator, type StartOptions, startSimulator } from "./sim/server.js";
export type { SimCounters, Simulator, SimulatorOptions } from "./sim/types.js";
export { renderInventory } from "./targets/discover.js";
export { type TargetResolutionCode, TargetResolutionError } from "./targets/errors.js";
export {
  applyFilters,
  type Filtered,
  FilterSyntaxError,
  parseFilter,
  type TargetFilter,
} from "./targets/filters.js";
export { expandInventories } from "./targets/inventory/expand.js";
export { loadInventory, parseInventory } from "./targets/inventory/load.js";
export { inventoryFileSchema } from "./targets/inventory/schema.js";
export {
  ListingCache,
  ListingError,
  type ListingOptions,
  type TargetLister,
} from "./targets/listing.js";
export type { Target } from "./targets/model.js";
export { needsListing, type ResolveOptions, resolveTargets } from "./targets/resolve.js";
export { type Selection, type SelectOptions, selectTargets } from "./targets/select.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
