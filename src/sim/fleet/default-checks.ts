// The default fleet's fleet-check fixtures (issue 6): what the job library in jobs/ reads and
// finds. Only additions (new env vars and files, a few ps/df texts), so the demo's planted outcomes
// and the simulator's own tests are untouched.
import { appId, processId } from "./ids.js";

/** What the job library (jobs/) finds on the default fleet; each job's test checks its own. */
export const DEFAULT_FLEET_CHECKS = {
  /** payments/web: also listens on 9229 (the Node inspector), beside 8080. */
  inspectorPort: processId(6, 1),
  /** catalog (all its processes): /app/REVISION is an older deploy. */
  oldRevisionApp: appId(7),
  /** reports/web: TZ=Europe/Berlin where everyone else runs in UTC. */
  berlinTimezone: processId(10, 1),
  /** webhooks/web: 15 ERROR lines in /app/storage/logs/app.log. */
  erroringLog: processId(13, 1),
  /** media-processor/worker: /app/storage at 93% (df). */
  fullDisk: processId(16, 2),
  /** invoicing/worker: API_TOKEN is a test key (sk_test_...). */
  testApiKey: processId(18, 2),
  /** gateway/web: an empty CA bundle (no certificate in /etc/ssl/certs/ca-certificates.crt). */
  emptyCaBundle: processId(20, 1),
  /** scheduler/cron: a leftover `node --inspect` process in ps. */
  inspectProcess: processId(21, 3),
  /** analytics runs Python beside Node; admin-panel runs PHP. */
  pythonApp: appId(11),
  phpApp: appId(14),
} as const;

export const DEFAULT_REVISION = "4f2c9e1";
export const OLD_REVISION = "3b8d0a7";

const C = DEFAULT_FLEET_CHECKS;

export function checkEnv(n: number, id: string, testKey: string): Record<string, string> {
  const env: Record<string, string> = {
    TZ: id === C.berlinTimezone ? "Europe/Berlin" : "UTC",
    LANG: "C.UTF-8",
  };
  if (id === C.testApiKey) env.API_TOKEN = testKey;
  if (appId(n) === C.pythonApp) env.PYTHON_VERSION = "3.12.7";
  if (appId(n) === C.phpApp) env.PHP_VERSION = "8.3.13";
  return env;
}

export function checkFiles(
  app: string,
  n: number,
  key: string,
  id: string,
): Record<string, string> {
  const errors = id === C.erroringLog ? 15 : 0;
  const log = Array.from(
    { length: errors },
    (_, i) => `[2026-12-04T03:0${i % 10}:00Z] ERROR webhook delivery failed (attempt ${i + 1})\n`,
  ).join("");
  return {
    "/app/REVISION": `${appId(n) === C.oldRevisionApp ? OLD_REVISION : DEFAULT_REVISION}\n`,
    "/proc/net/tcp": procNetTcp(key === "web", id === C.inspectorPort),
    "/etc/ssl/certs/ca-certificates.crt": id === C.emptyCaBundle ? "" : CA_BUNDLE,
    ...(errors > 0
      ? {
          "/app/storage/logs/app.log": `[2026-12-04T03:00:00Z] info ${app} ${key} started\n${log}`,
        }
      : {}),
  };
}

export function checkPsDf(id: string, entrypoint: string): { ps?: string; df?: string } {
  const out: { ps?: string; df?: string } = {};
  if (id === C.inspectProcess) {
    out.ps = [
      "PID USER     TIME  COMMAND",
      `  1 app       0:12 ${entrypoint}`,
      " 17 app       3:41 node --inspect=0.0.0.0:9229 cron.js",
      " 42 app       0:00 ps",
      "",
    ].join("\n");
  }
  if (id === C.fullDisk) {
    out.df = [
      "Filesystem      Size  Used Avail Use% Mounted on",
      "overlay          98G   41G   57G  42% /",
      "tmpfs            64M     0   64M   0% /dev",
      "/dev/sda1        98G   91G  6.9G  93% /app/storage",
      "",
    ].join("\n");
  }
  return out;
}

// /proc/net/tcp as Linux prints it: local address and port in hex, state 0A = LISTEN, 01 = ESTABLISHED.
function procNetTcp(web: boolean, inspector: boolean): string {
  const rows = [
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
  ];
  const row = (sl: number, local: string, remote: string, st: string) =>
    `   ${sl}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000  1000        0 ${41000 + sl}`;
  if (web) rows.push(row(0, "00000000:1F90", "00000000:0000", "0A"));
  if (inspector) rows.push(row(1, "00000000:2412", "00000000:0000", "0A"));
  rows.push(row(rows.length - 1, "0A00020F:C350", "0A000A05:18EB", "01"));
  return `${rows.join("\n")}\n`;
}

const CERT =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUfanout0simulated0ca0bundle0AAAAAAAAwCgYIKoZIzj0E\n-----END CERTIFICATE-----\n";
const CA_BUNDLE = `${CERT}${CERT}${CERT}`;
