import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "../auth.js";
import type { RequestState, SimContext } from "../context.js";
import { HttpError, notFound, statusError } from "../errors.js";
import { type FaultPlan, rollFaults } from "../faults.js";
import { delay } from "../latency.js";
import { applyBefore } from "../routes/before.js";
import { exec } from "../routes/exec.js";
import { listApplications, listProcesses } from "../routes/list.js";
import { type Outcome, resetConnection, writeOutcome } from "./respond.js";
import { matchRoute, type Route } from "./router.js";

/**
 * The request pipeline: route, authenticate, rate limit, roll faults, run the route, wait out
 * latency, answer (or reset). Every answer carries x-request-id and the x-ratelimit-* headers.
 */
export function createHandler(sim: SimContext, shutdown: AbortSignal) {
  let nextId = 0;
  // One shutdown listener for all requests in flight, not one each: hundreds of listeners on one
  // signal trip MaxListenersExceededWarning and make every removal a linear scan.
  const inFlight = new Set<() => void>();
  shutdown.addEventListener("abort", () => {
    for (const abort of inFlight) abort();
  });
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = `00000000-0000-4000-8000-${(++nextId).toString(16).padStart(12, "0")}`;
    void handle(sim, inFlight, requestId, req, res);
  };
}

async function handle(
  sim: SimContext,
  inFlight: Set<() => void>,
  requestId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  sim.counters.requestStarted();
  const url = new URL(req.url ?? "/", "http://sim.invalid");
  const route = matchRoute(req.method ?? "GET", url.pathname);
  const gone = new AbortController();
  const abort = () => gone.abort();
  let ended = false;
  const end = (status: number) => {
    if (ended) return;
    ended = true;
    inFlight.delete(abort);
    sim.counters.requestEnded(route.name, status);
  };
  res.on("close", () => {
    if (!res.writableFinished) abort();
    end(res.headersSent ? res.statusCode : 0);
  });
  inFlight.add(abort);

  const headers: Record<string, string> = { "x-request-id": requestId };
  let outcome: Outcome;
  // The pipeline fills in the request's state as it goes, so errors get their latency too.
  const ref: { st?: RequestState } = {};
  try {
    outcome = await pipeline(sim, route, req, url, gone.signal, headers, ref);
  } catch (err) {
    const e = err instanceof HttpError ? err : statusError(500);
    outcome = { kind: "json", status: e.status, body: e.body(), headers: e.headers };
  }
  const plan = ref.st?.plan;
  if (outcome.kind !== "reset" && plan) await delay(plan.latencyMs + plan.slowMs, gone.signal);
  if (gone.signal.aborted) {
    resetConnection(res);
    end(0);
    return;
  }
  if (outcome.kind === "reset") {
    end(0);
    resetConnection(res);
    return;
  }
  end(outcome.status);
  writeOutcome(res, outcome, headers);
}

const NO_FAULT: FaultPlan = {
  before: { kind: "none" },
  resetAfter: false,
  latencyMs: 0,
  slowMs: 0,
};

async function pipeline(
  sim: SimContext,
  route: Route,
  req: IncomingMessage,
  url: URL,
  signal: AbortSignal,
  headers: Record<string, string>,
  ref: { st?: RequestState },
): Promise<Outcome> {
  if (route.name === "unknown") {
    Object.assign(headers, sim.limiter.anonymous());
    throw notFound("route");
  }
  let key: RequestState["key"];
  try {
    key = authenticate(req, sim.runtime.keys);
  } catch (err) {
    Object.assign(headers, sim.limiter.anonymous());
    throw err;
  }
  const decision = sim.limiter.take(key.company);
  Object.assign(headers, decision.headers);
  if (!decision.allowed) throw statusError(429, decision.headers);

  const st: RequestState = { key, plan: rollFor(sim, route), signal };
  ref.st = st;
  const early = applyBefore(sim, st);
  if (early) return early;
  let outcome: Outcome;
  if (route.name === "POST exec") outcome = await exec(sim, st, req, route.appId, route.processId);
  else if (route.name === "GET processes") outcome = listProcesses(sim, route.appId, url);
  else outcome = listApplications(sim, url);
  // A reset-after on a list means "reset instead of the answer": nothing ran, nothing is lost.
  if (outcome.kind === "json" && route.name !== "POST exec" && st.plan.resetAfter)
    outcome = { kind: "reset" };
  return outcome;
}

// Exec requests roll the dice of their process's own stream; list requests roll "list"'s, and
// only get faults when the fleet says faults.routes: all (latency always applies).
function rollFor(sim: SimContext, route: Route): FaultPlan {
  const fleet = sim.runtime.fleet;
  if (route.name === "POST exec")
    return rollFaults(fleet, sim.streams.get(route.processId.toLowerCase()));
  const plan = rollFaults(fleet, sim.streams.get("list"));
  return fleet.faults.routes === "all" ? plan : { ...NO_FAULT, latencyMs: plan.latencyMs };
}
