// `fanout validate` as a user runs it: the built CLI (npm test builds it first), real files.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = "dist/cli/main.js";
const VALID = "test/fixtures/jobs/valid";
const INVALID = "test/fixtures/jobs/invalid";

function fanout(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  dir = await mkdtemp(join(tmpdir(), "fanout-validate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fanout validate", () => {
  it("exits 0 and prints a verdict per valid file on stdout", () => {
    const r = fanout(
      "validate",
      `${VALID}/minimal.yaml`,
      `${VALID}/full.yaml`,
      "jobs/env-audit.yaml",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        `✓ ${VALID}/minimal.yaml: valid (1 target × 1 step)`,
        `✓ ${VALID}/full.yaml: valid (3 targets × 3 steps)`,
        "✓ jobs/env-audit.yaml: valid (6 targets × 2 steps)",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(0);
  });

  it("exits 2 and lists every problem as file:line:column path: message on stderr", () => {
    const file = `${INVALID}/many-problems.yaml`;
    const r = fanout("validate", file);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        `✗ ${file}: 7 problems`,
        `${file}:3:7 name: must be 1 to 100 letters, digits, "-", "_" or ".", got "many problems"`,
        `${file}:4:1 concurency: unknown key, did you mean \`concurrency\`?`,
        `${file}:5:10 timeout: must be an integer from 1 to 60 (seconds), got 90`,
        `${file}:7:10 targets[0].app: must be an application UUID or name, got ""`,
        `${file}:11:14 steps[0].command: must be a list of 1 to 100 arguments, the binary first (argv, no shell), e.g. [printenv, NODE_ENV], got an empty list`,
        `${file}:12:11 steps[1].name: step name already used by steps[0]; step names must be unique`,
        `${file}:13:25 steps[1].command[1]: unknown variable \`vars.name\`; no variables are defined (add \`vars:\` to the job or pass --var name=VALUE)`,
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(2);
  });

  it("checks every file and exits 2 when any is invalid", () => {
    const r = fanout("validate", `${VALID}/minimal.yaml`, `${INVALID}/timeout-range.yaml`);
    expect(r.stdout).toBe(`✓ ${VALID}/minimal.yaml: valid (1 target × 1 step)\n`);
    expect(r.stderr.split("\n")[0]).toBe(`✗ ${INVALID}/timeout-range.yaml: 2 problems`);
    expect(r.status).toBe(2);
  });

  it("rejects each kind of bad input with exit 2 and no stack trace", () => {
    const r = fanout("validate", `${INVALID}/yaml-syntax.yaml`, `${INVALID}/alias-bomb.yaml`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${INVALID}/yaml-syntax.yaml:9:3: YAML: `);
    expect(r.stderr).toContain(`${INVALID}/alias-bomb.yaml:5:10: aliases expand too much`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a missing file clearly, with exit 2", () => {
    const r = fanout("validate", "nope/missing.yaml");
    expect(r.stderr).toBe("✗ nope/missing.yaml: 1 problem\nnope/missing.yaml: no such file\n");
    expect(r.status).toBe(2);
  });

  it("refuses a file over 1 MiB", async () => {
    const file = join(dir, "big.yaml");
    await writeFile(file, `name: big\n# ${"x".repeat(1024 * 1024)}\n`);
    const r = fanout("validate", file);
    expect(r.stderr).toContain(`${file}: is 1048589 bytes; a job file may be at most 1 MiB`);
    expect(r.status).toBe(2);
  });

  it("stops reading an endless input at the limit", () => {
    const r = fanout("validate", "/dev/zero");
    expect(r.stderr).toBe(
      "✗ /dev/zero: 1 problem\n/dev/zero: is over 1 MiB; a job file may be at most 1 MiB (1048576 bytes)\n",
    );
    expect(r.status).toBe(2);
  });

  it("applies --var, and refuses a malformed one before reading any file", () => {
    const job = `${INVALID}/unknown-var-none-defined.yaml`;
    expect(fanout("validate", job, "--var", "name=NODE_ENV").status).toBe(0);
    const bad = fanout("validate", job, "--var", "name");
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe('--var: expected NAME=VALUE (e.g. --var name=NODE_ENV), got "name"\n');
    expect(bad.status).toBe(2);
  });

  it("exits 2 on a usage error such as no file", () => {
    const r = fanout("validate");
    expect(r.stderr).toContain("missing required argument 'file'");
    expect(r.status).toBe(2);
  });

  it("keeps a usage error to a short hint instead of the whole help", () => {
    const r = fanout("run", "--bogus", "jobs/env-audit.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain("--help");
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(3);
  });

  it("documents itself in --help", () => {
    const r = fanout("validate", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: fanout validate [options] <file...>");
    expect(r.stdout).toContain("--var <NAME=VALUE>");
    expect(r.stdout).toContain("fanout validate jobs/env-audit.yaml");
  });
});

describe("fanout", () => {
  it("--help lists validate", () => {
    const r = fanout("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: fanout /);
    expect(r.stdout).toMatch(/\n {2}validate \[options\] <file\.\.\.>\s+check job files/);
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(
      await import("node:fs/promises").then((fs) => fs.readFile("package.json", "utf8")),
    ) as { version: string };
    const r = fanout("--version");
    expect(r.stdout).toBe(`${version}\n`);
    expect(r.status).toBe(0);
  });
});
