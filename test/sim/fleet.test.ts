import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FleetError } from "../../src/sim/fleet/errors.js";
import { FLEET_SCHEMA_URL, renderFleetJsonSchema } from "../../src/sim/fleet/json-schema.js";
import { loadFleetFile, parseFleetYaml, validateFleet } from "../../src/sim/fleet/load.js";

const GOOD = `keys:
  - { token: sev_ro_0123456789, permission: read }
  - { token: sev_rw_0123456789, permission: write }
apps:
  - id: a0000000-0000-4000-8000-000000000001
    name: billing-api
    processes:
      - id: b0000000-0000-4000-8000-000100000001
        key: web
        env: { NODE_ENV: production }
        files: { /app/package.json: "{}" }
latency: { min: 1, max: 5 }
rateLimit: { limit: 30, windowSeconds: 60 }
faults:
  status: { 503: 0.1 }
scripts:
  - process: b0000000-0000-4000-8000-000100000001
    sequence: [503, 503, answer]
`;

function issuesOf(fn: () => unknown): FleetError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FleetError) return err;
    throw err;
  }
  throw new Error("expected a FleetError");
}

describe("fleet YAML", () => {
  it("parses a valid fleet and fills in defaults", () => {
    const fleet = parseFleetYaml(GOOD, "fleet.yaml");
    expect(fleet.apps[0]?.processes[0]).toMatchObject({
      type: "web",
      entrypoint: "npm start",
      cwd: "/app",
    });
    expect(fleet.timeoutBehavior).toBe("exit-code");
    expect(fleet.faults).toMatchObject({ routes: "exec", resetBeforeRead: 0, resetAfterExec: 0 });
  });

  it("points at the offending value with file:line:column", () => {
    const bad = GOOD.replace(
      "b0000000-0000-4000-8000-000100000001\n        key",
      "web-1\n        key",
    );
    const err = issuesOf(() => parseFleetYaml(bad, "fleet.yaml"));
    expect(err.lines()).toEqual([
      "fleet.yaml:8:13: apps.0.processes.0.id: must be a UUID matching the API's id pattern",
      "fleet.yaml:17:14: scripts.0.process: no process with id b0000000-0000-4000-8000-000100000001",
    ]);
  });

  it("a missing key points at its parent; unknown keys are errors (typos)", () => {
    const err = issuesOf(() =>
      parseFleetYaml(GOOD.replace("    name: billing-api\n", "    nmae: billing-api\n"), "f.yaml"),
    );
    const text = err.lines().join("\n");
    expect(text).toContain("f.yaml:5:5: apps.0.name:");
    expect(text).toContain("nmae");
  });

  it("YAML syntax errors carry their position", () => {
    const err = issuesOf(() => parseFleetYaml("keys: [\n  - a\n", "broken.yaml"));
    expect(err.lines()[0]).toMatch(/^broken\.yaml:\d+:\d+: /);
  });

  it("rejects duplicate ids and tokens, probabilities over 1, bad latency", () => {
    const fleet = parseFleetYaml(GOOD);
    const dup = { ...fleet, apps: [...fleet.apps, ...fleet.apps] };
    expect(issuesOf(() => validateFleet(dup)).issues.map((i) => i.message)).toContain(
      "duplicate id a0000000-0000-4000-8000-000000000001",
    );
    expect(() => validateFleet({ ...fleet, faults: { resetAfterExec: 2 } })).toThrow(FleetError);
    expect(() => validateFleet({ ...fleet, latency: { min: 1 } })).toThrow(FleetError);
    expect(() => validateFleet({ ...fleet, keys: [] })).toThrow(FleetError);
  });

  it("loadFleetFile reads a file and names it in errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fanout-fleet-"));
    const file = join(dir, "fleet.yaml");
    await writeFile(file, GOOD);
    expect((await loadFleetFile(file)).apps).toHaveLength(1);
    await writeFile(file, GOOD.replace("permission: write", "permission: admin"));
    const err = await loadFleetFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FleetError);
    expect((err as FleetError).lines()[0]).toMatch(
      new RegExp(`^${file.replace(/[.]/g, "\\.")}:3:45: keys\\.1\\.permission`),
    );
    await expect(loadFleetFile(join(dir, "missing.yaml"))).rejects.toThrow(/cannot read/);
  });
});

describe("src/sim/README.md", () => {
  it("its example fleet is valid", async () => {
    const readme = await readFile(new URL("../../src/sim/README.md", import.meta.url), "utf8");
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const fleet = parseFleetYaml(example, "README.md");
    expect(fleet.scripts).toHaveLength(2);
    expect(fleet.faults.rateLimitBurst).toEqual({
      probability: 0.01,
      length: 3,
      retryAfterSeconds: 1,
    });
  });
});

describe("schema/fleet.schema.json", () => {
  it("is current (regenerate with npm run schema:fleet)", async () => {
    expect(await readFile(FLEET_SCHEMA_URL, "utf8")).toBe(renderFleetJsonSchema());
  });
});
