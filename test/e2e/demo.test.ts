// `fanout demo` (what `npm start` runs): from any directory, no token, exit 0, the table printed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { assertBuilt, runCli, tempDir } from "../cli/spawn-cli.js";

beforeAll(assertBuilt);

describe("fanout demo", () => {
  it("runs jobs/demo.yaml on the simulated fleet, prints the table and the report path, exits 0", async () => {
    const dir = await tempDir("fanout-demo-e2e-");
    const report = join(dir, "demo-report.json");
    // Another cwd, and no SEVALLA_* at all: the demo needs neither.
    const res = await runCli(["demo", "--report", report], { cwd: dir });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/│ search\/web +│ node-env +│ ok +│ 0 +│ 3 /);
    expect(res.stdout).toMatch(
      /│ notifications\/worker +│ node-env +│ ok +│ 0 +│ 1 +│ [^│]+│ staging/,
    );
    expect(res.stdout).toMatch(
      /│ shipping\/cron +│ node-version +│ ok +│ 0 +│ 1 +│ [^│]+│ 18\.20\.4/,
    );
    expect(res.stdout).toMatch(/│ API_FORBIDDEN +│ error +│ 8 /);
    expect(res.stdout).toContain("8 targets · 32 steps · 24 ok · 8 error · ");
    expect(res.stdout).toContain(`Report: ${report}`);
    expect(res.stdout).toContain("would have exited 3 (at least one step got no answer)");
    const parsed = parseReport(JSON.parse(await readFile(report, "utf8")));
    expect(parsed.job.name).toBe("demo-env-audit");
    expect(parsed.results).toHaveLength(32);
  });
});
