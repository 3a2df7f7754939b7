import { describe, expect, it } from "vitest";
import { DEMO_JOB } from "../../src/cli/demo.js";
import { checkDemo } from "../../src/cli/demo-check.js";
import { SevallaClient } from "../../src/client/client.js";
import { loadJob } from "../../src/job/load.js";
import { runJob } from "../../src/run/run-job.js";
import { startSimulator } from "../../src/sim/server.js";

describe("the demo's own check", () => {
  it("passes on the real demo run and fails when a planted outcome is missing", async () => {
    const sim = await startSimulator();
    const client = new SevallaClient({ baseUrl: sim.url, token: sim.keys.read });
    try {
      const report = await runJob(await loadJob(DEMO_JOB), { client, retry: { baseDelayMs: 1 } });
      const good = checkDemo(report);
      expect(good.deviations).toEqual([]);
      expect(good.highlights).toHaveLength(5);
      // With the write key, touch succeeds: the demo would not be showing what it says.
      const broken = {
        ...report,
        results: report.results.map((r) =>
          r.step === "touch-storage"
            ? { ...r, status: "ok" as const, exitCode: 0, error: null }
            : r,
        ),
      };
      expect(checkDemo(broken).deviations).toEqual([
        "expected touch-storage to get one 403 (API_FORBIDDEN) per target.",
      ]);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
