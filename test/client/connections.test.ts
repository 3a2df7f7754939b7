// One keep-alive dispatcher per client: connections are reused, and never more than `connections`.
import { afterEach, expect, test } from "vitest";
import type { SevallaClient } from "../../src/client/client.js";
import { APP, httpServer, json, PROC, type TestServer, testClient } from "./servers.js";

const open: Array<TestServer | SevallaClient> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

const ANSWER = { stdout: "", stderr: "", exit_code: 0 };

test("sequential requests reuse keep-alive connections", async () => {
  const server = await httpServer((_req, res) => json(res, 200, ANSWER));
  const client = testClient(server.url);
  open.push(server, client);
  for (let i = 0; i < 10; i++) await client.exec(APP, PROC, ["env"], { timeout: 5 });
  expect(server.received).toHaveLength(10);
  // undici frees a connection just after the body is handed over, so the next request may take
  // a second one; without keep-alive this would be 10.
  expect(server.connections()).toBeLessThanOrEqual(2);
});

test("concurrent requests never use more than `connections` sockets", async () => {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = await httpServer((_req, res) => {
    void gate.then(() => json(res, 200, ANSWER));
  });
  const client = testClient(server.url, { connections: 2 });
  open.push(server, client);
  const calls = Array.from({ length: 5 }, () => client.exec(APP, PROC, ["env"], { timeout: 5 }));
  await expect.poll(() => server.received.length).toBe(2);
  release();
  const results = await Promise.all(calls);
  expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0]);
  expect(server.connections()).toBe(2);
});
