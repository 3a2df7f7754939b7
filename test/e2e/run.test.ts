// `fanout run` as a user runs it: the built CLI, a simulator on loopback, the key in the env.
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fromJSONSchema } from "zod";
import { parseReport } from "../../src/report/schema.js";
import { defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, type JobSpec, runCli, tempDir, writeJob } from "../cli/spawn-cli.js";

let sim: RunningSimulator;
let dir: string;
const env = (token: string) => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: token });

/** Targets 1..n: the web process of apps 1..n of the default fleet. */
const targets = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ app: appId(from + i), process: processId(from + i, 1) }));
const step = (name: string, ...command: string[]) => ({ name, command });

async function job(file: string, spec: Partial<JobSpec>): Promise<string> {
  return writeJob(dir, file, { name: "e2e", targets: targets(3), steps: [], ...spec });
}

async function readReport(path: string) {
  return parseReport(JSON.parse(await readFile(path, "utf8")));
}

beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = await tempDir();
  sim.counters.reset();
});

describe("fanout run: exit codes", () => {
  it("0 when every step is ok; writes a 0600 report that matches schema/report.schema.json", async () => {
    const file = await job("ok.yaml", { steps: [step("node-env", "printenv", "NODE_ENV")] });
    const report = join(dir, "report.json");
    const res = await runCli(["run", file, "--report", report], { env: env(sim.keys.write) });
    expect(res.stderr).toContain(`Report: ${report}`);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/│ Target +│ Step +│ Status/);
    expect(res.stdout).toContain("3 targets · 3 steps · 3 ok · ");
    expect((await stat(report)).mode & 0o777).toBe(0o600);
    const text = await readFile(report, "utf8");
    const parsed = await readReport(report);
    expect(parsed.results.map((r) => r.stdout)).toEqual([
      "production\n",
      "production\n",
      "production\n",
    ]);
    const schema = JSON.parse(
      await readFile(new URL("../../schema/report.schema.json", import.meta.url), "utf8"),
    );
    expect(fromJSONSchema(schema).safeParse(JSON.parse(text)).success).toBe(true);
  });

  it("1 when a command answered with a failure", async () => {
    const file = await job("fail.yaml", { steps: [step("missing", "printenv", "NO_SUCH_VAR")] });
    const res = await runCli(["run", file, "--report", join(dir, "r.json")], {
      env: env(sim.keys.write),
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("3 failed");
    expect(res.stdout).toContain("Failed targets (3):");
  });

  it("3 when a step got no answer: a read key meets 403, sent once", async () => {
    const file = await job("forbidden.yaml", {
      targets: targets(1),
      steps: [step("env", "printenv", "NODE_ENV"), step("touch", "touch", "/app/storage/x")],
    });
    const report = join(dir, "r.json");
    // --yes: touch may change the fleet, and this shell is not a terminal.
    const res = await runCli(["run", file, "--report", report, "--yes"], {
      env: env(sim.keys.read),
    });
    expect(res.code).toBe(3);
    const touch = (await readReport(report)).results[1];
    expect(touch).toMatchObject({ status: "error", attempts: 1, exitCode: null });
    expect(touch?.error).toMatchObject({
      code: "API_FORBIDDEN",
      httpStatus: 403,
      class: "permanent",
    });
    expect(res.stdout).toContain("1 error");
  });

  it("3 when 503s outlast the retries of a read-only step", async () => {
    const flaky = await startSimulator({
      fleet: {
        ...defaultFleet(),
        scripts: [{ process: processId(1, 1), sequence: [503, 503, 503] }],
      },
    });
    try {
      const file = await job("flaky.yaml", {
        targets: targets(1),
        steps: [step("env", "printenv", "NODE_ENV")],
        extra: { retries: 1 },
      });
      const report = join(dir, "r.json");
      const res = await runCli(["run", file, "--report", report], {
        env: { SEVALLA_API_URL: flaky.url, SEVALLA_API_TOKEN: flaky.keys.read },
      });
      expect(res.code).toBe(3);
      const [only] = (await readReport(report)).results;
      expect(only).toMatchObject({ status: "error", attempts: 2 });
      expect(only?.error).toMatchObject({ httpStatus: 503, class: "ambiguous" });
    } finally {
      await flaky.close();
    }
  });

  it("5 when the failure threshold stops the run; targets not started are cancelled", async () => {
    const file = await job("threshold.yaml", {
      targets: targets(6),
      steps: [step("missing", "printenv", "NO_SUCH_VAR")],
      extra: { concurrency: 1, maxFailures: 1 },
    });
    const report = join(dir, "r.json");
    const res = await runCli(["run", file, "--report", report], { env: env(sim.keys.write) });
    expect(res.code).toBe(5);
    const parsed = await readReport(report);
    expect(parsed.stoppedBy).toBe("threshold");
    expect(parsed.results).toHaveLength(6);
    expect(parsed.summary.cancelled).toBeGreaterThan(0);
    expect(res.stdout).toContain("stopped: failure threshold");
  });
});

describe("fanout run: invalid input is exit 2 and sends nothing", () => {
  it("an invalid job prints the loader's problems with file:line:column", async () => {
    const file = join(dir, "bad.yaml");
    await writeFile(file, "version: 1\nname: bad\ntargets: []\n");
    const res = await runCli(["run", file], { env: env(sim.keys.write) });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    expect(res.stderr).toContain("Nothing was run");
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("a missing key says which variable to set", async () => {
    const file = await job("ok.yaml", { steps: [step("env", "printenv", "NODE_ENV")] });
    const res = await runCli(["run", file], { env: { SEVALLA_API_URL: sim.url }, cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("SEVALLA_API_TOKEN is not set");
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("a report path in a missing directory is refused before anything is sent", async () => {
    const file = await job("ok.yaml", { steps: [step("env", "printenv", "NODE_ENV")] });
    const res = await runCli(["run", file, "--report", join(dir, "nope", "r.json")], {
      env: env(sim.keys.write),
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Cannot write reports into");
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("a bad flag value or a bad --var", async () => {
    const file = await job("ok.yaml", { steps: [step("env", "printenv", "NODE_ENV")] });
    const bad = await runCli(["run", file, "--concurrency", "0"], { env: env(sim.keys.write) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--concurrency");
    const badVar = await runCli(["run", file, "--var", "no-equals"], { env: env(sim.keys.write) });
    expect(badVar.code).toBe(2);
    expect(badVar.stderr).toContain("--var");
    expect(sim.counters.totalRequests()).toBe(0);
  });
});

describe("fanout run: outputs", () => {
  it("--dry-run prints the plan, needs no key and sends nothing", async () => {
    const file = await job("plan.yaml", {
      steps: [step("env", "printenv", "NODE_ENV"), step("os", "cat", "/etc/os-release")],
    });
    const res = await runCli(["run", file, "--dry-run", "--concurrency", "7"], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(
      "3 targets × 2 steps = 6 requests planned (dry run: nothing sent)",
    );
    expect(res.stdout).toContain("Concurrency 7");
    expect(res.stdout).toContain(`${appId(1)} / ${processId(1, 1)}`);
    expect(sim.counters.totalRequests()).toBe(0);
  });

  it("--junit writes JUnit XML; --quiet prints the summary only; --only-failed hides ok rows", async () => {
    const file = await job("mixed.yaml", {
      targets: [...targets(1), { app: appId(5), process: processId(5, 2), label: "notif-worker" }],
      steps: [step("env", "printenv", "NODE_ENV"), step("missing", "printenv", "NO_SUCH_VAR")],
    });
    const junit = join(dir, "junit.xml");
    const args = ["run", file, "--report", join(dir, "r.json"), "--junit", junit];
    const quiet = await runCli([...args, "--quiet"], { env: env(sim.keys.write) });
    expect(quiet.stdout).not.toContain("│");
    expect(quiet.stdout).toMatch(/^2 targets · 4 steps · 2 ok · 2 failed · /);
    const xml = await readFile(junit, "utf8");
    expect(xml).toContain('<testsuite name="e2e.env" tests="2" failures="0"');
    expect(xml).toContain('<testsuite name="e2e.missing" tests="2" failures="2"');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    const onlyFailed = await runCli([...args, "--only-failed", "--var", "x=1"], {
      env: env(sim.keys.write),
    });
    expect(onlyFailed.stdout).toMatch(/│ notif-worker +│ missing +│ failed /);
    expect(onlyFailed.stdout).not.toMatch(/│ env +│ ok /);
  });

  it("--var overrides a job variable", async () => {
    const file = await job("vars.yaml", {
      targets: targets(1),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the job's own ${{ }} syntax
      steps: [step("var", "printenv", "${{ vars.name }}")],
      extra: { vars: { name: "NODE_ENV" } },
    });
    const report = join(dir, "r.json");
    const res = await runCli(["run", file, "--report", report, "--var", "name=NODE_VERSION"], {
      env: env(sim.keys.write),
    });
    expect(res.code).toBe(0);
    const [only] = (await readReport(report)).results;
    expect(only).toMatchObject({ command: ["printenv", "NODE_VERSION"], stdout: "20.18.1\n" });
  });

  it("several jobs: one report per job, the exit code of highest precedence", async () => {
    const a = await job("audit-a.yaml", { steps: [step("env", "printenv", "NODE_ENV")] });
    const b = await job("audit-b.yaml", { steps: [step("missing", "printenv", "NO_SUCH_VAR")] });
    const res = await runCli(["run", a, b, "--report", join(dir, "out.json")], {
      env: env(sim.keys.write),
    });
    expect(res.code).toBe(1);
    expect((await readReport(join(dir, "out.audit-a.json"))).summary.ok).toBe(3);
    expect((await readReport(join(dir, "out.audit-b.json"))).summary.failed).toBe(3);
    expect(res.stdout).toContain("== e2e (");
  });

  it("never shows the key: not in stdout, stderr or the report, even when requests fail", async () => {
    const file = await job("secret.yaml", {
      targets: targets(2),
      steps: [step("env", "env"), step("touch", "touch", "/tmp/x")],
    });
    const report = join(dir, "r.json");
    for (const key of [sim.keys.read, "sev_ro_not-a-real-key-0123456789"]) {
      const args = ["run", file, "--report", report, "--junit", join(dir, "j.xml"), "--yes"];
      const res = await runCli(args, { env: env(key) });
      // The read key gets a 403 on touch; the unknown key a 401 on everything: no answer, 3.
      expect(res.code).toBe(3);
      const written =
        (await readFile(report, "utf8")) + (await readFile(join(dir, "j.xml"), "utf8"));
      for (const text of [res.stdout, res.stderr, written]) expect(text).not.toContain(key);
    }
  });
});
