import type { Command } from "commander";
import { formatProblems, JobValidationError } from "../job/errors.js";
import { loadJob } from "../job/load.js";
import type { Job } from "../job/model.js";
import { parseVarFlags } from "../job/vars.js";
import { EXIT } from "./exit-codes.js";

interface ValidateOptions {
  var?: string[];
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description(
      "check job files without running anything (exit 0 when all are valid, 2 otherwise)",
    )
    .argument("<file...>", "job files (YAML)")
    .option(
      "--var <NAME=VALUE>",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the job-file syntax, not a template
      "set ${{ vars.NAME }}, overriding the file's default (repeatable)",
      collect,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  fanout validate jobs/env-audit.yaml\n  fanout validate jobs/*.yaml --var name=NODE_ENV",
    )
    // A usage mistake is invalid input too: exit 2 (DESIGN.md), not commander's 1.
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.invalidInput);
    })
    .action(async (files: string[], options: ValidateOptions) => {
      process.exitCode = await validateFiles(files, options);
    });
}

async function validateFiles(files: string[], options: ValidateOptions): Promise<number> {
  let vars: Record<string, string>;
  try {
    vars = parseVarFlags(options.var ?? []);
  } catch (error) {
    if (!(error instanceof JobValidationError)) throw error;
    process.stderr.write(`${formatProblems(error.problems)}\n`);
    return EXIT.invalidInput;
  }
  let allValid = true;
  for (const file of files) {
    try {
      const job = await loadJob(file, { vars });
      process.stdout.write(`✓ ${file}: valid (${shape(job)})\n`);
    } catch (error) {
      if (!(error instanceof JobValidationError)) throw error;
      allValid = false;
      const n = error.problems.length;
      process.stderr.write(
        `✗ ${file}: ${n} ${n === 1 ? "problem" : "problems"}\n${formatProblems(error.problems)}\n`,
      );
    }
  }
  return allValid ? EXIT.ok : EXIT.invalidInput;
}

function shape(job: Job): string {
  const targets = job.targets.reduce(
    // Before resolution: names and `all` count as one target each.
    (n, t) => n + ("processes" in t && Array.isArray(t.processes) ? t.processes.length : 1),
    0,
  );
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(targets, "target")} × ${plural(job.steps.length, "step")}`;
}
