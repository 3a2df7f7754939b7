// `fanout run --json`: the report on stdout for jq, tables not printed, the file still written;
// and --events: an NDJSON log of the run's events.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReport } from "../../src/report/schema.js";
import { defaultFleet } from "../../src/sim/fleet/default.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, runCli, tempDir, writeJob } from "../cli/spawn-cli.js";

let sim: RunningSimulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ fleet: defaultFleet() });
});
afterAll(() => sim.close());

const env = () => ({ SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: sim.keys.read });

async function smallJob(dir: string, name = "env") {
  return writeJob(dir, `${name}.yaml`, {
    name,
    targets: [1, 2, 3].map((n) => ({ app: appId(n), process: processId(n, 1) })),
    steps: [{ name: "node-env", command: ["printenv", "NODE_ENV"] }],
  });
}

describe("fanout run --json", () => {
  it("prints the JSON report alone on stdout; diagnostics on stderr; the file is written", async () => {
    const dir = await tempDir();
    const file = await smallJob(dir);
    const path = join(dir, "report.json");
    const res = await runCli(["run", file, "--json", "--report", path], { env: env() });
    expect(res.code).toBe(0);
    const printed = parseReport(JSON.parse(res.stdout));
    expect(printed.summary).toMatchObject({ total: 3, ok: 3 });
    expect(res.stderr).toContain(`Report: ${path}`);
    expect(JSON.parse(await readFile(path, "utf8")).results).toEqual(printed.results);
  });

  it("with several jobs, prints one JSON document per job (what jq reads) and headings on stderr", async () => {
    const dir = await tempDir();
    const files = [await smallJob(dir, "one"), await smallJob(dir, "two")];
    const res = await runCli(["run", ...files, "--json", "--report", join(dir, "r.json")], {
      env: env(),
    });
    expect(res.code).toBe(0);
    const docs = res.stdout.split(/\n(?=\{)/).map((d) => parseReport(JSON.parse(d)));
    expect(docs.map((d) => d.job.name)).toEqual(["one", "two"]);
    expect(res.stderr).toContain("== one");
  });

  it("draws no progress line when stderr is not a terminal; --no-color beats FORCE_COLOR", async () => {
    const dir = await tempDir();
    const file = await smallJob(dir);
    const args = ["run", file, "--report", join(dir, "r.json")];
    const colored = await runCli(args, { env: { ...env(), NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(colored.stdout).toContain("\u001b[");
    const plain = await runCli([...args, "--no-color"], {
      env: { ...env(), NO_COLOR: "", FORCE_COLOR: "1" },
    });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain("\u001b[");
    expect(colored.stderr + plain.stderr).not.toContain("\r");
  });

  it("--events writes every run event as a JSON line, ending with the summary", async () => {
    const dir = await tempDir();
    const events = join(dir, "events.ndjson");
    const res = await runCli(
      ["run", await smallJob(dir), "--quiet", "--report", join(dir, "r.json"), "--events", events],
      { env: env() },
    );
    expect(res.code).toBe(0);
    const lines = (await readFile(events, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const types = lines.map((l) => l.type);
    expect(types[0]).toBe("runStart");
    expect(types.filter((t) => t === "stepEnd")).toHaveLength(3);
    expect(lines.at(-1)).toMatchObject({ type: "runEnd", summary: { ok: 3 } });
    expect(await readFile(events, "utf8")).not.toContain(sim.keys.read);
  });
});
