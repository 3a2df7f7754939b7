// Helpers for e2e tests: the BUILT CLI as a child process (what a user runs), job files on disk.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  cwd?: string;
}

/** A bare environment: no colour, no proxy, only what the test passes (plus PATH). */
function childEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env };
}

export function startCli(args: string[], options: SpawnOptions = {}) {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: childEnv(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

export function runCli(args: string[], options: SpawnOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

export async function tempDir(prefix = "fanout-e2e-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export interface JobSpec {
  name: string;
  targets: Array<{ app: string; process: string; label?: string }>;
  steps: Array<{ name: string; command: string[]; continueOnFailure?: boolean }>;
  /** Other job keys: concurrency, maxFailures, retries, ... */
  extra?: Record<string, unknown>;
}

/** Writes a job file (JSON is YAML) and returns its path. */
export async function writeJob(dir: string, file: string, spec: JobSpec): Promise<string> {
  const { extra, ...job } = spec;
  const path = join(dir, file);
  await writeFile(path, `${JSON.stringify({ version: 1, ...extra, ...job }, null, 2)}\n`);
  return path;
}
