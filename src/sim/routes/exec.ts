import type { IncomingMessage } from "node:http";
import { binaryName, type ExecOutput, READ_ONLY_BINARIES, runBinary } from "../binaries/index.js";
import type { RequestState, SimContext } from "../context.js";
import { forbidden, HttpError, notFound } from "../errors.js";
import { planFromStep } from "../faults.js";
import type { ProcessRuntime } from "../fleet/runtime.js";
import { readJson } from "../http/body.js";
import { json, type Outcome } from "../http/respond.js";
import { applyBefore } from "./before.js";
import { checkId, parseExecBody } from "./validate.js";

/** POST /v3/applications/{id}/processes/{process_id}/exec */
export async function exec(
  sim: SimContext,
  st: RequestState,
  req: IncomingMessage,
  appId: string,
  processId: string,
): Promise<Outcome> {
  checkId(appId, "application id");
  checkId(processId, "process id");
  const body = parseExecBody(await readJson(req));
  const proc = sim.runtime.processes.get(processId.toLowerCase());
  if (!sim.runtime.appsById.has(appId.toLowerCase())) throw notFound("application");
  if (!proc || proc.app.id.toLowerCase() !== appId.toLowerCase()) throw notFound("process");

  const step = sim.scripts.take(processId, body.command);
  if (step !== undefined) {
    st.plan = planFromStep(step, sim.runtime.fleet, st.plan.latencyMs);
    const early = applyBefore(sim, st);
    if (early) return early;
  }
  const bin = binaryName(body.command[0] ?? "");
  if (st.key.permission === "read" && !READ_ONLY_BINARIES.has(bin)) {
    throw forbidden(`a read-only key may not run "${bin}"`);
  }

  sim.counters.executed(processId.toLowerCase(), body.command);
  const { out, timedOut } = await runWithTimeout(sim, st, proc, body.command, body.timeout);
  if (st.signal.aborted) return { kind: "reset" };
  if (timedOut && sim.runtime.fleet.timeoutBehavior === "gateway-timeout") {
    throw new HttpError(
      504,
      "Gateway Timeout",
      "err-exec-timeout",
      `command did not finish within ${body.timeout}s`,
    );
  }
  if (st.plan.resetAfter) return { kind: "reset" };
  if (timedOut) {
    // Like timeout(1): whatever was printed so far, a note on stderr, exit code 124.
    const stderr = `${out.stderr}command timed out after ${body.timeout}s and was killed\n`;
    return json(200, { stdout: out.stdout, stderr, exit_code: 124 });
  }
  if (st.plan.dropExitCode) return json(200, { stdout: out.stdout, stderr: out.stderr });
  return json(200, { stdout: out.stdout, stderr: out.stderr, exit_code: out.exitCode });
}

async function runWithTimeout(
  sim: SimContext,
  st: RequestState,
  proc: ProcessRuntime,
  command: string[],
  timeoutSeconds: number,
): Promise<{ out: ExecOutput; timedOut: boolean }> {
  const kill = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill.abort();
  }, timeoutSeconds * 1000);
  const onGone = () => kill.abort();
  st.signal.addEventListener("abort", onGone, { once: true });
  try {
    const out = await runBinary(command, { proc, signal: kill.signal, now: sim.now });
    return { out, timedOut };
  } finally {
    clearTimeout(timer);
    st.signal.removeEventListener("abort", onGone);
  }
}
