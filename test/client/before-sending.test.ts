// Failures before undici put the request on a connected socket provably sent nothing: they are
// notExecuted (safe to retry), where the same failure a moment later would be ambiguous.
import { afterEach, expect, test } from "vitest";
import type { SevallaClient } from "../../src/client/client.js";
import { APP, failure, PROC, type TestServer, tcpServer, testClient } from "./servers.js";

const open: Array<TestServer | SevallaClient> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

/** https:// to a plain TCP server: the TLS handshake is where the connection stops. */
async function tlsClient(onSocket: Parameters<typeof tcpServer>[0], connections?: number) {
  const server = await tcpServer(onSocket);
  const client = testClient(
    `https://127.0.0.1:${server.port}/v3`,
    connections ? { connections } : {},
  );
  open.push(client, server);
  return client;
}

test("a reset during the TLS handshake → NETWORK_RESET, notExecuted", async () => {
  const client = await tlsClient((socket) => socket.once("data", () => socket.resetAndDestroy()));
  const err = await failure(client.exec(APP, PROC, ["touch", "/tmp/x"], { timeout: 5 }));
  expect(err).toMatchObject({ code: "NETWORK_RESET", class: "notExecuted" });
});

test("a handshake that never finishes → TIMEOUT, notExecuted", async () => {
  const client = await tlsClient(() => {});
  const err = await failure(client.exec(APP, PROC, ["touch", "/tmp/x"], { timeout: 1 }));
  expect(err).toMatchObject({ code: "TIMEOUT", class: "notExecuted" });
});

test("aborted while still connecting → ABORTED, notExecuted", async () => {
  const controller = new AbortController();
  const client = await tlsClient(() => controller.abort());
  const err = await failure(
    client.exec(APP, PROC, ["touch", "/tmp/x"], { timeout: 30, signal: controller.signal }),
  );
  expect(err).toMatchObject({ code: "ABORTED", class: "notExecuted" });
});

test("aborted while queued behind a busy connection → notExecuted; the first is ambiguous", async () => {
  const requests: string[] = [];
  const server = await tcpServer((socket) =>
    socket.on("data", (chunk: Buffer) =>
      requests.push(chunk.toString("latin1").split("\r\n")[0] ?? ""),
    ),
  );
  const client = testClient(server.url, { connections: 1 });
  open.push(client, server);
  const first = new AbortController();
  const second = new AbortController();
  const busy = failure(
    client.exec(APP, PROC, ["sleep", "9"], { timeout: 30, signal: first.signal }),
  );
  const queued = failure(client.exec(APP, PROC, ["env"], { timeout: 30, signal: second.signal }));
  await expect.poll(() => requests.length).toBe(1);
  second.abort();
  expect(await queued).toMatchObject({ code: "ABORTED", class: "notExecuted" });
  first.abort();
  expect(await busy).toMatchObject({ code: "ABORTED", class: "ambiguous" });
  expect(requests).toHaveLength(1);
});
