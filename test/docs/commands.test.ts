// Every command the docs show runs here, with the built CLI as `fanout`, against a simulator of
// the default fleet (SEVALLA_API_URL / SEVALLA_API_TOKEN in the env), in a scratch directory that
// holds the repo's jobs/ and schema/, and must exit as the docs say (blocks.ts: the convention).
import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, CLI, tempDir } from "../cli/spawn-cli.js";
import { type Block, docBlocks, type ShellBlock, script } from "./blocks.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCS = join(ROOT, "docs");
const docs = (await readdir(DOCS)).filter((f) => f.endsWith(".md")).sort();

let sim: RunningSimulator;
let bin: string;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator();
  // The examples pipe reports through jq (docs/README.md says so): say it plainly when it is missing.
  const jq = spawnSync("jq", ["--version"]);
  if (jq.status !== 0) throw new Error("the docs' examples need jq on PATH (apt-get install jq)");
  bin = await tempDir("fanout-docs-bin-");
  await writeFile(join(bin, "fanout"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  await chmod(join(bin, "fanout"), 0o755);
});
afterAll(() => sim?.close());

/** A scratch directory per document: the blocks of one page share it, in order. */
async function workDir(): Promise<string> {
  const dir = await tempDir("fanout-docs-");
  for (const name of ["jobs", "schema"]) await symlink(join(ROOT, name), join(dir, name));
  await mkdir(join(dir, "reports"));
  return dir;
}

function runBlock(block: ShellBlock, cwd: string) {
  const status = join(cwd, ".status");
  return new Promise<{ codes: number[]; output: string }>((resolve, reject) => {
    const child = spawn("bash", ["-c", script(block)], {
      cwd,
      env: {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        HOME: cwd,
        NO_COLOR: "1",
        SEVALLA_API_URL: sim.url,
        SEVALLA_API_TOKEN: sim.keys.write,
        FANOUT_DOCS_STATUS: status,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.once("error", reject);
    child.once("close", async () => {
      const text = await readFile(status, "utf8").catch(() => "");
      await writeFile(status, "");
      resolve({ codes: text.split("\n").filter(Boolean).map(Number), output });
    });
  });
}

for (const doc of docs) {
  describe(`docs/${doc}`, async () => {
    const blocks: Block[] = docBlocks(await readFile(join(DOCS, doc), "utf8"));
    let cwd: string;
    beforeAll(async () => {
      cwd = await workDir();
    });

    it("marks every shell block `# test` or `# untested: why`", () => {
      const unmarked = blocks.filter((b) => b.kind === "shell" && !b.marked).map((b) => b.line);
      expect(unmarked, `unmarked shell blocks at lines ${unmarked.join(", ")}`).toEqual([]);
    });

    for (const block of blocks) {
      if (block.kind === "file") {
        it(`writes ${block.name} (line ${block.line})`, async () => {
          await writeFile(join(cwd, block.name), block.text);
        });
      } else if (block.run) {
        it(`runs the block at line ${block.line}`, { timeout: 120_000 }, async () => {
          const { codes, output } = await runBlock(block, cwd);
          const got = block.commands.map((c, i) => `${c.text} → exit ${codes[i] ?? "none"}`);
          const want = block.commands.map((c) => `${c.text} → exit ${c.exit}`);
          expect(got, output.slice(-3000)).toEqual(want);
        });
      }
    }
  });
}
