// Builds schema/fleet.schema.json from the zod schema, so editors check fleet files with the same
// rules as the simulator. `npm run schema:fleet` runs this file with --write.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { fleetSchema } from "./schema.js";

/** The checked-in file's location, from both src/sim/fleet and dist/sim/fleet. */
export const FLEET_SCHEMA_URL = new URL("../../../schema/fleet.schema.json", import.meta.url);

/** JSON Schema of the fleet file as written (defaults optional); draft-07 for editor plugins. */
export function buildFleetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(fleetSchema, { target: "draft-7", io: "input" });
  return {
    ...schema,
    title: "fanout simulator fleet",
    $comment: "Generated from src/sim/fleet/schema.ts by `npm run schema:fleet`; do not edit.",
  };
}

export function renderFleetJsonSchema(): string {
  return `${JSON.stringify(buildFleetJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  await writeFile(FLEET_SCHEMA_URL, renderFleetJsonSchema());
}
