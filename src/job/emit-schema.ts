// Builds schema/job.schema.json from the zod schema, so editors (yaml-language-server) check job
// files with the same rules as `fanout validate`. `npm run schema` runs this file with --write.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { jobFileSchema } from "./schema.js";

/** The checked-in file's location, from both src/job and dist/job. */
export const JOB_SCHEMA_URL = new URL("../../schema/job.schema.json", import.meta.url);

export function buildJobJsonSchema(): Record<string, unknown> {
  // draft-07 is the draft every YAML/JSON editor plugin understands; "input" documents what is
  // written in a file (optional fields with their defaults), not the normalised Job.
  const schema = z.toJSONSchema(jobFileSchema, { target: "draft-7", io: "input" });
  withInventoryShorthand(schema as { properties?: Record<string, unknown> });
  return {
    ...schema,
    $comment: "Generated from src/job/schema.ts by `npm run schema`; do not edit.",
  };
}

// The loader accepts `targets: {inventory: FILE}` too (target-specs.ts); so must editors.
function withInventoryShorthand(schema: { properties?: Record<string, unknown> }): void {
  const list = schema.properties?.targets as { description?: string } | undefined;
  if (!schema.properties || !list) return;
  const { description, ...rest } = list;
  schema.properties.targets = {
    description,
    anyOf: [
      rest,
      {
        type: "object",
        properties: { inventory: { type: "string", minLength: 1 } },
        required: ["inventory"],
        additionalProperties: false,
      },
    ],
  };
}

export function renderJobJsonSchema(): string {
  return `${JSON.stringify(buildJobJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  await writeFile(JOB_SCHEMA_URL, renderJobJsonSchema());
}
