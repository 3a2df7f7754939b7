// Starts bench/lib/sim-server.mjs and talks to it over IPC.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const SERVER = fileURLToPath(new URL("./sim-server.mjs", import.meta.url));

/**
 * A simulator in its own process for a fleet of benchFleet(fleet). stats() returns its CPU time
 * (ms) and requests by status since the previous stats() (or the start).
 */
export async function startSimProcess(fleet) {
  const child = fork(SERVER, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  child.send({ type: "start", fleet });
  const [ready] = await once(child, "message");
  const exited = once(child, "exit");
  return {
    url: ready.url,
    pid: child.pid,
    async stats() {
      child.send({ type: "stats" });
      const [msg] = await once(child, "message");
      const byStatus = {};
      let total = 0;
      for (const r of msg.requests) {
        byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
        total += r.count;
      }
      return { cpuMs: (msg.cpu.user + msg.cpu.system) / 1000, total, byStatus };
    },
    async close() {
      child.disconnect();
      await exited;
    },
  };
}
