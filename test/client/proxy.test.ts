// HTTPS_PROXY / HTTP_PROXY / NO_PROXY go through undici's EnvHttpProxyAgent.
import { connect, type Socket } from "node:net";
import { afterEach, expect, test } from "vitest";
import type { SevallaClient } from "../../src/client/client.js";
import { APP, httpServer, json, PROC, type TestServer, tcpServer, testClient } from "./servers.js";

const open: Array<TestServer | SevallaClient> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

/** A CONNECT proxy that records each tunnel's target. */
async function connectProxy(targets: string[]): Promise<TestServer> {
  return tcpServer((client: Socket) => {
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      client.off("data", onData);
      const [method, target] = head.split(" ");
      targets.push(`${method} ${target}`);
      const [host, port] = (target ?? "").split(":");
      if (method !== "CONNECT") {
        client.end("HTTP/1.1 501 Not Implemented\r\ncontent-length: 0\r\n\r\n");
        return;
      }
      const upstream = connect(Number(port), host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        const rest = head.slice(end + 4);
        if (rest !== "") upstream.write(Buffer.from(rest, "latin1"));
        client.pipe(upstream).pipe(client);
      });
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
    };
    client.on("data", onData);
  });
}

async function api(): Promise<TestServer> {
  return httpServer((_req, res) => json(res, 200, { stdout: "ok", stderr: "", exit_code: 0 }));
}

test("HTTP_PROXY sends the request through the proxy", async () => {
  const targets: string[] = [];
  const proxy = await connectProxy(targets);
  const server = await api();
  const client = testClient(server.url, { env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}` } });
  open.push(client, proxy, server);
  const result = await client.exec(APP, PROC, ["env"], { timeout: 5 });
  expect(result.stdout).toBe("ok");
  expect(targets).toEqual([`CONNECT 127.0.0.1:${server.port}`]);
  expect(server.received).toHaveLength(1);
});

test("NO_PROXY bypasses the proxy", async () => {
  const targets: string[] = [];
  const proxy = await connectProxy(targets);
  const server = await api();
  const client = testClient(server.url, {
    env: { HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, NO_PROXY: "127.0.0.1" },
  });
  open.push(client, proxy, server);
  await client.exec(APP, PROC, ["env"], { timeout: 5 });
  expect(targets).toEqual([]);
  expect(server.received).toHaveLength(1);
});

test("no proxy variables: a direct connection", async () => {
  const server = await api();
  const client = testClient(server.url, { env: {} });
  open.push(client, server);
  await client.exec(APP, PROC, ["env"], { timeout: 5 });
  expect(server.received).toHaveLength(1);
});
