// The client's failure codes the runner treats specially. Failures are recognised by their
// contract (isRequestFailure checks the RequestFailure shape), so fakes in tests qualify too.
export { isRequestFailure } from "../client/errors.js";

/** The client's code for a 429. */
export const RATE_LIMITED = "API_RATE_LIMITED";
/** The client's code for a request aborted through its signal. */
export const ABORTED = "ABORTED";
