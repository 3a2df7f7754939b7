// Fleet checks as a user meets them: the built CLI against a simulator on loopback. A planted
// secret must appear nowhere fanout shows or writes (table, JSON, JUnit, output files) unless
// --no-redact says so; --read-only refuses before anything is sent; --group rolls outputs up.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, runCli, tempDir } from "../cli/spawn-cli.js";

const SECRET = "PLANTED-s3cr3t-7f1c9a";
let sim: RunningSimulator;
let dir: string;
const env = () => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.write });

beforeAll(async () => {
  assertBuilt();
  const fleet = defaultFleet();
  // Three web processes carry the planted secret in four shapes the redactor must catch.
  for (const n of [1, 2, 3]) {
    const p = fleet.apps[n - 1]?.processes[0];
    if (!p) throw new Error("fleet shape changed");
    p.env.API_TOKEN = SECRET;
    p.env.DATABASE_URL = `postgres://app:${SECRET}@db:5432/app`;
    p.env.CUSTOM_THING = `id-${SECRET}`;
    p.files["/app/.env"] = `SESSION_SECRET=${SECRET}\nDEBUG=false\n${"filler line\n".repeat(500)}`;
  }
  sim = await startSimulator({ fleet });
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = await tempDir("fanout-checks-e2e-");
  sim.counters.reset();
});

const targets = [1, 2, 3].map((n) => ({ app: appId(n), process: processId(n, 1) }));

async function job(name: string, body: Record<string, unknown>): Promise<string> {
  const { writeFile } = await import("node:fs/promises");
  const path = join(dir, `${name}.yaml`);
  await writeFile(path, `${JSON.stringify({ version: 1, name, targets, ...body }, null, 2)}\n`);
  return path;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe("fanout run: fleet checks", () => {
  it("redacts the planted secret in the table, groups, JSON, JUnit and output files", async () => {
    const file = await job("secrets", {
      redact: ["id-\\S+"],
      maxOutputBytes: 1024,
      steps: [
        { name: "env", command: ["env"], continueOnFailure: true },
        // Expectations see the raw output: the secret is checked without being shown.
        {
          name: "token",
          command: ["printenv", "API_TOKEN"],
          expect: { stdout: { equals: SECRET } },
        },
        { name: "dotenv", command: ["cat", "/app/.env"] },
      ],
    });
    const report = join(dir, "r.json");
    const junit = join(dir, "r.xml");
    const out = join(dir, "out");
    const res = await runCli(
      ["run", file, "--report", report, "--junit", junit, "--output-dir", out, "--group"],
      { env: { ...env(), COLUMNS: "200" } },
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("×3  [redacted] — ");
    const written = [report, junit, ...(await filesUnder(out))];
    expect(written.length).toBe(2 + 3 * 3 * 2);
    for (const text of [
      res.stdout,
      res.stderr,
      ...(await Promise.all(written.map((f) => readFile(f, "utf8")))),
    ]) {
      expect(text).not.toContain(SECRET);
    }
    const parsed = parseReport(JSON.parse(await readFile(report, "utf8")));
    expect(parsed.results.filter((r) => r.step === "env").every((r) => r.redacted)).toBe(true);
    expect(parsed.results.find((r) => r.step === "token")?.stdout).toBe("[redacted]\n");
    const envOut = parsed.results.find((r) => r.step === "env")?.stdout ?? "";
    expect(envOut).toContain("API_TOKEN=[redacted]\n");
    expect(envOut).toContain("DATABASE_URL=postgres://app:[redacted]@db:5432/app\n");
    expect(envOut).toContain("CUSTOM_THING=[redacted]\n");
    // The report keeps head and tail within maxOutputBytes; the output file keeps everything.
    const dotenv = parsed.results.find((r) => r.step === "dotenv");
    expect(dotenv?.truncated?.stdout).toBe(true);
    const full = await readFile(
      join(out, "dotenv", `${appId(1)}.${processId(1, 1)}.stdout`),
      "utf8",
    );
    expect(full).toBe(`SESSION_SECRET=[redacted]\nDEBUG=false\n${"filler line\n".repeat(500)}`);
    expect(
      (await stat(join(out, "dotenv", `${appId(1)}.${processId(1, 1)}.stdout`))).mode & 0o777,
    ).toBe(0o600);
    expect(res.stderr).toContain(`Outputs: 18 files in ${out}`);
  });

  it("--no-redact shows values as printed (so the scan above can see a leak)", async () => {
    const file = await job("raw", {
      steps: [{ name: "token", command: ["printenv", "API_TOKEN"] }],
    });
    const res = await runCli(["run", file, "--report", join(dir, "r.json"), "--no-redact"], {
      env: env(),
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(SECRET);
  });

  it("--output-dir: one folder per job file with several jobs; an unusable DIR is exit 2 before sending", async () => {
    const a = await job("a", {
      steps: [{ name: "os", command: ["grep", "PRETTY_NAME", "/etc/os-release"] }],
    });
    const b = await job("b", { steps: [{ name: "tz", command: ["printenv", "TZ"] }] });
    const out = join(dir, "out");
    const res = await runCli(["run", a, b, "--report", join(dir, "r.json"), "--output-dir", out], {
      env: env(),
    });
    expect(res.code).toBe(0);
    const files = (await filesUnder(out)).map((f) => f.slice(out.length + 1)).sort();
    expect(files).toHaveLength(12);
    expect(files[0]).toBe(`a/os/${appId(1)}.${processId(1, 1)}.stderr`);
    expect(
      await readFile(join(out, "b", "tz", `${appId(2)}.${processId(2, 1)}.stdout`), "utf8"),
    ).toBe("UTC\n");

    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(dir, "not-a-dir"), "");
    sim.counters.reset();
    const bad = await runCli(
      ["run", a, "--report", join(dir, "r.json"), "--output-dir", join(dir, "not-a-dir", "x")],
      {
        env: env(),
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`Cannot write outputs into ${join(dir, "not-a-dir", "x")}:`);
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("--read-only refuses a mutating step before anything is sent: exit 2, naming the step", async () => {
    const file = await job("rw", {
      steps: [
        { name: "env", command: ["printenv", "NODE_ENV"] },
        { name: "clear-cache", command: ["rm", "-rf", "/app/storage/cache"] },
      ],
    });
    const res = await runCli(["run", file, "--report", join(dir, "r.json"), "--read-only"], {
      env: env(),
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      `${file}: --read-only: step "clear-cache" runs \`rm\`, which is not read-only;`,
    );
    expect(res.stderr).toContain("Nothing was run.");
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("readOnly: true in the job is refused by the loader, with file:line:column", async () => {
    const file = await job("ro", {
      readOnly: true,
      steps: [{ name: "touch", command: ["touch", "/x"] }],
    });
    const res = await runCli(["run", file, "--report", join(dir, "r.json")], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /:\d+:\d+ steps\[0\]\.command\[0\]: the job is readOnly: step "touch" runs `touch`/,
    );
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("a missed expectation exits 1; the table and the failed list say which one and what was seen", async () => {
    const file = await job("expect", {
      steps: [
        {
          name: "node-env",
          command: ["env"],
          grep: "^NODE_ENV=",
          expect: { stdout: { matches: "^NODE_ENV=staging$" } },
        },
      ],
    });
    const report = join(dir, "r.json");
    const res = await runCli(["run", file, "--report", report], {
      env: { ...env(), COLUMNS: "160" },
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("stdout.matches: saw NODE_ENV=production");
    // Three identical filtered outputs: the roll-up shows without --group.
    expect(res.stdout).toContain("node-env: 3 answers, 1 output\n    ×3  NODE_ENV=production");
    const parsed = parseReport(JSON.parse(await readFile(report, "utf8")));
    expect(parsed.results[0]).toMatchObject({
      status: "failed",
      filtered: true,
      error: { code: "EXPECTATION_FAILED" },
    });
    expect(parsed.groups[0]).toMatchObject({ step: "node-env", answered: 3, distinct: 1 });
  });
});
