// The run's own AbortSignal, following the caller's. Every request in flight (and every backoff
// wait) listens to it, so with concurrency 50 it has ~50 listeners: legitimately more than Node's
// default of 10, whose MaxListenersExceededWarning would otherwise land on the user's stderr. We
// raise the limit on our signal only, never on the caller's, and detach from theirs when done.
import { setMaxListeners } from "node:events";

export interface RunSignal {
  signal: AbortSignal;
  dispose(): void;
}

export function followSignal(outer: AbortSignal, concurrency: number): RunSignal {
  const controller = new AbortController();
  // Per request: the client's listener, a backoff or pacing wait; plus slack for a real leak to show.
  setMaxListeners(concurrency * 3 + 10, controller.signal);
  const abort = () => controller.abort(outer.reason);
  if (outer.aborted) abort();
  else outer.addEventListener("abort", abort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => outer.removeEventListener("abort", abort),
  };
}
