// The inventory `targets discover` writes: valid for the loader whatever the names hold.
import { describe, expect, it } from "vitest";
import { renderInventory } from "../../src/targets/discover.js";
import { parseInventory } from "../../src/targets/inventory/load.js";

const app = (n: number, name: string, display_name = name) => ({
  id: `a0000000-0000-4000-8000-00000000000${n}`,
  name,
  display_name,
});
const proc = (n: number, m: number, key: string) => ({
  id: `b0000000-0000-4000-8000-0000000000${n}${m}`,
  app_id: `a0000000-0000-4000-8000-00000000000${n}`,
  key,
  type: key,
});

describe("renderInventory", () => {
  it("writes one entry per process, UUIDs as targets, names in the label and comments", () => {
    const text = renderInventory(
      [
        { app: app(1, "billing-api", "Billing API"), processes: [proc(1, 1, "web")] },
        { app: app(2, "odd: name #1", "two\nlines"), processes: [proc(2, 1, "we b")] },
        { app: app(3, "empty"), processes: [] },
      ],
      "https://api.sevalla.com/v3",
      new Date("2026-12-04T16:00:00Z"),
    );
    expect(text).toContain("# 3 apps, 2 processes.");
    expect(text).toContain(
      "  - label: billing-api/web\n    app: a0000000-0000-4000-8000-000000000001 # billing-api (Billing API)\n    process: b0000000-0000-4000-8000-000000000011 # web, type web\n",
    );
    const specs = parseInventory(text, "inventory.yaml");
    expect(specs.map((s) => ("label" in s ? s.label : null))).toEqual([
      "billing-api/web",
      "odd: name #1/we b",
    ]);
    expect(specs[1]).toMatchObject({
      app: "a0000000-0000-4000-8000-000000000002",
      processes: ["b0000000-0000-4000-8000-000000000021"],
    });
  });
});
