// The simulator in a process of its own (forked by sim-process.mjs), so that the client under
// test does not share its CPU or event loop. Messages: {fleet} starts it and answers {url};
// "stats" answers its CPU time and request counts since the last "stats".
import { startSimulator } from "../../dist/index.js";
import { benchFleet } from "./fleet.mjs";

let sim;
let cpuSince = process.cpuUsage();
process.on("message", async (msg) => {
  if (msg.type === "start") {
    sim = await startSimulator({ fleet: benchFleet(msg.fleet), seed: 1 });
    cpuSince = process.cpuUsage();
    process.send({ type: "ready", url: sim.url });
  } else if (msg.type === "stats") {
    const cpu = process.cpuUsage(cpuSince);
    cpuSince = process.cpuUsage();
    const requests = sim.counters.requests();
    sim.counters.reset();
    process.send({ type: "stats", cpu, requests });
  }
});
process.on("disconnect", () => void sim?.close());
