// Resolution without the API: UUID entries need no lister; names and `all` say they need one.
import { describe, expect, it } from "vitest";
import { resolveTargets, TargetResolutionError } from "../../src/targets/resolve.js";
import { rejection } from "./helpers.js";

const app = (n: number) => `a0000000-0000-4000-8000-00000000000${n}`;
const proc = (n: number) => `b0000000-0000-4000-8000-00000000000${n}`;

describe("resolveTargets without a lister", () => {
  it("turns ids into targets, in the order written, with the entry's label and labels", async () => {
    expect(
      await resolveTargets([
        { app: app(1), processes: [proc(1), proc(2)], label: "web", labels: { env: "prod" } },
        { app: app(2), processes: [proc(3)] },
      ]),
    ).toEqual([
      {
        appId: app(1),
        processId: proc(1),
        appName: null,
        processKey: null,
        label: "web",
        labels: { env: "prod" },
      },
      {
        appId: app(1),
        processId: proc(2),
        appName: null,
        processKey: null,
        label: "web",
        labels: { env: "prod" },
      },
      { appId: app(2), processId: proc(3), appName: null, processKey: null, label: null },
    ]);
  });

  it("keeps a pair reached twice once, at its first place (ids compared case-insensitively)", async () => {
    const targets = await resolveTargets([
      { app: app(1), processes: [proc(1), proc(2), proc(1)], label: "first" },
      { app: app(1).toUpperCase(), processes: [proc(2).toUpperCase(), proc(3)], label: "second" },
    ]);
    expect(targets.map((t) => [t.processId, t.label])).toEqual([
      [proc(1), "first"],
      [proc(2), "first"],
      [proc(3), "second"],
    ]);
  });

  it("says that names, keys and `all` need the API, for every such entry, with positions", async () => {
    const position = { file: "/jobs/a.yaml", line: 7, column: 5 };
    const error = await rejection(
      resolveTargets([
        { app: app(1), processes: "all", position },
        { app: "shop", processes: [proc(1)] },
        { app: app(1), processes: ["web"] },
        { apps: "all" },
      ]),
    );
    expect(error).toBeInstanceOf(TargetResolutionError);
    expect(error).toMatchObject({ code: "TARGET_NEEDS_API" });
    const needs = "resolving it needs the API (set SEVALLA_API_TOKEN; a read-only key is enough)";
    expect(error.message.split("\n")).toEqual([
      `/jobs/a.yaml:7:5: processes: all (app ${app(1)}): ${needs}`,
      `app "shop" is a name: ${needs}`,
      `process "web" of app ${app(1)} is a key: ${needs}`,
      `apps: all: ${needs}`,
    ]);
  });

  it("refuses an inventory reference that was not expanded (parseJob does not read files)", async () => {
    const error = await rejection(resolveTargets([{ inventory: "inv.yaml", path: "/x/inv.yaml" }]));
    expect(error.code).toBe("TARGET_INVENTORY_NOT_LOADED");
  });
});
