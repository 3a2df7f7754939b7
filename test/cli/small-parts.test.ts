import { describe, expect, it } from "vitest";
import { renderPlan } from "../../src/cli/dry-run.js";
import { parseConcurrency, parseRate } from "../../src/cli/flags.js";
import { terminalWidth, wantsColor } from "../../src/cli/io.js";
import { outputPaths, perJobPath } from "../../src/cli/output-paths.js";
import { parseJob } from "../../src/job/load.js";
import { resolveTargets } from "../../src/targets/resolve.js";

describe("report paths for several jobs", () => {
  it("keeps the given path for one job", () => {
    expect(outputPaths("out/r.json", ["jobs/a.yaml"])).toEqual(["out/r.json"]);
  });

  it("inserts the job file's name before the extension, one file per job", () => {
    expect(outputPaths("fanout-report.json", ["jobs/env-audit.yaml", "other/node.yml"])).toEqual([
      "fanout-report.env-audit.json",
      "fanout-report.node.json",
    ]);
    expect(perJobPath("report", "a b.yaml")).toBe("report.a_b");
  });

  it("tells apart two job files with the same name in different folders", () => {
    expect(outputPaths("r.json", ["x/audit.yaml", "y/audit.yaml"])).toEqual([
      "r.audit.json",
      "r.audit-2.json",
    ]);
  });
});

describe("flag parsers", () => {
  it("accepts concurrency 1..1000 only", () => {
    expect(parseConcurrency("25")).toBe(25);
    for (const bad of ["0", "-1", "1.5", "abc", "1001", ""])
      expect(() => parseConcurrency(bad)).toThrow();
  });

  it("reads a rate like the job's rateLimit", () => {
    expect(parseRate("30/min")).toEqual({ requests: 30, perMs: 60_000 });
    expect(parseRate("5/s")).toEqual({ requests: 5, perMs: 1000 });
    for (const bad of ["30", "0/min", "30/day", "x/min"])
      expect(() => parseRate(bad)).toThrow(/30\/min/);
  });
});

describe("terminal facts", () => {
  it("colours only a terminal, never with NO_COLOR, always with FORCE_COLOR", () => {
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({}, false)).toBe(false);
    expect(wantsColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: "" }, true)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(wantsColor({ TERM: "dumb" }, true)).toBe(false);
  });

  it("fits a terminal's width, else COLUMNS, else no limit", () => {
    expect(terminalWidth({ COLUMNS: "90" }, { isTTY: true, columns: 120 })).toBe(120);
    expect(terminalWidth({ COLUMNS: "90" }, { isTTY: false })).toBe(90);
    expect(terminalWidth({}, {})).toBeUndefined();
  });
});

describe("dry-run plan", () => {
  const job = parseJob(
    [
      "version: 1",
      "name: plan",
      "maxFailures: 10%",
      "targets:",
      "  - app: a0000000-0000-4000-8000-000000000001",
      "    processes: [b0000000-0000-4000-8000-000100000001, b0000000-0000-4000-8000-000100000002]",
      "    label: billing",
      "steps:",
      "  - name: grep",
      "    command: [grep, 'a b', /etc/x]",
      "    continueOnFailure: true",
      "  - name: env",
      "    command: [env]",
    ].join("\n"),
    { file: "plan.yaml" },
  );

  it("counts targets × steps, lists steps (quoted argv) and targets, applies overrides", async () => {
    const text = renderPlan(job, await resolveTargets(job.targets), {
      concurrency: 3,
      rate: { requests: 30, perMs: 60_000 },
    });
    expect(text.split("\n")).toEqual([
      "Job plan: 2 targets × 2 steps = 4 requests planned (dry run: nothing sent)",
      "Concurrency 3; at most 30/min; timeout 15 s; retries 3; stop after 10% failed targets",
      "Steps:",
      "  1. grep: grep 'a b' /etc/x  (continue on failure)",
      "  2. env: env",
      "Targets:",
      "  billing  (a0000000-0000-4000-8000-000000000001 / b0000000-0000-4000-8000-000100000001)",
      "  billing  (a0000000-0000-4000-8000-000000000001 / b0000000-0000-4000-8000-000100000002)",
    ]);
  });

  it("shows under a step its filters, what counts as ok, and its extra redaction", async () => {
    const checked = parseJob(
      [
        "version: 1",
        "name: checks",
        "redact: [secret]",
        "targets:",
        "  - app: a0000000-0000-4000-8000-000000000001",
        "    process: b0000000-0000-4000-8000-000100000001",
        "steps:",
        "  - name: disk",
        "    command: [df, -h]",
        "    grep: '%'",
        "    grepInvert: ^Filesystem",
        "    lines: { tail: 3 }",
        "    trim: true",
        "    redact: ['token=\\S+']",
        "    expect:",
        "      exitCode: [0, 1]",
        "      stdout: { matches: '^/dev', notMatches: tmpfs, contains: '/app' }",
        "      stderr: { equals: '' }",
        "      number: { pattern: '(\\d+)%', min: 1, max: 90 }",
        "  - name: plain",
        "    command: [env]",
      ].join("\n"),
      { file: "checks.yaml" },
    );
    const text = renderPlan(checked, await resolveTargets(checked.targets));
    const steps = text.split("\n");
    expect(steps[2]).toBe("Redact also, in every step: /secret/");
    expect(steps.slice(steps.indexOf("Steps:") + 1, steps.indexOf("Targets:"))).toEqual([
      "  1. disk: df -h",
      "       filter: grep /%/ | grep -v /^Filesystem/ | tail 3 | trim",
      '       ok when: exit code in 0, 1; stdout matches /^/dev/; stdout does not match /tmpfs/; stdout contains "/app"; stderr equals ""; every number /(\\d+)%/ from 1 to 90',
      "       redact also: /token=\\S+/",
      "  2. plain: env",
    ]);
  });

  it("caps the target list but not the counts", async () => {
    const text = renderPlan(job, await resolveTargets(job.targets), { maxTargets: 1 });
    expect(text).toContain("2 targets × 2 steps");
    expect(text).toContain("  ... and 1 more");
  });
});
