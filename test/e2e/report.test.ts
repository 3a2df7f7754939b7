// `fanout report show|diff` as a user runs them: crafted reports on disk, the built CLI.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { serializeReport } from "../../src/report/json.js";
import type { Report } from "../../src/report/model.js";
import { assertBuilt, runCli, tempDir } from "../cli/spawn-cli.js";
import { mixedReport, PROC, report, result } from "../report/fixtures.js";

let dir: string;
const save = async (name: string, r: Report | string) => {
  const path = join(dir, name);
  await writeFile(path, typeof r === "string" ? r : serializeReport(r));
  return path;
};

beforeAll(async () => {
  assertBuilt();
  dir = await tempDir("fanout-report-");
});

describe("fanout report show", () => {
  it("re-renders the table, groups and summary of a saved report (exit 0)", async () => {
    const path = await save("mixed.json", mixedReport());
    const shown = await runCli(["report", "show", path]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("API_FORBIDDEN");
    expect(shown.stdout).toContain("printenv: NODE_ENV: not set");
    expect(shown.stdout).toMatch(/3 targets · 6 steps/);
    const failedOnly = await runCli(["report", "show", path, "--only-failed", "--group"]);
    expect(failedOnly.code).toBe(0);
    expect(failedOnly.stdout).not.toMatch(/^│ web-1 .*│ ok /m);
  });

  it("refuses a file that is not a report with the reason (exit 2)", async () => {
    const notJson = await runCli(["report", "show", await save("bad.json", "{ nope")]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/is not a fanout report: not valid JSON/);
    const foreign = await runCli(["report", "show", await save("foreign.json", '{"a":1}')]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/not a fanout report \(schemaVersion 1\):\n {2}schemaVersion: /);
    const missing = await runCli(["report", "show", join(dir, "absent.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the report .*absent\.json: no such file/);
  });
});

describe("fanout report diff", () => {
  it("exits 0 with no drift, 1 with drift, listing each change", async () => {
    const same = await save("a.json", report([result(), result({ process: PROC(2) })]));
    const again = await save("a2.json", report([result(), result({ process: PROC(2) })]));
    const none = await runCli(["report", "diff", same, again]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("No drift: 2 unchanged");

    const drifted = await save(
      "b.json",
      report([result({ stdout: "staging\n" }), result({ process: PROC(3) })]),
    );
    const diff = await runCli(["report", "diff", same, drifted]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('web-1 · node-env: ok "production" → ok "staging"');
    expect(diff.stdout).toMatch(/Appeared:\n {2}web-1 · node-env: ok/);
    expect(diff.stdout).toMatch(/Drift: 1 changed value · 1 appeared · 1 vanished · 0 unchanged\./);

    const json = await runCli(["report", "diff", same, drifted, "--json"]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.counts).toMatchObject({ valueChanged: 1, appeared: 1, vanished: 1 });
  });

  it("exits 2 when either file is not a report, nothing compared", async () => {
    const good = await save("good.json", report([result()]));
    const bad = await runCli(["report", "diff", good, await save("junk.json", "[]")]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/junk\.json is not a fanout report/);
    const usage = await runCli(["report", "diff", good]);
    expect(usage.code).toBe(2);
  });
});
