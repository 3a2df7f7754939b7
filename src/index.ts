// The public library API. Nothing exported here prints or exits.
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
export type { Job, Step, TargetSpec } from "./job/model.js";
export type { SimCounters, Simulator, SimulatorOptions } from "./sim/types.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
