// The key and the fleet's secrets never leak. A recognisable API key and a secret environment
// value are planted; every command and output format of the BUILT CLI runs (validate, targets,
// targets --json, discover, run with table, --json, --junit, --output-dir, --events, --ledger,
// dry run, report show/diff, the simulator, and errors), and stdout, stderr and every file
// written are scanned for both. Also: files 0600, http:// to a non-loopback host refused, a 3xx
// never followed, and the key taken only from the environment or --token-file.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/sim/server.js";
import { assertBuilt, type CliResult, runCli, startCli, tempDir } from "../cli/spawn-cli.js";

const KEY = "sev_rw_PLANTEDKEY7e1c0ffee5ca1ab1e";
const SECRET = "Pl4nted-S3cret-Value-b7d1e9";
const APP = "a0000042-0000-4000-8000-000000000001";
const proc = (n: number) => `b0000042-0000-4000-8000-00000000000${n}`;
/** Parts that would give either away even if cut or re-quoted. */
const NEEDLES = [KEY, "PLANTEDKEY7e1c0ffee", SECRET, "S3cret-Value"];

const fleet = {
  keys: [
    { token: KEY, permission: "write" },
    { token: "sev_ro_other_0123456789", permission: "read" },
  ],
  apps: [
    {
      id: APP,
      name: "vault",
      processes: [1, 2].map((n) => ({
        id: proc(n),
        key: n === 1 ? "web" : "worker",
        env: { NODE_ENV: "production", DATABASE_PASSWORD: SECRET },
        files: { "/app/.env": `DATABASE_PASSWORD=${SECRET}\n` },
      })),
    },
  ],
};

let dir: string;
let sim: RunningSimulator;
let tokenFile: string;
let job: string;
let uuidJob: string;
const outputs: Array<{ what: string; res: CliResult }> = [];
const servers: Server[] = [];

async function cli(what: string, args: string[], env: Record<string, string> = {}) {
  const res = await runCli(args, { env, cwd: dir });
  outputs.push({ what, res });
  return res;
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
}

/** Every file under `root`, recursively. */
async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

beforeAll(async () => {
  assertBuilt();
  dir = await tempDir("fanout-secrets-");
  sim = await startSimulator({ fleet });
  tokenFile = join(dir, "key.txt");
  await writeFile(tokenFile, `${KEY}\n`, { mode: 0o600 });
  job = join(dir, "job.yaml");
  await writeFile(
    job,
    "name: secrets\ntargets:\n  - app: vault\n    processes: all\nsteps:\n" +
      "  - name: env\n    command: [env]\n" +
      "  - name: password\n    command: [printenv, DATABASE_PASSWORD]\n" +
      "  - name: dotenv\n    command: [cat, /app/.env]\n" +
      "  - name: missing\n    command: [cat, /nope]\n    continueOnFailure: true\n",
  );
  uuidJob = join(dir, "uuid-job.yaml");
  await writeFile(
    uuidJob,
    `name: uuids\ntargets:\n  - app: ${APP}\n    process: ${proc(1)}\nsteps:\n  - name: env\n    command: [env]\n`,
  );
}, 30_000);

afterAll(async () => {
  await sim?.close();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

describe("secrets never leak", () => {
  it("every command and format: the key and the secret appear nowhere", {
    timeout: 120_000,
  }, async () => {
    const env = { SEVALLA_API_URL: sim.url, SEVALLA_API_TOKEN: KEY };
    const viaFile = { SEVALLA_API_URL: sim.url };
    const tf = ["--token-file", tokenFile];
    const out = join(dir, "out");
    await mkdir(out);

    await Promise.all([
      cli("validate", ["validate", job]),
      cli("targets", ["targets", job], env),
      cli("targets --json", ["targets", job, "--json", ...tf], viaFile),
      cli("discover", ["targets", "discover", ...tf], viaFile),
      cli("dry run", ["run", job, "--dry-run"], env),
    ]);
    const full = await cli(
      "run (table, junit, output-dir, events, ledger)",
      [
        "run",
        job,
        ...tf,
        "--report",
        join(out, "report.json"),
        "--junit",
        join(out, "junit.xml"),
        "--output-dir",
        join(out, "outputs"),
        "--events",
        join(out, "events.ndjson"),
        "--ledger",
        join(out, "ledger.ndjson"),
        "--group",
      ],
      viaFile,
    );
    expect(full.code, full.stderr).toBe(1); // `cat /nope` fails; the rest answers
    const json = await cli(
      "run --json",
      ["run", job, "--json", "--report", join(out, "second.json")],
      env,
    );
    expect(json.code).toBe(1);
    await Promise.all([
      cli(
        "run --only-failed",
        ["run", job, "--only-failed", "--report", join(out, "third.json")],
        env,
      ),
      cli("report show", ["report", "show", join(out, "report.json")]),
      cli("report diff", ["report", "diff", join(out, "report.json"), join(out, "second.json")]),
      cli("discover --write", ["targets", "discover", "--write", join(out, "inventory.yaml")], env),
    ]);

    // The simulator prints its own keys on purpose (to paste); never a process's secrets.
    const fleetFile = join(dir, "fleet.json");
    await writeFile(fleetFile, JSON.stringify(fleet));
    const simRun = startCli(["sim", "--fleet", fleetFile, "--port", "0"]);
    while (!simRun.output().stdout.includes("SEVALLA_API_TOKEN"))
      await new Promise((r) => setTimeout(r, 20));
    simRun.child.kill("SIGINT");
    const simRes = await simRun.done;
    expect(simRes.stdout + simRes.stderr).not.toContain(SECRET);

    // Each command did its job (a scan of an early error would prove little).
    const codes = Object.fromEntries(outputs.map((o) => [o.what, o.res.code]));
    expect(codes).toMatchObject({
      validate: 0,
      targets: 0,
      "targets --json": 0,
      discover: 0,
      "dry run": 0,
      "run --only-failed": 1,
      "report show": 0,
      "discover --write": 0,
    });
    // The secret really was there to leak: the runs saw it and redacted it.
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8"));
    expect(report.results.filter((r: { redacted: boolean }) => r.redacted).length).toBeGreaterThan(
      0,
    );

    for (const { what, res } of outputs) {
      for (const needle of NEEDLES) {
        expect(res.stdout, `${what}: stdout`).not.toContain(needle);
        expect(res.stderr, `${what}: stderr`).not.toContain(needle);
      }
    }
    const written = await filesUnder(out);
    expect(written.length).toBeGreaterThanOrEqual(8);
    for (const file of written) {
      const text = await readFile(file, "utf8");
      for (const needle of NEEDLES) expect(text, file).not.toContain(needle);
    }
  });

  it("reports, JUnit, output files, events and ledgers are readable by their owner only", async () => {
    const out = join(dir, "out");
    const written = (await filesUnder(out)).filter((f) => !f.endsWith("inventory.yaml"));
    expect(written.length).toBeGreaterThanOrEqual(7);
    for (const file of written)
      expect(((await stat(file)).mode & 0o777).toString(8), file).toBe("600");
  });

  it("errors: a server that echoes the key back, a bad key, a bad URL: never printed", async () => {
    // A hostile or broken API that puts the Authorization header in its error message.
    const echo = await listen((req, res) => {
      req.resume();
      res.writeHead(401, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          message: `invalid key: ${req.headers.authorization}`,
          status: 401,
          data: { code: "unauthorized", message: `${req.headers.authorization}` },
        }),
      );
    });
    const report = join(dir, "echo.json");
    const res = await cli("401 echoing the key", ["run", uuidJob, "--report", report], {
      SEVALLA_API_URL: echo,
      SEVALLA_API_TOKEN: KEY,
    });
    expect(res.code).toBe(3);
    const text = await readFile(report, "utf8");
    expect(text).toContain("API_UNAUTHORIZED");
    expect(text).not.toContain(KEY);
    for (const needle of NEEDLES) expect(res.stdout + res.stderr).not.toContain(needle);

    const spaced = await cli("key with a space", ["run", uuidJob], {
      SEVALLA_API_URL: sim.url,
      SEVALLA_API_TOKEN: `${KEY} extra`,
    });
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain("INVALID_TOKEN");
    expect(spaced.stderr).not.toContain("PLANTEDKEY");
  });

  it("plain http:// to a host that is not loopback is refused before anything is sent", async () => {
    for (const url of [
      "http://api.sevalla.com/v3",
      "http://10.0.0.7/v3",
      "http://[::ffff:8.8.8.8]/v3",
    ]) {
      const res = await cli(`insecure ${url}`, ["run", uuidJob], {
        SEVALLA_API_URL: url,
        SEVALLA_API_TOKEN: KEY,
      });
      expect(res.code, url).toBe(2);
      expect(res.stderr).toContain("INSECURE_URL");
    }
  });

  it("a 3xx is never followed: the key is not sent to the Location", async () => {
    const elsewhere: IncomingHttpHeaders[] = [];
    const target = await listen((req, res) => {
      elsewhere.push(req.headers);
      req.resume();
      res.end('{"stdout":"","stderr":"","exit_code":0}');
    });
    const redirector = await listen((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${target}${req.url?.replace(/^\/v3/, "")}` });
      res.end();
    });
    const report = join(dir, "redirect.json");
    const res = await cli("redirect", ["run", uuidJob, "--report", report], {
      SEVALLA_API_URL: redirector,
      SEVALLA_API_TOKEN: KEY,
    });
    expect(res.code).toBe(3);
    expect(elsewhere).toEqual([]);
    expect(await readFile(report, "utf8")).toContain("API_REDIRECT");
  });

  it("the key is not taken from a job file nor from a flag; --token-file must be private", async () => {
    const keyed = join(dir, "keyed.yaml");
    await writeFile(keyed, `token: ${KEY}\n${await readFile(uuidJob, "utf8")}`);
    for (const args of [
      ["validate", keyed],
      ["run", keyed],
    ]) {
      const res = await cli(`key in a job file: ${args[0]}`, args, { SEVALLA_API_URL: sim.url });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("never read from a job file");
      expect(res.stderr).not.toContain("PLANTEDKEY");
    }
    for (const flag of [`--token=${KEY}`, `--api-key=${KEY}`]) {
      const res = await cli(`flag ${flag.split("=")[0]}`, ["run", uuidJob, flag], {
        SEVALLA_API_URL: sim.url,
      });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain("SEVALLA_API_TOKEN or pass --token-file");
      expect(res.stderr).not.toContain("PLANTEDKEY");
    }
    const spaced = await cli("flag --token KEY", ["run", uuidJob, "--token", KEY], {
      SEVALLA_API_URL: sim.url,
    });
    expect(spaced.code).toBe(2);

    const open = join(dir, "open-key.txt");
    await writeFile(open, `${KEY}\n`);
    await chmod(open, 0o644);
    const refused = await cli(
      "world-readable --token-file",
      ["run", uuidJob, "--token-file", open],
      {
        SEVALLA_API_URL: sim.url,
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("TOKEN_FILE_INSECURE");
    expect(refused.stderr).toContain("chmod 600");

    const missing = await cli(
      "missing --token-file",
      ["run", uuidJob, "--token-file", join(dir, "nope")],
      {
        SEVALLA_API_URL: sim.url,
      },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("TOKEN_FILE_UNREADABLE");

    // The file's key wins over the variable (a wrong one here).
    const report = join(dir, "token-file.json");
    const ok = await cli(
      "--token-file over the variable",
      ["run", uuidJob, "--token-file", tokenFile, "--report", report],
      {
        SEVALLA_API_URL: sim.url,
        SEVALLA_API_TOKEN: "sev_wrong_key_000000",
      },
    );
    expect(ok.code, ok.stderr).toBe(0);
    for (const { what, res } of outputs) {
      expect(res.stdout + res.stderr, what).not.toContain("PLANTEDKEY");
    }
  });
});
