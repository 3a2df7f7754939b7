// Inventory files: read relative to the job, expanded in place, labels carried, every problem of
// every inventory reported with its own file:line:column; and the JSON Schema kept current.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fromJSONSchema } from "zod";
import { JobValidationError } from "../../src/job/errors.js";
import { loadJob, parseJob } from "../../src/job/load.js";
import {
  buildInventoryJsonSchema,
  renderInventoryJsonSchema,
} from "../../src/targets/inventory/emit-schema.js";
import { parseInventory } from "../../src/targets/inventory/load.js";

const INV = "test/fixtures/inventories";

describe("inventories in jobs", () => {
  it("a list entry expands in place, relative to the job file, with labels and positions", async () => {
    const job = await loadJob("test/fixtures/jobs/valid/inventory.yaml");
    expect(job.targets).toEqual([
      {
        app: "billing-api",
        processes: ["web", "worker"],
        label: "billing",
        labels: { env: "production", team: "billing" },
        position: { file: `${INV}/prod.yaml`, line: 6, column: 5 },
      },
      expect.objectContaining({
        label: "shop-web",
        labels: { env: "production", team: "shop", canary: "true" },
      }),
      expect.objectContaining({
        apps: "all",
        where: { name: "svc-01*", processKey: ["cron"] },
        label: "crons",
      }),
      expect.objectContaining({ app: "svc-001", label: "one-more", labels: { env: "production" } }),
    ]);
  });

  it("the shorthand targets: {inventory: FILE} takes the whole inventory", async () => {
    const job = await loadJob("test/fixtures/jobs/valid/inventory-only.yaml");
    expect(job.targets).toEqual([
      expect.objectContaining({
        app: "billing-worker",
        processes: "all",
        label: "staging-billing",
      }),
    ]);
  });

  it("parseJob (no file access) keeps the reference, with its absolute path", () => {
    const job = parseJob(
      "name: x\ntargets: {inventory: inv/prod.yaml}\nsteps: [{name: e, command: [env]}]\n",
      {
        file: "/jobs/x.yaml",
      },
    );
    expect(job.targets).toEqual([
      {
        inventory: "inv/prod.yaml",
        path: resolve("/jobs/inv/prod.yaml"),
        position: expect.any(Object),
      },
    ]);
  });

  it("a missing inventory is reported where the job names it; an invalid one, in its own lines", async () => {
    const file = `${INV}/bad-references.job.yaml`;
    const error: unknown = await loadJob(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobValidationError);
    expect((error as JobValidationError).message.split("\n")).toEqual([
      "10 problems:",
      `${file}:4:5: inventory ${INV}/nope.yaml: no such file`,
      `${INV}/invalid.yaml:3:10 version: must be 1 (the inventory file versions this fanout understands), got 2`,
      `${INV}/invalid.yaml:5:5 targets[0]: needs \`process\` (one process UUID or key) or \`processes\` (a list of them, or all)`,
      `${INV}/invalid.yaml:6:15 targets[0].labels.app: the name must start with a letter and contain only letters, digits, "_", "-", "." and "/", and not be app, process or label (--limit uses those), got "app"`,
      `${INV}/invalid.yaml:6:28 targets[0].labels.env: must be a string (numbers and booleans are taken as written), got a list of 1`,
      `${INV}/invalid.yaml:8:5 targets[1].process: \`process\` does not go with \`apps\``,
      `${INV}/invalid.yaml:9:5 targets[2].inventory: unknown key; allowed here: app, process, processes, apps, where, label, labels`,
      `${INV}/invalid.yaml:9:5 targets[2]: needs \`app\` or \`apps: all\``,
      `${INV}/invalid.yaml:10:5 targets[3]: needs \`process\` (one process UUID or key) or \`processes\` (a list of them, or all)`,
      `${INV}/invalid.yaml:11:5 targets[3].proces: unknown key, did you mean \`process\`?`,
    ]);
  });

  it("an inventory must be a mapping with targets", () => {
    expect(() => parseInventory("- app: x\n", "inv.yaml")).toThrow(
      "inv.yaml:1:1: an inventory must be a mapping with `targets`",
    );
    expect(() => parseInventory("version: 1\n", "inv.yaml")).toThrow(
      "inv.yaml:1:1 targets: is required and must be a list of at least one target",
    );
  });
});

describe("schema/inventory.schema.json", () => {
  it("is current with src/targets/inventory/schema.ts", async () => {
    const checkedIn = await readFile("schema/inventory.schema.json", "utf8");
    if (checkedIn !== renderInventoryJsonSchema()) {
      expect.fail(
        "schema/inventory.schema.json is stale: run `npm run schema` and commit the result",
      );
    }
  });

  it("agrees with the loader on the fixtures", async () => {
    const editor = fromJSONSchema(
      buildInventoryJsonSchema() as Parameters<typeof fromJSONSchema>[0],
    );
    const yamlOf = async (name: string) =>
      parse(await readFile(`${INV}/${name}`, "utf8")) as unknown;
    expect(editor.safeParse(await yamlOf("prod.yaml")).success).toBe(true);
    expect(editor.safeParse(await yamlOf("staging.yaml")).success).toBe(true);
    expect(editor.safeParse(await yamlOf("invalid.yaml")).success).toBe(false);
  });
});
