// Builds schema/inventory.schema.json from the zod schema, for editors (yaml-language-server).
// `npm run schema` runs this file with --write; a test keeps the checked-in file current.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { inventoryFileSchema } from "./schema.js";

/** The checked-in file's location, from both src/targets/inventory and dist/targets/inventory. */
export const INVENTORY_SCHEMA_URL = new URL(
  "../../../schema/inventory.schema.json",
  import.meta.url,
);

export function buildInventoryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(inventoryFileSchema, { target: "draft-7", io: "input" });
  return {
    ...schema,
    $comment: "Generated from src/targets/inventory/schema.ts by `npm run schema`; do not edit.",
  };
}

export function renderInventoryJsonSchema(): string {
  return `${JSON.stringify(buildInventoryJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  await writeFile(INVENTORY_SCHEMA_URL, renderInventoryJsonSchema());
}
