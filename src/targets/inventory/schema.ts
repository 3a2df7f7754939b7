// The inventory file (format version 1): named targets with labels, kept apart from jobs so that
// many jobs share one fleet description. Its entries are the job's target entries without
// `inventory` (no nesting): the single source of the validator and schema/inventory.schema.json.
import * as z from "zod";
import { RULES, targetFields } from "../../job/schema.js";

export const INVENTORY_RULES = {
  version: "must be 1 (the inventory file versions this fanout understands)",
  targets: "must be a list of at least one target",
  target: "must be a mapping with `app` and `process` or `processes`, or `apps: all`",
} as const;

export const inventoryTargetSchema = z
  .strictObject(targetFields, { error: INVENTORY_RULES.target })
  .describe("An app and its processes, or `apps: all`, with a label and labels.");

export const inventoryFileSchema = z
  .strictObject({
    version: z
      .literal(1, { error: INVENTORY_RULES.version })
      .optional()
      .describe("Inventory file format version. Default 1."),
    description: z.string({ error: RULES.text }).optional().describe("Free text."),
    targets: z
      .array(inventoryTargetSchema, { error: INVENTORY_RULES.targets })
      .min(1, { error: INVENTORY_RULES.targets })
      .describe("The fleet: jobs that reference this file run on these, in this order."),
  })
  .meta({ title: "fanout inventory file, version 1" });

export type InventoryFile = z.output<typeof inventoryFileSchema>;
