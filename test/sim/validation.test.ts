import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/sim/server.js";
import { APP, call, exec, OTHER_WEB, READ, run, start, WEB, WRITE } from "./helpers.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await start();
});
afterAll(() => sim.close());

const execPath = `/applications/${APP}/processes/${WEB}/exec`;

function expectError(a: { status: number; body: Record<string, unknown> }, status: number) {
  expect(a.status).toBe(status);
  expect(a.body).toMatchObject({
    status,
    message: expect.any(String),
    data: { code: expect.any(String) },
  });
}

describe("authentication", () => {
  it("401 without a key, with an unknown key, with a malformed header", async () => {
    expectError(await exec(sim, { command: ["env"] }, { key: null }), 401);
    expectError(await exec(sim, { command: ["env"] }, { key: "nope-nope-nope" }), 401);
    expectError(await call(sim, "GET", "/applications", { key: null }), 401);
  });

  it("every answer, errors included, has an x-request-id", async () => {
    const ids = new Set<unknown>();
    for (const key of [null, WRITE]) {
      const a = await call(sim, "GET", "/applications", { key });
      expect(a.headers["x-request-id"]).toEqual(expect.any(String));
      ids.add(a.headers["x-request-id"]);
    }
    expect(ids.size).toBe(2);
  });
});

describe("404", () => {
  it("unknown route, unknown app, unknown process, process of another app", async () => {
    expectError(await call(sim, "GET", "/nothing-here"), 404);
    expectError(await call(sim, "GET", `/applications/${APP}/exec`), 404);
    const unknownApp = "a0000000-0000-4000-8000-000000000999";
    expectError(await exec(sim, { command: ["env"] }, { app: unknownApp }), 404);
    expectError(
      await exec(sim, { command: ["env"] }, { process: "b0000000-0000-4000-8000-000100000099" }),
      404,
    );
    expectError(await exec(sim, { command: ["env"] }, { process: OTHER_WEB }), 404);
    expectError(await call(sim, "GET", `/applications/${unknownApp}/processes`), 404);
  });
});

describe("400: the request cannot be read", () => {
  it("malformed JSON", async () => {
    expectError(await call(sim, "POST", execPath, { body: '{"command": [' }), 400);
  });
  it("wrong or missing content type", async () => {
    const body = JSON.stringify({ command: ["env"] });
    expectError(await call(sim, "POST", execPath, { body, contentType: "text/plain" }), 400);
    expect(
      (await call(sim, "POST", execPath, { body, contentType: "application/json; charset=utf-8" }))
        .status,
    ).toBe(200);
  });
});

describe("422: read, but breaks a documented rule", () => {
  const bad: Array<[string, unknown]> = [
    ["no command", {}],
    ["empty command", { command: [] }],
    ["101 elements", { command: Array.from({ length: 101 }, () => "x") }],
    ["non-string element", { command: ["echo", 1] }],
    ["command as a string", { command: "env" }],
    ["timeout 0", { command: ["env"], timeout: 0 }],
    ["timeout 61", { command: ["env"], timeout: 61 }],
    ["fractional timeout", { command: ["env"], timeout: 1.5 }],
    ["timeout as a string", { command: ["env"], timeout: "5" }],
    ["a JSON array body", [["env"]]],
  ];
  it.each(bad)("%s", async (_name, body) => {
    expectError(await exec(sim, body), 422);
  });

  it("accepts the bounds: 100 elements, timeout 1 and 60", async () => {
    expect(
      (await exec(sim, { command: ["echo", ...Array.from({ length: 99 }, () => "x")] })).status,
    ).toBe(200);
    expect((await exec(sim, { command: ["true"], timeout: 1 })).status).toBe(200);
    expect((await exec(sim, { command: ["true"], timeout: 60 })).status).toBe(200);
  });

  it("ids that do not match the UUID pattern", async () => {
    expectError(await exec(sim, { command: ["env"] }, { app: "billing-api" }), 422);
    expectError(
      await exec(sim, { command: ["env"] }, { process: "a0000000-0000-0000-8000-000000000001" }),
      422,
    );
    expectError(await call(sim, "GET", "/applications/not-a-uuid/processes"), 422);
  });

  it("page bounds", async () => {
    for (const q of ["limit=0", "limit=101", "limit=abc", "offset=-1"]) {
      expectError(await call(sim, "GET", `/applications?${q}`), 422);
    }
  });
});

describe("403: read keys run read-only binaries only", () => {
  it("a read key may run env, cat, grep, ls...", async () => {
    for (const argv of [
      ["env"],
      ["cat", "/app/package.json"],
      ["grep", "x", "/app/log.txt"],
      ["ls"],
    ]) {
      expect((await exec(sim, { command: argv }, { key: READ })).status).toBe(200);
    }
  });

  it("a read key gets 403 for rm, an unknown binary or a path to one; nothing runs", async () => {
    for (const argv of [
      ["rm", "-rf", "/app"],
      ["node", "-e", "1"],
      ["/bin/rm", "/app/log.txt"],
    ]) {
      expectError(await exec(sim, { command: argv }, { key: READ }), 403);
      expect(sim.counters.executions(WEB, argv)).toBe(0);
    }
    expect((await run(sim, ["cat", "/app/log.txt"])).exit_code).toBe(0);
  });

  it("a write key runs anything; unknown binaries exit 127", async () => {
    const a = await run(sim, ["node", "-v"], WRITE);
    expect(a).toEqual({
      stdout: "",
      stderr: 'exec: "node": executable file not found in $PATH\n',
      exit_code: 127,
    });
  });
});
