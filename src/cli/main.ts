#!/usr/bin/env node
import { Command } from "commander";
import { TOOL_VERSION } from "../version.js";
import { registerDemo } from "./demo.js";
import { registerReport } from "./report.js";
import { registerRun } from "./run.js";
import { registerSim } from "./sim.js";
import { registerTargets } from "./targets.js";
import { scrubOptionError } from "./token-file.js";
import { registerValidate } from "./validate.js";

const program = new Command()
  .name("fanout")
  .description(
    "Run commands on many Sevalla application processes at once and report what came back.",
  )
  .version(TOOL_VERSION, "-V, --version")
  // A hint, not the whole help: a usage error should fit on one screen.
  .showHelpAfterError("(run `fanout help` or add --help for usage)")
  // Before the commands are added, so that they inherit it: no key value echoed in an error.
  .configureOutput({ outputError: (text, write) => write(scrubOptionError(text)) });

// Registering is cheap; each command imports its implementation in its action, so that
// `fanout validate` or `--help` does not load undici, the runner or the simulator.
registerValidate(program);
registerRun(program);
registerTargets(program);
registerReport(program);
registerDemo(program);
registerSim(program);

await program.parseAsync(process.argv);
