import { describe, expect, it } from "vitest";
import { runBinary } from "../../src/sim/binaries/index.js";
import { buildRuntime } from "../../src/sim/fleet/runtime.js";
import { fleetSchema } from "../../src/sim/fleet/schema.js";
import { smallFleet, WEB, WORKER } from "./helpers.js";

// The binaries are plain functions over a process's state: tested directly, no server needed.
function processes() {
  return buildRuntime(fleetSchema.parse(smallFleet())).processes;
}

async function sh(argv: string[], pid = WEB) {
  const proc = processes().get(pid);
  if (!proc) throw new Error("no process");
  const out = await runBinary(argv, {
    proc,
    signal: new AbortController().signal,
    now: () => Date.UTC(2026, 0, 2),
  });
  return { stdout: out.stdout, stderr: out.stderr, code: out.exitCode };
}

describe("env and printenv", () => {
  it("env prints the process's own variables after the container defaults", async () => {
    const { stdout, code } = await sh(["env"]);
    expect(code).toBe(0);
    expect(stdout).toContain("HOSTNAME=billing-api-web-1\n");
    expect(stdout.endsWith("NODE_ENV=production\nDATABASE_URL=postgres://u:secret@db/x\n")).toBe(
      true,
    );
    expect((await sh(["env"], WORKER)).stdout).toContain("NODE_ENV=staging\n");
  });
  it("printenv NAME prints values; exit 1 when one is missing", async () => {
    expect(await sh(["printenv", "NODE_ENV"])).toEqual({
      stdout: "production\n",
      stderr: "",
      code: 0,
    });
    expect(await sh(["printenv", "NODE_ENV", "NOPE"])).toMatchObject({
      stdout: "production\n",
      code: 1,
    });
  });
});

describe("files: cat, ls, head, tail, wc", () => {
  it("cat prints files; missing files and directories fail like coreutils", async () => {
    expect((await sh(["cat", "/app/log.txt"])).stdout).toBe("one\nTwo\nthree\nfour two\n");
    expect((await sh(["cat", "log.txt"])).stdout).toBe("one\nTwo\nthree\nfour two\n");
    expect(await sh(["cat", "/nope"])).toEqual({
      stdout: "",
      stderr: "cat: /nope: No such file or directory\n",
      code: 1,
    });
    expect((await sh(["cat", "/app"])).stderr).toBe("cat: /app: Is a directory\n");
  });
  it("ls lists directories implied by paths, -a, -l, empty dirs, missing paths", async () => {
    expect((await sh(["ls", "/app"])).stdout).toBe("log.txt\npackage.json\nstorage\n");
    expect((await sh(["ls"])).stdout).toBe("log.txt\npackage.json\nstorage\n");
    expect((await sh(["ls", "/app/storage"])).stdout).toBe("cache\nempty\n");
    expect(await sh(["ls", "/app/storage/empty"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect((await sh(["ls", "-a", "/app/storage"])).stdout).toBe(".\n..\ncache\nempty\n");
    expect((await sh(["ls", "-la", "/app/storage/cache"])).stdout).toMatch(
      /^total \d+\n.*\n.*\n-rw-r--r-- .* a\.html\n$/,
    );
    expect(await sh(["ls", "/nope"])).toMatchObject({
      code: 2,
      stderr: "ls: cannot access '/nope': No such file or directory\n",
    });
  });
  it("head and tail take -n N and -N", async () => {
    expect((await sh(["head", "-n", "2", "/app/log.txt"])).stdout).toBe("one\nTwo\n");
    expect((await sh(["head", "-1", "/app/log.txt"])).stdout).toBe("one\n");
    expect((await sh(["tail", "-n", "1", "/app/log.txt"])).stdout).toBe("four two\n");
    expect((await sh(["tail", "-n2", "/app/log.txt"])).stdout).toBe("three\nfour two\n");
    expect((await sh(["tail", "/app/log.txt"])).stdout).toBe("one\nTwo\nthree\nfour two\n");
    expect((await sh(["head", "-n", "x", "/app/log.txt"])).code).toBe(1);
  });
  it("wc counts lines, words and bytes", async () => {
    expect((await sh(["wc", "-l", "/app/log.txt"])).stdout).toBe("4 /app/log.txt\n");
    expect((await sh(["wc", "-w", "/app/log.txt"])).stdout).toBe("5 /app/log.txt\n");
    expect((await sh(["wc", "-c", "/app/log.txt"])).stdout).toBe("23 /app/log.txt\n");
    expect((await sh(["wc", "/app/log.txt"])).stdout).toBe(" 4  5 23 /app/log.txt\n");
  });
});

describe("grep", () => {
  it("matches lines; exit 0 on a match, 1 on none, 2 on an error", async () => {
    expect(await sh(["grep", "two", "/app/log.txt"])).toEqual({
      stdout: "four two\n",
      stderr: "",
      code: 0,
    });
    expect(await sh(["grep", "zzz", "/app/log.txt"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect((await sh(["grep", "x", "/nope"])).code).toBe(2);
  });
  it("-i -v -c -n -E", async () => {
    expect((await sh(["grep", "-i", "two", "/app/log.txt"])).stdout).toBe("Two\nfour two\n");
    expect((await sh(["grep", "-v", "o", "/app/log.txt"])).stdout).toBe("three\n");
    expect((await sh(["grep", "-c", "o", "/app/log.txt"])).stdout).toBe("3\n");
    expect((await sh(["grep", "-n", "three", "/app/log.txt"])).stdout).toBe("3:three\n");
    expect((await sh(["grep", "-in", "TWO", "/app/log.txt"])).stdout).toBe("2:Two\n4:four two\n");
    expect((await sh(["grep", "-E", "^(one|three)$", "/app/log.txt"])).stdout).toBe("one\nthree\n");
  });
  it("basic regex treats ( | + literally; several files prefix the name", async () => {
    expect((await sh(["grep", "one|three", "/app/log.txt"])).code).toBe(1);
    expect((await sh(["grep", "one\\|three", "/app/log.txt"])).stdout).toBe("one\nthree\n");
    expect((await sh(["grep", "node", "/app/package.json", "/app/log.txt"])).stdout).toBe(
      '/app/package.json:  "engines": { "node": ">=20" }\n',
    );
  });
});

describe("small binaries", () => {
  it("echo, hostname, true, false, whoami", async () => {
    expect((await sh(["echo", "hi", "there"])).stdout).toBe("hi there\n");
    expect((await sh(["echo", "-n", "hi"])).stdout).toBe("hi");
    expect((await sh(["hostname"])).stdout).toBe("billing-api-web-1\n");
    expect((await sh(["true"])).code).toBe(0);
    expect((await sh(["false"])).code).toBe(1);
    expect((await sh(["whoami"])).stdout).toBe("app\n");
    expect((await sh(["date"])).stdout).toBe("Fri Jan  2 00:00:00 UTC 2026\n");
    expect((await sh(["date", "-Iseconds"])).stdout).toBe("2026-01-02T00:00:00+00:00\n");
  });
  it("ps and df print fixed tables", async () => {
    expect((await sh(["ps"])).stdout).toMatch(/^PID +USER +TIME +COMMAND\n +1 app .* npm start\n/);
    expect((await sh(["df"])).stdout).toMatch(/^Filesystem +Size +Used +Avail +Use% +Mounted on\n/);
  });
  it("sleep returns after the time, or at once (137) when aborted", async () => {
    const proc = processes().get(WEB);
    if (!proc) throw new Error("no process");
    expect(
      await runBinary(["sleep", "0"], {
        proc,
        signal: new AbortController().signal,
        now: Date.now,
      }),
    ).toMatchObject({ exitCode: 0 });
    const ac = new AbortController();
    const pending = runBinary(["sleep", "3600"], { proc, signal: ac.signal, now: Date.now });
    ac.abort();
    expect(await pending).toMatchObject({ exitCode: 137 });
    expect((await sh(["sleep", "soon"])).code).toBe(1);
  });
  it("anything else exits 127 the way a container runtime says it", async () => {
    expect(await sh(["foo", "--bar"])).toEqual({
      stdout: "",
      stderr: 'exec: "foo": executable file not found in $PATH\n',
      code: 127,
    });
    expect((await sh(["constructor"])).code).toBe(127);
  });
});

describe("rm and touch change the process's files", () => {
  it("rm -r removes a tree; touch creates a file", async () => {
    const proc = processes().get(WEB);
    if (!proc) throw new Error("no process");
    const ctx = { proc, signal: new AbortController().signal, now: Date.now };
    expect(await runBinary(["rm", "/app/storage"], ctx)).toMatchObject({ exitCode: 1 });
    expect(await runBinary(["rm", "-rf", "/app/storage"], ctx)).toMatchObject({ exitCode: 0 });
    expect((await runBinary(["ls", "/app"], ctx)).stdout).toBe("log.txt\npackage.json\n");
    await runBinary(["touch", "/tmp/marker"], ctx);
    expect((await runBinary(["cat", "/tmp/marker"], ctx)).exitCode).toBe(0);
  });
});

describe("du", () => {
  it("summarises a tree in KiB, or -h", async () => {
    // storage (4) + cache dir (4) + a.html (4) + empty dir (4) = 16
    expect((await sh(["du", "-s", "/app/storage"])).stdout).toBe("16\t/app/storage\n");
    expect((await sh(["du", "-sh", "/app/log.txt"])).stdout).toBe("4K\t/app/log.txt\n");
    expect(await sh(["du", "/nope"])).toMatchObject({ code: 1 });
  });
});
