// Every ready-made job in jobs/ must load, and say which editor schema it uses.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadJob } from "../../src/job/load.js";

const files = readdirSync("jobs").filter((f) => f.endsWith(".yaml"));

describe("jobs/", () => {
  it("holds env-audit.yaml", () => {
    expect(files).toContain("env-audit.yaml");
  });

  for (const file of files) {
    it(`${file} is valid and points editors at the schema`, async () => {
      const text = readFileSync(`jobs/${file}`, "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/job.schema.json");
      const job = await loadJob(`jobs/${file}`);
      expect(job.targets.length).toBeGreaterThan(0);
      expect(job.steps.length).toBeGreaterThan(0);
    });
  }

  it("env-audit.yaml prints the variable given with --var", async () => {
    const job = await loadJob("jobs/env-audit.yaml", { vars: { name: "APP_NAME" } });
    expect(job.steps.map((s) => s.command)).toEqual([
      ["printenv", "APP_NAME"],
      ["printenv", "NODE_VERSION"],
    ]);
    expect(job.targets.flatMap((t) => ("processes" in t ? t.processes : []))).toHaveLength(6);
  });
});
