// `--output-dir DIR` (as `pssh -o`): every answered target's whole stdout and stderr, redacted but
// neither filtered nor cut, in DIR/<step>/<app>.<process>.stdout|.stderr. Each result is written
// as it arrives and then dropped, so a fleet's outputs are never all in memory at once.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StepResult } from "./model.js";

export interface OutputFile {
  result: StepResult;
  stdout: string;
  stderr: string;
}

export interface OutputDirWriter {
  /** Give it to runJob as `onOutput`. */
  write(output: OutputFile): Promise<void>;
  /** Files written so far. */
  readonly files: () => number;
  /** What could not be written (the run goes on; the CLI reports these). */
  readonly errors: string[];
}

/** A file-system-safe name: anything but letters, digits, `.`, `_`, `-` becomes `_`. */
export function safeName(text: string): string {
  const name = text.replace(/[^\w.-]+/g, "_").replace(/^\.+/, "_");
  return name === "" ? "_" : name;
}

/** `<appName or app id>.<processKey or process id>`: unique per target, readable once names are known. */
export function outputBaseName(r: StepResult): string {
  return safeName(`${r.appName ?? r.app}.${r.processKey ?? r.process}`);
}

export function createOutputDirWriter(dir: string): OutputDirWriter {
  const made = new Set<string>();
  const errors: string[] = [];
  let files = 0;
  return {
    async write({ result, stdout, stderr }) {
      const stepDir = join(dir, safeName(result.step));
      const base = join(stepDir, outputBaseName(result));
      try {
        if (!made.has(stepDir)) {
          await mkdir(stepDir, { recursive: true, mode: 0o700 });
          made.add(stepDir);
        }
        // 0600, like the reports: command output may be sensitive even after redaction.
        await writeFile(`${base}.stdout`, stdout, { mode: 0o600 });
        await writeFile(`${base}.stderr`, stderr, { mode: 0o600 });
        files += 2;
      } catch (error) {
        errors.push(`${base}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    files: () => files,
    errors,
  };
}
