import type { RequestState, SimContext } from "../context.js";
import { statusError } from "../errors.js";
import type { Outcome } from "../http/respond.js";

/**
 * Applies the plan's "before" fault: a reset (returned as an outcome), an injected status or a
 * 429 burst (thrown as HttpError). Returns undefined when the request goes on.
 */
export function applyBefore(sim: SimContext, st: RequestState): Outcome | undefined {
  const before = st.plan.before;
  if (before.kind === "reset") return { kind: "reset" };
  // A proxy or captive portal answering in the API's place: 200, but HTML.
  if (before.kind === "html") {
    return { kind: "raw", status: 200, contentType: "text/html", text: PROXY_PAGE };
  }
  if (before.kind === "status") {
    throw statusError(before.status, before.status === 429 ? { "retry-after": "1" } : {});
  }
  if (before.kind === "burst") {
    const burst = sim.runtime.fleet.faults.rateLimitBurst;
    sim.limiter.startBurst(st.key.company, burst?.length ?? 1, burst?.retryAfterSeconds ?? 1);
    const decision = sim.limiter.take(st.key.company);
    throw statusError(429, decision.headers);
  }
  return undefined;
}

const PROXY_PAGE = "<html><head><title>Welcome to nginx!</title></head><body>nginx</body></html>\n";
