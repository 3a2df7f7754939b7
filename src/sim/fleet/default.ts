import { createHash } from "node:crypto";
import { checkEnv, checkFiles, checkPsDf } from "./default-checks.js";
import { appId, processId } from "./ids.js";
import type { Fleet, FleetApp, FleetProcess } from "./schema.js";

// The built-in fleet behind `fanout sim`, `npm start`'s demo and the tests. Deterministic: the
// same ids, env and files every time. The planted oddities are listed in src/sim/README.md.

const APP_NAMES = [
  "billing-api",
  "search",
  "checkout",
  "auth-service",
  "notifications",
  "payments",
  "catalog",
  "inventory",
  "shipping",
  "reports",
  "analytics",
  "mailer",
  "webhooks",
  "admin-panel",
  "storefront",
  "media-processor",
  "recommendations",
  "invoicing",
  "user-profile",
  "gateway",
  "scheduler",
  "ledger",
  "support-desk",
  "status-page",
];

/** The demo's planted targets (ids of the default fleet). */
export const DEFAULT_FLEET_PLANTED = {
  /** search/web: its first two exec requests (any command) get 503, then it answers normally. */
  flakyProcess: processId(2, 1),
  /** notifications/worker: NODE_ENV=staging where every other process says production. */
  stagingProcess: processId(5, 2),
  /** shipping (all its processes): NODE_VERSION=18.20.4 where the rest run 20.18.1. */
  node18App: appId(9),
  /** mailer/web: has /app/storage/debug.log, which no other process has. */
  debugLogProcess: processId(12, 1),
} as const;

export const DEFAULT_KEYS = {
  read: "sev_ro_4c1f9a2e7b3d48e0a6f5c2b9d1e7a3f8",
  write: "sev_rw_8e2d6b1a9f4c47d3b0e5a8c6f2d9b4e1",
} as const;

/** A fresh copy of the default fleet (already validated shape: every default filled in). */
export function defaultFleet(): Fleet {
  return {
    keys: [
      { token: DEFAULT_KEYS.read, permission: "read", company: "default" },
      { token: DEFAULT_KEYS.write, permission: "write", company: "default" },
    ],
    apps: APP_NAMES.map((name, i) => makeApp(name, i + 1)),
    latency: { min: 1, max: 3 },
    // Generous, so the headers show but the demo is never throttled.
    rateLimit: { limit: 600, windowSeconds: 60 },
    timeoutBehavior: "exit-code",
    slowMs: 20_000,
    faults: { routes: "exec", status: {}, resetBeforeRead: 0, resetAfterExec: 0 },
    scripts: [{ process: DEFAULT_FLEET_PLANTED.flakyProcess, sequence: [503, 503, "answer"] }],
  };
}

function makeApp(name: string, n: number): FleetApp {
  const keys = n % 3 === 0 ? ["web", "worker", "cron"] : ["web", "worker"];
  return {
    id: appId(n),
    name,
    display_name: name.replace(
      /(^|-)(\w)/g,
      (_, sep: string, c: string) => (sep ? " " : "") + c.toUpperCase(),
    ),
    status: "deployed",
    type: "app",
    processes: keys.map((key, m) => makeProcess(name, n, key, m + 1)),
  };
}

const ENTRYPOINTS: Record<string, string> = {
  web: "npm start",
  worker: "node worker.js",
  cron: "node cron.js",
};

function makeProcess(app: string, n: number, key: string, m: number): FleetProcess {
  const id = processId(n, m);
  const node = appId(n) === DEFAULT_FLEET_PLANTED.node18App ? "18.20.4" : "20.18.1";
  const db = app.replace(/-/g, "_");
  const files: Record<string, string> = {
    "/app/package.json": packageJson(app, n, node),
    "/etc/os-release": OS_RELEASE,
    "/app/storage/logs/app.log": `[2026-12-04T03:00:00Z] info ${app} ${key} started\n[2026-12-04T03:00:01Z] info listening\n`,
    "/app/storage/cache/": "",
  };
  if (key === "worker") files["/app/storage/cache/jobs.json"] = '{"pending":0}\n';
  if (id === DEFAULT_FLEET_PLANTED.debugLogProcess) {
    files["/app/storage/debug.log"] =
      "DEBUG request headers dumped\nDEBUG Authorization: Bearer ****\n";
  }
  Object.assign(files, checkFiles(app, n, key, id));
  return {
    id,
    key,
    type: key === "web" ? "web" : "background",
    display_name: `${app} ${key}`,
    entrypoint: ENTRYPOINTS[key] ?? "npm start",
    cwd: "/app",
    env: {
      NODE_ENV: id === DEFAULT_FLEET_PLANTED.stagingProcess ? "staging" : "production",
      NODE_VERSION: node,
      PORT: "8080",
      APP_NAME: app,
      PROCESS_TYPE: key,
      DATABASE_URL: `postgres://${db}:${secret(app, "db", 20)}@${app}-db.internal:5432/${db}`,
      REDIS_URL: `redis://default:${secret(app, "redis", 16)}@${app}-cache.internal:6379/0`,
      API_TOKEN: `sk_live_${secret(app, "api", 32)}`,
      SENTRY_DSN: `https://${secret(app, "sentry", 32)}@o1.ingest.sentry.io/${1000 + n}`,
      ...checkEnv(n, id, `sk_test_${secret(app, "api", 32)}`),
    },
    files,
    ...checkPsDf(id, ENTRYPOINTS[key] ?? "npm start"),
  };
}

// Secret-looking but deterministic: a hash of the app and the secret's purpose.
function secret(app: string, purpose: string, length: number): string {
  return createHash("sha256").update(`${app}/${purpose}`).digest("hex").slice(0, length);
}

function packageJson(app: string, n: number, node: string): string {
  const pkg = {
    name: app,
    version: `1.${n}.0`,
    private: true,
    engines: { node: node.startsWith("18") ? ">=18" : ">=20" },
    scripts: { start: "node server.js" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
`;
