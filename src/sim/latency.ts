import type { Latency } from "./fleet/schema.js";

/** Milliseconds of delay for one response, drawn from the fleet's latency setting. */
export function sampleLatency(latency: Latency, roll: number): number {
  if (typeof latency === "number") return latency;
  if ("min" in latency)
    return Math.round(latency.min + roll * Math.max(0, latency.max - latency.min));
  return Math.max(0, Math.round(latency.mean - latency.jitter + roll * 2 * latency.jitter));
}

/** Resolves after ms, or early when the signal aborts; 0 resolves at once. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
