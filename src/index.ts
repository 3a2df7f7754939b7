// The public library API. Nothing exported here prints or exits.
export type {
  ExecClient,
  ExecOptions,
  ExecResult,
  FailureClass,
  RequestFailure,
} from "./client/types.js";
export type { Job, Step, TargetSpec } from "./job/model.js";
export type { SimCounters, Simulator, SimulatorOptions } from "./sim/types.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
