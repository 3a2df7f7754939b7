import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import type { RunningSimulator } from "../../src/sim/server.js";
import { call, READ, start, WRITE } from "./helpers.js";

// 250 apps with one to three processes each: enough for several pages at the maximum limit.
function bigFleet() {
  return {
    keys: [
      { token: READ, permission: "read" as const },
      { token: WRITE, permission: "write" as const },
    ],
    apps: Array.from({ length: 250 }, (_, i) => ({
      id: appId(i + 1),
      name: `app-${i + 1}`,
      processes: Array.from({ length: (i % 3) + 1 }, (_, m) => ({
        id: processId(i + 1, m + 1),
        key: `p${m + 1}`,
      })),
    })),
  };
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await start(bigFleet());
});
afterAll(() => sim.close());

describe("GET /applications", () => {
  it("pages through 250 apps with limit/offset until offset + data.length >= total", async () => {
    const ids: string[] = [];
    let offset = 0;
    for (;;) {
      const a = await call(sim, "GET", `/applications?limit=100&offset=${offset}`, { key: READ });
      expect(a.status).toBe(200);
      const data = a.body.data as Array<{ id: string }>;
      expect(a.body).toMatchObject({ total: 250, offset, limit: 100 });
      ids.push(...data.map((d) => d.id));
      offset += data.length;
      if (offset >= (a.body.total as number)) break;
    }
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toBe(appId(1));
    expect(ids[249]).toBe(appId(250));
  });

  it("defaults to limit 25, offset 0; an offset past the end is an empty page", async () => {
    const first = await call(sim, "GET", "/applications");
    expect(first.body).toMatchObject({ total: 250, offset: 0, limit: 25 });
    expect(first.body.data).toHaveLength(25);
    const past = await call(sim, "GET", "/applications?offset=300&limit=10");
    expect(past.body).toEqual({ data: [], total: 250, offset: 300, limit: 10 });
  });

  it("an application has id, name, display_name, status, type", async () => {
    const a = await call(sim, "GET", "/applications?limit=1");
    expect((a.body.data as unknown[])[0]).toEqual({
      id: appId(1),
      name: "app-1",
      display_name: "app-1",
      status: "deployed",
      type: "app",
    });
  });
});

describe("GET /applications/{id}/processes", () => {
  it("lists an app's processes with app_id, key, type, display_name, entrypoint; paginated", async () => {
    const a = await call(sim, "GET", `/applications/${appId(3)}/processes?limit=2`);
    expect(a.body).toMatchObject({ total: 3, offset: 0, limit: 2 });
    expect((a.body.data as unknown[])[0]).toEqual({
      id: processId(3, 1),
      app_id: appId(3),
      key: "p1",
      type: "web",
      display_name: "app-3 p1",
      entrypoint: "npm start",
    });
    const rest = await call(sim, "GET", `/applications/${appId(3)}/processes?limit=2&offset=2`);
    expect((rest.body.data as Array<{ id: string }>).map((p) => p.id)).toEqual([processId(3, 3)]);
  });

  it("accepts upper-case ids", async () => {
    const a = await call(sim, "GET", `/applications/${appId(3).toUpperCase()}/processes`);
    expect(a.status).toBe(200);
  });
});
