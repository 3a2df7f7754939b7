import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fromJSONSchema } from "zod";
import { buildJobJsonSchema, renderJobJsonSchema } from "../../src/job/emit-schema.js";

const VALID = "test/fixtures/jobs/valid";
const INVALID = "test/fixtures/jobs/invalid";

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
    type Props = Record<string, { pattern?: string }>;
    const schema = buildJobJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { anyOf?: Array<{ items?: { properties?: Props } }> }>;
    };
    expect(schema.required).toEqual(["name", "targets", "steps"]);
    expect(schema.additionalProperties).toBe(false);
    // A list of targets or {inventory}; an app is a UUID (with the API's digits) or a name.
    const list = schema.properties.targets?.anyOf?.[0];
    expect(list?.items?.properties?.app?.pattern).toMatch(/\[1-8\]/);
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
      "rollout",
      "vars",
      "targets",
      "steps",
      "redact",
      "readOnly",
      "maxOutputBytes",
    ]);
  });
});

describe("the JSON Schema agrees with the loader", () => {
  const editorSchema = fromJSONSchema(buildJobJsonSchema() as Parameters<typeof fromJSONSchema>[0]);
  // JSON has no .inf or .nan; an editor sees them as it likes, the loader as written text.
  const finite = (_key: unknown, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? String(v) : v;
  const yamlOf = (file: string) =>
    parse(readFileSync(file, "utf8"), finite, { merge: true }) as unknown;

  for (const file of readdirSync(VALID)) {
    it(`accepts valid/${file}`, () => {
      expect(editorSchema.safeParse(yamlOf(`${VALID}/${file}`)).success).toBe(true);
    });
  }

  it("flags what an editor can see: unknown keys, bad ids, an out-of-range timeout", () => {
    for (const file of ["unknown-key", "bad-uuid", "timeout-range", "command-empty"]) {
      expect(editorSchema.safeParse(yamlOf(`${INVALID}/${file}.yaml`)).success).toBe(false);
    }
  });
});
