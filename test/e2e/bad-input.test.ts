// The bad-input corpus (test/fixtures/bad/, plus a 10 MiB file made here): every file, through
// the BUILT CLI, both `fanout validate` and `fanout run`: exit 2, a message that fits one screen,
// names the file with line:column, shows no stack trace, sends nothing; each message is pinned in
// __snapshots__/bad-input.test.ts.snap (review a changed message like any other UI change).
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, type CliResult, runCli, tempDir } from "../cli/spawn-cli.js";

const DIR = "test/fixtures/bad";
const CORPUS = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const SCREEN_LINES = 24;
const BIG = "<tmp>/ten-mib.yaml";

const runs = new Map<string, CliResult>();
let validateAll: CliResult;
let tmp: string;
let server: Server;
let requests = 0;
const normalise = (text: string) => text.replaceAll(tmp, "<tmp>");

/** validate's block for one file: its `✗ file: N problems` line and the lines after it. */
function validateBlock(file: string): string {
  const blocks = validateAll.stderr.split(/^(?=✗ )/m);
  return blocks.find((b) => b.startsWith(`✗ ${file}: `)) ?? "";
}

/** Runs `work` over `items`, `n` at a time (each item spawns two CLI processes). */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

beforeAll(async () => {
  assertBuilt();
  tmp = await tempDir("fanout-bad-");
  // 10 MiB of a plausible job (a huge comment): refused by size before it is parsed.
  const head = "name: big\ntargets: []\nsteps: []\n# ";
  await writeFile(join(tmp, "ten-mib.yaml"), head + "x".repeat(10 * 1024 * 1024 - head.length));
  // Stands in for the API: a bad job file must not make fanout send anything.
  server = createServer((_req, res) => {
    requests += 1;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const env = {
    SEVALLA_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`,
    SEVALLA_API_TOKEN: "sev_rw_corpus_0123456789",
  };
  const files = [...CORPUS.map((f) => join(DIR, f)), join(tmp, "ten-mib.yaml")];
  // `validate` takes every file at once (one block per file, exit 2 if any is invalid); `run`
  // goes further than validate, so it gets each file alone.
  const all = await runCli(["validate", ...files], { env });
  validateAll = { ...all, stderr: normalise(all.stderr), stdout: normalise(all.stdout) };
  await pool(files, 4, async (file) => {
    const run = await runCli(["run", file, "--report", join(tmp, "report.json")], { env });
    runs.set(file.startsWith(tmp) ? BIG : file, { ...run, stderr: normalise(run.stderr) });
  });
}, 120_000);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("bad input corpus (test/fixtures/bad, and a 10 MiB file)", () => {
  it("holds at least 40 files", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of [...CORPUS.map((f) => join(DIR, f)), BIG]) {
    it(name, () => {
      const run = runs.get(name);
      const block = validateBlock(name);
      expect(run).toBeDefined();
      if (!run) return;
      expect(run.code, run.stderr).toBe(2);
      for (const text of [`${run.stdout}${run.stderr}`, block]) {
        expect(text.trimEnd().split("\n").length, text).toBeLessThanOrEqual(SCREEN_LINES);
        expect(text).not.toMatch(/^ {4}at /m);
        expect(text).not.toMatch(/Error:|TypeError|node:internal/);
        // Names the file, with a position unless the file is refused whole (too big).
        if (name === BIG) expect(text).toContain("ten-mib.yaml: is ");
        else expect(text).toMatch(/\.yaml:\d+:\d+[: ]/);
      }
      expect(block).toMatchSnapshot("validate");
      expect(run.stderr).toMatchSnapshot("run");
    });
  }

  it("validate: exit 2, every file refused, none passed", () => {
    expect(validateAll.code).toBe(2);
    expect(validateAll.stdout).not.toContain("✓");
    expect(validateAll.stderr.match(/^✗ /gm)).toHaveLength(CORPUS.length + 1);
  });

  it("sent nothing to the API", () => {
    expect(requests).toBe(0);
  });

  it("a UTF-8 BOM or CRLF line ends on a valid job are fine", async () => {
    const job =
      "name: ok\ntargets:\n  - app: a0000001-0000-4000-8000-000000000001\n    process: b0000001-0000-4000-8000-000000000001\nsteps:\n  - name: env\n    command: [env]\n";
    await writeFile(join(tmp, "bom.yaml"), `\ufeff${job}`);
    await writeFile(join(tmp, "crlf.yaml"), job.replaceAll("\n", "\r\n"));
    const res = await runCli(["validate", join(tmp, "bom.yaml"), join(tmp, "crlf.yaml")]);
    expect(res.code, res.stderr).toBe(0);
  });
});
