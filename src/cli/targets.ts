// `fanout targets JOB.yaml...`: the resolved targets (label, app, process, ids) and nothing run;
// `fanout targets discover`: an inventory from the API.
import type { Command } from "commander";
import type { TargetFilter } from "../targets/filters.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { collect, collectLimit } from "./flags.js";
import { type Io, processIo } from "./io.js";
import { loadJobsOrExplain } from "./load-jobs.js";
import { renderTargets, targetsJson } from "./targets-render.js";
import { TOKEN_FILE_OPTION, type TokenFileFlag, withTokenFile } from "./token-file.js";

interface TargetsFlags {
  limit?: TargetFilter[];
  json?: boolean;
  var?: string[];
}

export function registerTargets(program: Command): void {
  const targets = program
    .command("targets")
    .description(
      "show the targets a job resolves to (names looked up, --limit applied); runs nothing",
    )
    .argument("<jobs...>", "job files (YAML)")
    .option(
      "--limit <expr>",
      "only targets matching NAME=GLOB or !NAME=GLOB (repeatable, AND)",
      collectLimit,
    )
    .option("--var <name=value>", "set a job variable (repeatable)", collect)
    .option("--json", "print JSON (one object per job) instead of a table")
    .option(...TOKEN_FILE_OPTION)
    .addHelpText(
      "after",
      "\nNames, keys and `all` are looked up through the API (SEVALLA_API_TOKEN; a read key is enough);\n" +
        "with a key, bare UUIDs get their names too. Exit 0, 2 invalid input, 3 listing got no answer,\n" +
        "4 no targets matched.\n\nExamples:\n  fanout targets jobs/env-audit.yaml --limit env=production\n" +
        "  fanout targets discover --write inventory/fleet.yaml",
    )
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.invalidInput))
    .action(async (files: string[], flags: TargetsFlags & TokenFileFlag) => {
      const io = await withTokenFile(processIo(), flags);
      process.exitCode = io ? await targetsCommand(files, flags, io) : EXIT.invalidInput;
    });
  targets
    .command("discover")
    .description("write an inventory of every app and process the key can see, to edit by hand")
    .option("--write <file>", "write it to this file (default: print it)")
    .option("--force", "overwrite the file if it exists")
    .option(...TOKEN_FILE_OPTION)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.invalidInput))
    .action(async (_own: unknown, command: Command) => {
      // With globals: `targets discover --token-file F` gives the option to the parent command.
      const flags = command.optsWithGlobals<{ write?: string; force?: boolean } & TokenFileFlag>();
      const io = await withTokenFile(processIo(), flags);
      if (io === null) {
        process.exitCode = EXIT.invalidInput;
        return;
      }
      const { discoverCommand } = await import("./targets-discover.js");
      process.exitCode = await discoverCommand(flags, io);
    });
}

export async function targetsCommand(
  files: readonly string[],
  flags: TargetsFlags,
  io: Io,
): Promise<ExitCode> {
  const loaded = await loadJobsOrExplain(files, flags.var, io);
  if (!loaded.ok) return loaded.code;
  // Loaded only when needed: the client and undici (see main.ts).
  const { prepareTargets } = await import("./targets-select.js");
  const prepared = await prepareTargets(loaded.jobs, flags, io, "targets");
  if (!prepared.ok) return prepared.code;
  await prepared.client?.close();
  const { selections } = prepared;
  if (flags.json) {
    io.out(
      JSON.stringify(
        loaded.jobs.map((job, i) => targetsJson(job, selections[i])),
        null,
        2,
      ),
    );
  } else {
    io.out(loaded.jobs.map((job, i) => renderTargets(job, selections[i])).join("\n\n"));
  }
  return selections.some((s) => s.empty) ? EXIT.noTargets : EXIT.ok;
}
