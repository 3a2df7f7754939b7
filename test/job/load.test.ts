// biome-ignore-all lint/suspicious/noTemplateCurlyInString: job files quote ${{ vars.x }}
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobValidationError } from "../../src/job/errors.js";
import { loadJob, parseJob } from "../../src/job/load.js";
import { MAX_JOB_FILE_BYTES } from "../../src/job/read.js";

const VALID = "test/fixtures/jobs/valid";
const APP = "a0000001-0000-4000-8000-000000000001";
const PROC = "b0000001-0000-4000-8000-000000000001";
const MINIMAL = `name: m\ntargets:\n  - app: ${APP}\n    process: ${PROC}\nsteps:\n  - name: env\n    command: [env]\n`;

async function rejection(promise: Promise<unknown>): Promise<JobValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobValidationError);
  return error as JobValidationError;
}

function parseError(text: string, vars?: Record<string, string>): JobValidationError {
  try {
    parseJob(text, { file: "x.yaml", vars });
  } catch (error) {
    expect(error).toBeInstanceOf(JobValidationError);
    return error as JobValidationError;
  }
  throw new Error("expected parseJob to throw");
}

describe("loadJob on valid files", () => {
  it("normalises every field of full.yaml", async () => {
    const job = await loadJob(`${VALID}/full.yaml`);
    const at = (line: number) => ({ file: `${VALID}/full.yaml`, line, column: 5 });
    expect(job).toEqual({
      version: 1,
      name: "full_job.v1",
      description: "every field, with values other than the defaults",
      file: resolve(`${VALID}/full.yaml`),
      concurrency: 4,
      perApp: 2,
      timeout: 30,
      retries: 5,
      rateLimit: { requests: 30, perMs: 60_000 },
      maxFailures: { kind: "percent", value: 10 },
      vars: { name: "NODE_ENV", lines: "20" },
      targets: [
        { app: APP, processes: [PROC], position: at(16) },
        {
          app: "A0000002-0000-4000-8000-000000000002",
          processes: [
            "b0000002-0000-4000-8000-000000000002",
            "b0000003-0000-4000-8000-000000000003",
          ],
          label: "billing-workers",
          position: at(18),
        },
      ],
      steps: [
        {
          name: "node-env",
          command: ["printenv", "NODE_ENV"],
          timeout: 10,
          retries: 5,
          continueOnFailure: true,
          position: at(22),
        },
        {
          name: "tail-log",
          command: ["tail", "-n", "20", "/app/storage/logs/app.log"],
          timeout: 30,
          retries: 0,
          idempotent: true,
          continueOnFailure: false,
          position: at(26),
        },
        {
          name: "clear-cache",
          command: ["php", "artisan", "cache:clear", "--tag=NODE_ENV-20"],
          timeout: 30,
          retries: 5,
          idempotent: false,
          continueOnFailure: false,
          position: at(30),
        },
      ],
    });
  });

  it("applies the defaults to a minimal file", async () => {
    const job = await loadJob(`${VALID}/minimal.yaml`);
    expect(job).toMatchObject({ version: 1, concurrency: 10, timeout: 15, retries: 3, vars: {} });
    expect(job.steps[0]).toMatchObject({ timeout: 15, retries: 3, continueOnFailure: false });
    expect(job.steps[0]).not.toHaveProperty("idempotent");
    expect(job).not.toHaveProperty("rateLimit");
    expect(job).not.toHaveProperty("maxFailures");
    expect(job).not.toHaveProperty("perApp");
  });

  it("takes argv numbers and booleans exactly as written", async () => {
    const job = await loadJob(`${VALID}/numbers-as-written.yaml`);
    expect(job.steps[0]?.command).toEqual(
      ["echo", "5", "1.0", "0x1F", "-7", "1e3", ".5", "true", "False", "007", "+12", ".inf"].concat(
        ["1.50", "yes"],
      ),
    );
    expect(job.vars).toEqual({ ratio: "1.50", flag: "yes" });
  });

  it("follows anchors, aliases and merge keys", async () => {
    const job = await loadJob(`${VALID}/anchors.yaml`);
    expect(job.steps.map((s) => [s.name, s.command, s.timeout, s.retries])).toEqual([
      ["disk", ["df", "-h"], 45, 1],
      ["disk-again", ["df", "-h"], 45, 1],
      ["du", ["du", "-sh", "/app"], 15, 3],
    ]);
  });

  it("accepts a UTF-8 BOM and CRLF line endings, with positions unchanged", () => {
    const crlf = `\uFEFF${MINIMAL.replace(/\n/g, "\r\n")}`.replace("[env]", "[echo, 1.0]");
    const job = parseJob(crlf, { file: "crlf.yaml" });
    expect(job.steps[0]?.command).toEqual(["echo", "1.0"]);
    expect(job.steps[0]?.position).toEqual({ file: "crlf.yaml", line: 6, column: 5 });
    const bad = parseError(crlf.replace("name: m", "name: m\r\ntimeout: 0"));
    expect(bad.problems.map((p) => [p.line, p.column, p.path])).toEqual([[2, 10, "timeout"]]);
  });

  it("lets --var override and add variables", () => {
    const text = MINIMAL.replace("[env]", '[printenv, "${{ vars.a }}", "${{ vars.b }}"]').concat(
      "vars: {a: default}\n",
    );
    const job = parseJob(text, { file: "x.yaml", vars: { a: "over", b: "" } });
    expect(job.steps[0]?.command).toEqual(["printenv", "over", ""]);
    expect(job.vars).toEqual({ a: "over", b: "" });
  });

  it("names the known variables, including those from --var, when one is unknown", () => {
    const text = MINIMAL.replace("[env]", '[printenv, "${{ vars.c }}"]');
    const error = parseError(text, { a: "1", b: "2" });
    expect(error.problems[0]?.message).toBe("unknown variable `vars.c`; known: a, b");
  });
});

describe("loadJob on files it cannot use", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "fanout-job-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reports a missing file without a position", async () => {
    const error = await rejection(loadJob(join(dir, "nope.yaml")));
    expect(error.code).toBe("JOB_FILE_NOT_FOUND");
    expect(error.message).toBe(`${join(dir, "nope.yaml")}: no such file`);
    expect(error.problems).toEqual([
      { file: join(dir, "nope.yaml"), line: 0, column: 0, path: "", message: "no such file" },
    ]);
  });

  it("reports a directory", async () => {
    const error = await rejection(loadJob(dir));
    expect(error.code).toBe("JOB_FILE_UNREADABLE");
    expect(error.message).toBe(`${dir}: is a directory, not a job file`);
  });

  it("refuses a file over 1 MiB before parsing it", async () => {
    const file = join(dir, "big.yaml");
    // Valid YAML throughout, so only the size can be the reason.
    await writeFile(file, `${MINIMAL}# ${"x".repeat(MAX_JOB_FILE_BYTES)}\n`);
    const error = await rejection(loadJob(file));
    expect(error.code).toBe("JOB_FILE_TOO_LARGE");
    expect(error.message).toBe(
      `${file}: is ${MINIMAL.length + MAX_JOB_FILE_BYTES + 3} bytes; a job file may be at most 1 MiB (1048576 bytes)`,
    );
  });

  it("accepts a file of exactly 1 MiB", async () => {
    const file = join(dir, "exact.yaml");
    const padding = MAX_JOB_FILE_BYTES - MINIMAL.length - 3;
    await writeFile(file, `${MINIMAL}# ${"x".repeat(padding)}\n`);
    expect((await readFile(file)).length).toBe(MAX_JOB_FILE_BYTES);
    await expect(loadJob(file)).resolves.toMatchObject({ name: "m" });
  });

  it("refuses text that is not UTF-8", async () => {
    const file = join(dir, "latin1.yaml");
    await writeFile(file, Buffer.from("name: caf\xe9\n", "latin1"));
    const error = await rejection(loadJob(file));
    expect(error.code).toBe("JOB_FILE_NOT_UTF8");
    expect(error.message).toBe(`${file}:1:10: is not UTF-8 text (byte 0xe9); save it as UTF-8`);
  });
});

describe("JobValidationError", () => {
  it("carries every problem, sorted by position, and a message listing them", () => {
    const error = parseError("steps: 1\nname: a b\ntargets: []\n");
    expect(error.code).toBe("JOB_INVALID");
    expect(error.name).toBe("JobValidationError");
    expect(error.problems.map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual([
      "1:8 steps",
      "2:7 name",
      "3:10 targets",
    ]);
    expect(error.message.split("\n")[0]).toBe("3 problems:");
    expect(error.message.split("\n")).toHaveLength(4);
  });

  it("reports YAML syntax errors with their position and nothing else", () => {
    const error = parseError("name: [a\nsteps: x\n");
    expect(error.code).toBe("JOB_YAML_SYNTAX");
    expect(error.problems.every((p) => p.message.startsWith("YAML: "))).toBe(true);
    expect(error.problems[0]?.line).toBeGreaterThan(0);
  });

  it("reports an unknown tag as a problem, not a crash", () => {
    const error = parseError(MINIMAL.replace("name: m", "name: !secret m"));
    expect(error.problems.map((p) => p.message)).toEqual(["YAML: unresolved tag: !secret"]);
  });

  it("names a tagged value as such", () => {
    const error = parseError(MINIMAL.replace("name: m", "name: !!binary aGVsbG8="));
    expect(error.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'name: must be 1 to 100 letters, digits, "-", "_" or ".", got a tagged value',
    ]);
  });

  it("refuses nesting too deep for the YAML parser itself, without a crash", () => {
    const error = parseError(`name: x\nsteps: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`);
    expect(error.code).toBe("JOB_YAML_SYNTAX");
    expect(error.problems.map((p) => p.message)).toContain(
      "YAML: nested too deeply to parse; a job needs only a few levels",
    );
  });

  it("never throws anything but a JobValidationError for mangled input", () => {
    // Cut, duplicate and splice a valid file at many points: every variant must either load or
    // be refused with problems, never crash with a stack trace.
    const full = MINIMAL.replace("[env]", '[printenv, "${{ vars.x }}", 1.0]').concat(
      "vars: &v {x: 1}\nlabels: *v\n",
    );
    let refused = 0;
    for (let i = 0; i < full.length; i += 3) {
      for (const variant of [
        full.slice(0, i),
        full.slice(i),
        full.slice(0, i) + full.slice(i + 5),
        full.slice(0, i) + full.slice(Math.max(i - 7, 0)),
        `${full.slice(0, i)}: [{\n${full.slice(i)}`,
      ]) {
        try {
          parseJob(variant, { file: "m.yaml" });
        } catch (error) {
          expect(error).toBeInstanceOf(JobValidationError);
          expect((error as JobValidationError).problems.length).toBeGreaterThan(0);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
  });
});
