// A 260-app fleet for the target tests (three pages of applications), with the awkward cases a
// real company has: display names shared by two apps, a process key used twice in one app, an
// app without processes, names that differ only by case.
import { appId, processId } from "../../src/sim/fleet/ids.js";

export const WRITE = "sim-write-key-targets-1";
export const READ = "sim-read-key-targets-1";
export const GENERATED = 250;

/** App numbers of the named apps, after the 250 generated ones. */
export const N = {
  billingApi: 251,
  billingWorker: 252,
  shop: 253,
  shopEu: 254,
  twins: 255,
  legacy: 256,
  empty: 257,
} as const;

type Proc = { id: string; key: string; type: string; env: Record<string, string> };
const proc = (app: number, m: number, key: string, type = key): Proc => ({
  id: processId(app, m),
  key,
  type,
  env: { NODE_ENV: "production" },
});

export function bigFleet() {
  const generated = Array.from({ length: GENERATED }, (_, i) => {
    const n = i + 1;
    const processes = [proc(n, 1, "web"), proc(n, 2, "worker")];
    if (n % 5 === 0) processes.push(proc(n, 3, "cron"));
    const name = `svc-${String(n).padStart(3, "0")}`;
    return { id: appId(n), name, display_name: `Service ${n}`, processes };
  });
  const named = [
    {
      n: N.billingApi,
      name: "billing-api",
      display_name: "Billing API",
      processes: [proc(N.billingApi, 1, "web"), proc(N.billingApi, 2, "worker")],
    },
    {
      n: N.billingWorker,
      name: "billing-worker",
      display_name: "Billing Jobs",
      processes: [proc(N.billingWorker, 1, "worker"), proc(N.billingWorker, 2, "cron")],
    },
    { n: N.shop, name: "shop", display_name: "Storefront", processes: [proc(N.shop, 1, "web")] },
    {
      n: N.shopEu,
      name: "shop-eu",
      display_name: "Storefront",
      processes: [proc(N.shopEu, 1, "web")],
    },
    {
      n: N.twins,
      name: "twins",
      display_name: "Twins",
      processes: [proc(N.twins, 1, "web"), proc(N.twins, 2, "web", "web")],
    },
    {
      n: N.legacy,
      name: "Legacy-App",
      display_name: "Legacy",
      processes: [proc(N.legacy, 1, "Web", "web")],
    },
    { n: N.empty, name: "empty", display_name: "Empty", processes: [] },
  ].map(({ n, ...app }) => ({ id: appId(n), ...app }));
  return {
    keys: [
      { token: WRITE, permission: "write" },
      { token: READ, permission: "read" },
    ],
    apps: [...generated, ...named],
  };
}

export const APP_COUNT = GENERATED + Object.keys(N).length;
export const PROCESS_COUNT = GENERATED * 2 + GENERATED / 5 + 2 + 2 + 1 + 1 + 2 + 1;
