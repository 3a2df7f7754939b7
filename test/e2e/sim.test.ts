import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";

// Runs the BUILT CLI as a user would (npm test builds first).
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
});

function startCli(args: string[]) {
  const proc = spawn(process.execPath, [CLI, "sim", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  proc.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = once(proc, "exit") as Promise<[number | null, string | null]>;
  // Resolves with the printed exports once the read-only key line (the last one) is out.
  const ready = new Promise<{ url: string; token: string; readToken: string }>(
    (resolve, reject) => {
      proc.stdout.on("data", () => {
        const url = /^export SEVALLA_API_URL=(\S+)$/m.exec(stdout)?.[1];
        const token = /^export SEVALLA_API_TOKEN=(\S+)$/m.exec(stdout)?.[1];
        const readToken = /^# read-only key: export SEVALLA_API_TOKEN=(\S+)$/m.exec(stdout)?.[1];
        if (url && token && readToken) resolve({ url, token, readToken });
      });
      void exited.then(() => reject(new Error(`sim exited early: ${stderr}`)));
    },
  );
  return { proc, ready, exited, output: () => ({ stdout, stderr }) };
}

describe("fanout sim (built CLI)", () => {
  it("prints ready-to-paste exports, serves the default fleet, exits 0 on SIGINT", async () => {
    const cli = startCli(["--port", "0", "--seed", "3"]);
    const { url, token, readToken } = await cli.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
    expect(token).not.toBe(readToken);

    const list = await request(`${url}/applications?limit=100`, {
      headers: { authorization: `Bearer ${readToken}` },
    });
    const body = (await list.body.json()) as { total: number; data: Array<{ id: string }> };
    expect(list.statusCode).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(20);

    const app = body.data[0]?.id;
    const procs = await request(`${url}/applications/${app}/processes`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const pid = ((await procs.body.json()) as { data: Array<{ id: string }> }).data[0]?.id;
    const exec = await request(`${url}/applications/${app}/processes/${pid}/exec`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ command: ["printenv", "NODE_ENV"] }),
    });
    expect(await exec.body.json()).toEqual({ stdout: "production\n", stderr: "", exit_code: 0 });

    cli.proc.kill("SIGINT");
    const [code] = await cli.exited;
    expect(code).toBe(0);
  });

  it("stops cleanly on SIGTERM too", async () => {
    const cli = startCli([]);
    await cli.ready;
    cli.proc.kill("SIGTERM");
    expect((await cli.exited)[0]).toBe(0);
  });

  it("a bad fleet file: file:line:column on stderr, exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fanout-sim-e2e-"));
    const file = join(dir, "fleet.yaml");
    await writeFile(file, "keys:\n  - { token: short, permission: read }\n");
    const cli = startCli(["--fleet", file]);
    cli.ready.catch(() => {});
    const [code] = await cli.exited;
    expect(code).toBe(2);
    expect(cli.output().stderr).toContain(`${file}:2:14: keys.0.token:`);
    expect(cli.output().stdout).toBe("");
  });
});
