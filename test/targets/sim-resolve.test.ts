// Name resolution against the simulator over loopback, with a 260-app fleet (three pages).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SevallaClient } from "../../src/client/client.js";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { ListingCache } from "../../src/targets/listing.js";
import { resolveTargets } from "../../src/targets/resolve.js";
import { APP_COUNT, bigFleet, N, WRITE } from "./big-fleet.js";
import { rejection } from "./helpers.js";

let sim: RunningSimulator;
let client: SevallaClient;
const at = { file: "job.yaml", line: 4, column: 5 };
const listing = () => new ListingCache(client);
const resolve = (specs: Parameters<typeof resolveTargets>[0]) =>
  resolveTargets(specs, { listing: listing() });
const gets = (route: "applications" | "processes") => sim.counters.count(`GET ${route}`, 200);

beforeAll(async () => {
  sim = await startSimulator({ fleet: bigFleet() });
  client = new SevallaClient({ baseUrl: sim.url, token: WRITE, env: {} });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => sim.counters.reset());

describe("names and keys", () => {
  it("finds an app by name, else by display name, else ignoring case; a process by key", async () => {
    const targets = await resolve([
      { app: "billing-api", processes: ["web"], label: "api" },
      { app: "Billing Jobs", processes: ["cron"] },
      { app: "legacy-app", processes: ["web"] },
    ]);
    expect(targets).toEqual([
      {
        appId: appId(N.billingApi),
        processId: processId(N.billingApi, 1),
        appName: "billing-api",
        processKey: "web",
        label: "api",
      },
      {
        appId: appId(N.billingWorker),
        processId: processId(N.billingWorker, 2),
        appName: "billing-worker",
        processKey: "cron",
        label: null,
      },
      {
        appId: appId(N.legacy),
        processId: processId(N.legacy, 1),
        appName: "Legacy-App",
        processKey: "Web",
        label: null,
      },
    ]);
  });

  it("a typo names the closest apps, with the position of the entry", async () => {
    const error = await rejection(
      resolve([{ app: "biling-api", processes: ["web"], position: at }]),
    );
    expect(error.code).toBe("TARGET_NOT_FOUND");
    expect(error.message).toBe(
      `job.yaml:4:5: no application named "biling-api" (by name or display name, among ${APP_COUNT}); closest: billing-api, Billing API, Billing Jobs`,
    );
  });

  it("a process key typo lists the app's keys", async () => {
    const error = await rejection(resolve([{ app: "billing-api", processes: ["wrker"] }]));
    expect(error.message).toBe(
      'application billing-api has no process with key "wrker"; its processes: web, worker',
    );
  });

  it("an ambiguous display name or key lists the candidates", async () => {
    const app = await rejection(resolve([{ app: "Storefront", processes: ["web"] }]));
    expect(app.code).toBe("TARGET_AMBIGUOUS");
    expect(app.message).toBe(
      `app "Storefront" matches 2 applications by display name: shop "Storefront" (${appId(N.shop)}), shop-eu "Storefront" (${appId(N.shopEu)}); write the app's UUID instead`,
    );
    const key = await rejection(resolve([{ app: "twins", processes: ["web"] }]));
    expect(key.message).toBe(
      `application twins has 2 processes with key "web": ${processId(N.twins, 1)}, ${processId(N.twins, 2)}; write the process UUID instead`,
    );
  });

  it("reports every bad entry at once", async () => {
    const error = await rejection(
      resolve([
        { app: "nope", processes: ["web"] },
        { app: "billing-api", processes: ["nope"] },
      ]),
    );
    expect(error.message.split("\n")).toHaveLength(2);
  });
});

describe("processes: all and apps: all", () => {
  it("processes: all takes every process of the app (none for an app without processes)", async () => {
    const targets = await resolve([
      { app: "billing-worker", processes: "all" },
      { app: "empty", processes: "all" },
    ]);
    expect(targets.map((t) => t.processKey)).toEqual(["worker", "cron"]);
  });

  it("apps: all with where: a name glob, process keys, a process type", async () => {
    const billing = await resolve([
      { apps: "all", where: { name: "billing-*" }, labels: { team: "billing" } },
    ]);
    expect(billing.map((t) => `${t.appName}/${t.processKey}`)).toEqual([
      "billing-api/web",
      "billing-api/worker",
      "billing-worker/worker",
      "billing-worker/cron",
    ]);
    expect(billing.every((t) => t.labels?.team === "billing")).toBe(true);
    const crons = await resolve([{ apps: "all", where: { processKey: ["CRON"] } }]);
    expect(crons).toHaveLength(50 + 1);
    const web = await resolve([{ apps: "all", where: { name: "Service 1?", type: "web" } }]);
    expect(web.map((t) => t.appName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `svc-0${10 + i}`),
    );
  });

  it("apps: all lists applications once (three pages) and each app's processes once", async () => {
    const cache = listing();
    await resolveTargets([{ apps: "all" }, { apps: "all", where: { type: "cron" } }], {
      listing: cache,
    });
    await resolveTargets([{ app: "billing-api", processes: "all" }], { listing: cache });
    expect(gets("applications")).toBe(3);
    expect(gets("processes")).toBe(APP_COUNT);
  });
});

describe("ids and names together", () => {
  it("the same process by id and by name runs once, at its first place, with names from the listing", async () => {
    const targets = await resolve([
      { app: appId(1), processes: [processId(1, 1)], label: "by-id" },
      { app: "svc-001", processes: ["web", "worker"], label: "by-name" },
    ]);
    expect(targets).toEqual([
      {
        appId: appId(1),
        processId: processId(1, 1),
        appName: "svc-001",
        processKey: "web",
        label: "by-id",
      },
      {
        appId: appId(1),
        processId: processId(1, 2),
        appName: "svc-001",
        processKey: "worker",
        label: "by-name",
      },
    ]);
  });

  it("a UUID-only job sends no listing request (names stay null)", async () => {
    const targets = await resolve([{ app: appId(2), processes: [processId(2, 1)] }]);
    expect(targets[0]).toMatchObject({ appName: null, processKey: null });
    expect(sim.counters.totalRequests()).toBe(0);
  });
});
