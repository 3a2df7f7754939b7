// `fanout report show FILE` re-renders a saved report; `fanout report diff OLD NEW` lists what
// drifted between two runs (exit 1 when anything did: the nightly-audit alarm).
import type { Command } from "commander";
import { diffReports } from "../report/diff.js";
import { renderDiff } from "../report/diff-render.js";
import { EXIT } from "./exit-codes.js";
import { type Io, processIo } from "./io.js";
import { printReport } from "./print-report.js";
import { readReportFile } from "./report-read.js";

export interface ShowFlags {
  onlyFailed?: boolean;
  group?: boolean;
  quiet?: boolean;
}

/** Exit 0 once shown (whatever the report says: `fanout run` already exited with that), 2 bad file. */
export async function reportShowCommand(file: string, flags: ShowFlags, io: Io): Promise<number> {
  const read = await readReportFile(file);
  if (!read.ok) {
    io.err(read.message);
    return EXIT.invalidInput;
  }
  printReport(io, read.report, flags);
  return EXIT.ok;
}

/** Exit 0 no drift, 1 drift, 2 a file that is not a report. */
export async function reportDiffCommand(
  oldFile: string,
  newFile: string,
  flags: { json?: boolean },
  io: Io,
): Promise<number> {
  const [older, newer] = await Promise.all([readReportFile(oldFile), readReportFile(newFile)]);
  const bad = [older, newer].flatMap((r) => (r.ok ? [] : [r.message]));
  if (!older.ok || !newer.ok) {
    io.err(bad.join("\n"));
    return EXIT.invalidInput;
  }
  const diff = diffReports(older.report, newer.report);
  io.out(flags.json ? JSON.stringify(diff, null, 2) : renderDiff(diff, { width: io.width }));
  return diff.drifted ? EXIT.failed : EXIT.ok;
}

export function registerReport(program: Command): void {
  const usage = (error: { exitCode: number }) =>
    process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput);
  const report = program
    .command("report")
    .description("work with saved JSON reports: show one again, or diff two runs");
  report
    .command("show")
    .description(
      "print a saved report as `fanout run` did: table, groups, summary (exit 0; 2 bad file)",
    )
    .argument("<report>", "a JSON report written by fanout run --report")
    .option("--only-failed", "list only the steps that are not ok")
    .option("--group", "group every step's outputs after the table")
    .option("--quiet", "print the summary only")
    .exitOverride(usage)
    .action(async (file: string, flags: ShowFlags) => {
      process.exitCode = await reportShowCommand(file, flags, processIo());
    });
  report
    .command("diff")
    .description(
      "what changed per target and step between two reports: new failures, recoveries, status " +
        "changes, changed values, targets that appeared or vanished (exit 0 none, 1 drift, 2 bad file)",
    )
    .argument("<old>", "the earlier JSON report")
    .argument("<new>", "the later JSON report")
    .option("--json", "print the differences as JSON")
    .exitOverride(usage)
    .action(async (oldFile: string, newFile: string, flags: { json?: boolean }) => {
      process.exitCode = await reportDiffCommand(oldFile, newFile, flags, processIo());
    });
  report.exitOverride(usage);
}
