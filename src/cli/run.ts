import type { Command } from "commander";
import { EXIT } from "./exit-codes.js";
import { collect, collectLimit, parseConcurrency, parseRate } from "./flags.js";
import { processIo } from "./io.js";
import type { RunFlags } from "./run-command.js";
import { trapSignals } from "./signals.js";
import { TOKEN_FILE_OPTION, type TokenFileFlag, withTokenFile } from "./token-file.js";

export function registerRun(program: Command): void {
  program
    .command("run")
    .description(
      "Run every step of the job files on every target and report: a table on stdout, a JSON report, an exit code.",
    )
    .argument("<jobs...>", "job files (YAML); several run one after another")
    .option(
      "--report <file>",
      "JSON report (with several jobs: one per job, e.g. fanout-report.<job>.json)",
      "fanout-report.json",
    )
    .option("--junit <file>", "also write JUnit XML (per job like --report)")
    .option("--concurrency <n>", "requests in flight at once (overrides the job)", parseConcurrency)
    .option("--var <name=value>", "set a job variable (repeatable)", collect)
    .option(
      "--rate <rate>",
      'client-side request budget, e.g. "30/min" (overrides the job)',
      parseRate,
    )
    .option(
      "--limit <expr>",
      "only targets matching NAME=GLOB or !NAME=GLOB: app, process, label or a label such as env (repeatable, AND)",
      collectLimit,
    )
    .option(
      "--dry-run",
      "print the plan (targets × steps) and send nothing; needs a key only to resolve names",
    )
    .option(
      "--yes",
      "run a job that may change the fleet (a step not on the read-only list) without asking; required without a terminal",
    )
    .option("--quiet", "print the summary only")
    .option("--only-failed", "list only the steps that are not ok")
    .option("--group", "group every step's outputs after the table (default: when few distinct)")
    .option("--no-redact", "show secret-looking values as printed (redacted by default)")
    .option("--read-only", "refuse, before sending anything, steps whose binary is not read-only")
    .option("--output-dir <dir>", "write each target's full stdout/stderr to DIR/<step>/")
    .option(...TOKEN_FILE_OPTION)
    .option("--json", "print the JSON report on stdout instead of the tables (for jq)")
    .option("--no-color", "no colours, even on a terminal (as NO_COLOR=1)")
    .option(
      "--ledger <file>",
      "append a line per attempt and per result to FILE as they happen (for --resume); never overwritten",
    )
    .option(
      "--resume <file>",
      "continue the run of this ledger: pairs already ok are not sent again (appends to it unless --ledger)",
    )
    .option(
      "--rerun-failed <report>",
      "run only the pairs that were not ok in this JSON report (or whose argv changed); the others are reported as resumed",
    )
    .option("--events <file>", "append every run event to FILE as NDJSON")
    .addHelpText(
      "after",
      "\nEnvironment: SEVALLA_API_TOKEN (or --token-file; required, except for a --dry-run whose targets are all UUIDs), SEVALLA_API_URL.\n" +
        "Exit codes: 0 all ok · 1 a command failed · 2 invalid input · 3 a step got no answer ·\n" +
        "4 no targets · 5 failure threshold · 130/143 interrupted (the later wins).",
    )
    // Usage errors (a bad flag value, no job file) are invalid input: exit 2, not commander's 1.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.invalidInput))
    .action(async (files: string[], flags: RunFlags & TokenFileFlag) => {
      const io = await withTokenFile(processIo(), flags);
      if (io === null) {
        process.exitCode = EXIT.invalidInput;
        return;
      }
      // Trapped before the job files are read and names resolved: a signal then still ends in
      // the complete (all-cancelled) report and 130/143, not a silent kill without a report.
      // Trapped before the job files are read and names resolved: a signal then still ends in
      // the complete (all-cancelled) report and 130/143, not a kill that leaves no report.
      const signals = trapSignals(io);
      try {
        // Loaded here, not at start-up: the client, undici and the runner (see main.ts).
        const { runCommand } = await import("./run-command.js");
        process.exitCode = await runCommand(files, flags, io, () => signals);
      } finally {
        signals.dispose();
      }
    });
}
