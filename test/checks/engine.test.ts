// The checks wired into the run engine: what leaves runJob (results, events, onOutput) is
// filtered, checked on the raw text, redacted and cut, at the one place an answer becomes a result.
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/run/events.js";
import type { FullOutput } from "../../src/run/options.js";
import { runJob } from "../../src/run/run-job.js";
import { answer, FakeClient, job, processId, step } from "../run/helpers.js";

const SECRET = "sk_live_PLANTED0123456789";
const ENV = `PATH=/bin\nNODE_ENV=production\nAPI_TOKEN=${SECRET}\nDATABASE_URL=postgres://u:${SECRET}@db/app\n`;

async function run(
  steps: Parameters<typeof job>[0],
  extra: Parameters<typeof job>[1] = {},
  stdout = ENV,
  options = {},
) {
  const client = new FakeClient({}, 0, answer(0, stdout));
  const events: RunEvent[] = [];
  const outputs: FullOutput[] = [];
  const report = await runJob(job(steps, { apps: 2, ...extra }), {
    client,
    onEvent: (e) => events.push(e),
    onOutput: (o) => {
      outputs.push(o);
    },
    ...options,
  });
  return { report, events, outputs };
}

describe("checks in the run engine", () => {
  it("filters stdout and says so; expectations see the filtered text", async () => {
    const { report } = await run([
      step("env", ["env"], {
        filter: { grep: "^NODE_ENV=" },
        expect: { stdout: { equals: "NODE_ENV=production" } },
      }),
    ]);
    expect(report.results.map((r) => [r.status, r.stdout, r.filtered])).toEqual([
      ["ok", "NODE_ENV=production\n", true],
      ["ok", "NODE_ENV=production\n", true],
    ]);
  });

  it("a missed expectation is `failed` with EXPECTATION_FAILED, which one and what was seen", async () => {
    const { report } = await run([
      step("env", ["env"], {
        filter: { grep: "^NODE_ENV=" },
        expect: { stdout: { matches: "^NODE_ENV=staging$" } },
      }),
    ]);
    const [r] = report.results;
    expect(r).toMatchObject({
      status: "failed",
      exitCode: 0,
      expectation: {
        check: "stdout.matches",
        expected: "a line matching /^NODE_ENV=staging$/",
        seen: "NODE_ENV=production",
      },
      error: {
        code: "EXPECTATION_FAILED",
        message:
          'stdout.matches: expected a line matching /^NODE_ENV=staging$/, saw "NODE_ENV=production"',
      },
    });
    expect(report.summary.failed).toBe(2);
  });

  it("an expected non-zero exit code is ok; an unexpected 0 is failed with UNEXPECTED_EXIT_CODE", async () => {
    const client = new FakeClient({ [processId(1)]: [answer(1, "")] }, 0, answer(0, ""));
    const report = await runJob(
      job([step("grep", ["grep", "-q", "x", "f"], { expect: { exitCode: [1] } })], { apps: 2 }),
      { client },
    );
    expect(report.results.map((r) => r.status)).toEqual(["ok", "failed"]);
    expect(report.results[1]?.error).toMatchObject({
      code: "UNEXPECTED_EXIT_CODE",
      message: "exited with code 0 (expected 1)",
    });
    expect(report.results[1]?.expectation).toEqual({ check: "exitCode", expected: "1", seen: "0" });
  });

  it("expectations see the raw output: a secret can be checked without being revealed", async () => {
    const { report, events, outputs } = await run([
      step("token", ["env"], { expect: { stdout: { matches: `^API_TOKEN=${SECRET}$` } } }),
    ]);
    expect(report.results.every((r) => r.status === "ok" && r.redacted)).toBe(true);
    expect(report.results[0]?.stdout).toContain("API_TOKEN=[redacted]");
    expect(report.results[0]?.stdout).toContain("postgres://u:[redacted]@db/app");
    for (const text of [JSON.stringify(report), JSON.stringify(events), JSON.stringify(outputs)]) {
      expect(text).not.toContain(SECRET);
    }
  });

  it("a missed expectation's `seen` is redacted too", async () => {
    const { report, events } = await run([
      step("token", ["env"], { expect: { stdout: { equals: "nope" } } }),
    ]);
    expect(report.results[0]?.expectation?.seen).toContain("API_TOKEN=[redacted]");
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it("the job's and the step's redact patterns add to the defaults; redact: false shows everything", async () => {
    const { report } = await run([step("env", ["env"], { redact: ["production"] })], {
      redact: ["^PATH=.*$"],
    });
    expect(report.results[0]?.stdout.split("\n").slice(0, 2)).toEqual([
      "[redacted]",
      "NODE_ENV=[redacted]",
    ]);
    const raw = await run([step("env", ["env"])], {}, ENV, { redact: false });
    expect(raw.report.results[0]?.stdout).toBe(ENV);
    expect(raw.report.results[0]?.redacted).toBe(false);
  });

  it("keeps head and tail of big outputs within maxOutputBytes; onOutput gets it whole", async () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join("");
    const { report, outputs } = await run(
      [step("log", ["cat", "log"])],
      { maxOutputBytes: 4096 },
      big,
    );
    const [r] = report.results;
    expect(r?.truncated).toEqual({
      stdout: true,
      stderr: false,
      originalBytes: { stdout: Buffer.byteLength(big), stderr: 0 },
    });
    expect(Buffer.byteLength(r?.stdout ?? "")).toBeLessThanOrEqual(4096);
    expect(r?.stdout.startsWith("line 0\n")).toBe(true);
    expect(r?.stdout.endsWith("line 19999\n")).toBe(true);
    expect(outputs[0]?.stdout).toBe(big);
    expect(outputs).toHaveLength(2);
  });

  it("onOutput gets the unfiltered output, once per answered step, and its errors lose nothing", async () => {
    const client = new FakeClient({}, 0, answer(0, ENV));
    const report = await runJob(
      job([step("env", ["env"], { filter: { grep: "^PATH=" } })], { apps: 3 }),
      {
        client,
        onOutput: () => Promise.reject(new Error("disk full")),
      },
    );
    expect(report.results.map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
    const seen: string[] = [];
    await runJob(job([step("env", ["env"], { filter: { grep: "^PATH=" } })]), {
      client,
      onOutput: (o) => {
        seen.push(o.stdout);
      },
    });
    expect(seen).toEqual([ENV.replace(SECRET, "[redacted]").replace(SECRET, "[redacted]")]);
  });

  it("streams: each output is handed over (and awaited) before its result is recorded", async () => {
    const order: string[] = [];
    const client = new FakeClient({}, 0, answer(0, "x\n"));
    await runJob(job([step("a", ["env"]), step("b", ["env"])], { apps: 3 }), {
      client,
      concurrency: 1,
      onEvent: (e) => {
        if (e.type === "stepEnd") order.push(`end ${e.result.step} ${e.result.process.slice(-1)}`);
      },
      onOutput: async (o) => {
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`out ${o.result.step} ${o.result.process.slice(-1)}`);
      },
    });
    expect(order).toEqual(
      [1, 2, 3].flatMap((n) => [`out a ${n}`, `end a ${n}`, `out b ${n}`, `end b ${n}`]),
    );
  });

  it("the report groups outputs per step", async () => {
    const { report } = await run([step("env", ["env"], { filter: { grep: "^NODE_ENV=" } })]);
    expect(report.groups).toEqual([
      {
        step: "env",
        answered: 2,
        distinct: 1,
        groups: [expect.objectContaining({ output: "NODE_ENV=production\n", count: 2 })],
      },
    ]);
  });

  it("a bad pattern in a Job built in code is refused before sending", async () => {
    const client = new FakeClient({});
    await expect(
      runJob(job([step("x", ["env"], { filter: { grep: "(" } })]), { client }),
    ).rejects.toThrow(/^step "x" grep: is not a valid regular expression/);
    expect(client.calls).toHaveLength(0);
  });
});
