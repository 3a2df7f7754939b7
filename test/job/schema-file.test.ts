import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildJobJsonSchema, renderJobJsonSchema } from "../../src/job/emit-schema.js";

describe("schema/job.schema.json", () => {
  it("is current with src/job/schema.ts", async () => {
    const checkedIn = await readFile("schema/job.schema.json", "utf8");
    const fresh = renderJobJsonSchema();
    if (checkedIn !== fresh) {
      expect.fail("schema/job.schema.json is stale: run `npm run schema` and commit the result");
    }
    expect(JSON.parse(checkedIn)).toEqual(buildJobJsonSchema());
  });

  it("describes the v1 format for editors: strict keys, required fields, the API's id pattern", () => {
    const schema = buildJobJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { items?: { properties?: Record<string, { pattern?: string }> } }>;
    };
    expect(schema.required).toEqual(["name", "targets", "steps"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.targets?.items?.properties?.app?.pattern).toMatch(/\[1-8\]/);
    expect(Object.keys(schema.properties)).toEqual([
      "version",
      "name",
      "description",
      "concurrency",
      "perApp",
      "timeout",
      "retries",
      "rateLimit",
      "maxFailures",
      "vars",
      "targets",
      "steps",
    ]);
  });
});
