// Ctrl-C handling for a run: the first SIGINT/SIGTERM aborts the run (runJob then resolves with the
// partial report, which the CLI writes); a second one exits at once, with the first one's code.
import { EXIT } from "./exit-codes.js";
import type { Io } from "./io.js";

export type StopSignal = "SIGINT" | "SIGTERM";

export interface SignalTrap {
  /** Aborted on the first signal. */
  signal: AbortSignal;
  /** The first signal received, if any. */
  received(): StopSignal | null;
  /** Remove the handlers (Node's default behaviour comes back). */
  dispose(): void;
}

export function trapSignals(io: Io, exit: (code: number) => never = process.exit): SignalTrap {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const handle = (sig: StopSignal) => {
    if (received) {
      io.err(`${sig} again: exiting now; the report is not written.`);
      exit(received === "SIGTERM" ? EXIT.sigterm : EXIT.sigint);
    }
    received = sig;
    io.err(
      `${sig}: stopping. Requests in flight are aborted and the partial report is written; ` +
        "press Ctrl-C again to exit at once.",
    );
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  const onInt = () => handle("SIGINT");
  const onTerm = () => handle("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    received: () => received,
    dispose() {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}
