import { request } from "undici";
import { appId, processId } from "../../src/sim/fleet/ids.js";
import type { FleetInput } from "../../src/sim/fleet/schema.js";
import { type RunningSimulator, type StartOptions, startSimulator } from "../../src/sim/server.js";

export const READ = "test_read_key_000000";
export const WRITE = "test_write_key_00000";
export const APP = appId(1);
export const WEB = processId(1, 1);
export const WORKER = processId(1, 2);
export const OTHER_APP = appId(2);
export const OTHER_WEB = processId(2, 1);

/** Two apps, three processes, no latency, no limits, no faults: tests add what they need. */
export function smallFleet(overrides: Partial<FleetInput> = {}): FleetInput {
  return {
    keys: [
      { token: READ, permission: "read" },
      { token: WRITE, permission: "write" },
    ],
    apps: [
      {
        id: APP,
        name: "billing-api",
        processes: [
          {
            id: WEB,
            key: "web",
            hostname: "billing-api-web-1",
            env: { NODE_ENV: "production", DATABASE_URL: "postgres://u:secret@db/x" },
            files: {
              "/app/package.json":
                '{\n  "name": "billing-api",\n  "engines": { "node": ">=20" }\n}\n',
              "/app/log.txt": "one\nTwo\nthree\nfour two\n",
              "/app/storage/cache/a.html": "<a>\n",
              "/app/storage/empty/": "",
            },
          },
          { id: WORKER, key: "worker", env: { NODE_ENV: "staging" } },
        ],
      },
      { id: OTHER_APP, name: "search", processes: [{ id: OTHER_WEB, key: "web" }] },
    ],
    ...overrides,
  };
}

/** Starts a simulator and registers nothing global: each test closes its own. */
export function start(
  fleet: FleetInput = smallFleet(),
  options: StartOptions = {},
): Promise<RunningSimulator> {
  return startSimulator({ fleet, ...options });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** Any request with undici; the body is parsed as JSON. */
export async function call(
  sim: RunningSimulator,
  method: "GET" | "POST",
  path: string,
  options: { key?: string | null; body?: string; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? WRITE : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined)
    headers["content-type"] = options.contentType ?? "application/json";
  const res = await request(`${sim.url}${path}`, { method, headers, body: options.body });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

/** POST exec with a JSON body. */
export function exec(
  sim: RunningSimulator,
  body: unknown,
  options: { key?: string | null; app?: string; process?: string } = {},
): Promise<Answer> {
  const path = `/applications/${options.app ?? APP}/processes/${options.process ?? WEB}/exec`;
  return call(sim, "POST", path, { key: options.key, body: JSON.stringify(body) });
}

/** argv on the web process; resolves to the 200 body. */
export async function run(sim: RunningSimulator, command: string[], key = WRITE) {
  const a = await exec(sim, { command }, { key });
  if (a.status !== 200) throw new Error(`expected 200, got ${a.status}: ${JSON.stringify(a.body)}`);
  return a.body as { stdout: string; stderr: string; exit_code: number };
}

/** exec that reports a dropped connection as "reset" instead of throwing. */
export async function execOrReset(
  sim: RunningSimulator,
  body: unknown,
  options: { key?: string | null; app?: string; process?: string } = {},
): Promise<number | "reset"> {
  try {
    return (await exec(sim, body, options)).status;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "UND_ERR_SOCKET" || code === "ECONNRESET") return "reset";
    throw err;
  }
}
