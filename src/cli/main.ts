#!/usr/bin/env node
import { Command } from "commander";
import { TOOL_VERSION } from "../version.js";
import { registerDemo } from "./demo.js";
import { registerReport } from "./report.js";
import { registerRun } from "./run.js";
import { registerSim } from "./sim.js";
import { registerTargets } from "./targets.js";
import { registerValidate } from "./validate.js";

const program = new Command()
  .name("fanout")
  .description(
    "Run commands on many Sevalla application processes at once and report what came back.",
  )
  .version(TOOL_VERSION, "-V, --version")
  .showHelpAfterError();

registerValidate(program);
registerRun(program);
registerTargets(program);
registerReport(program);
registerDemo(program);
registerSim(program);

await program.parseAsync(process.argv);
