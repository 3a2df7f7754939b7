// Small real servers on loopback port 0, for the answers the simulator cannot give.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { inspect } from "node:util";
import { afterEach, expect } from "vitest";
import { SevallaClient, type SevallaClientOptions } from "../../src/client/client.js";
import type { RequestError } from "../../src/client/errors.js";

export const TOKEN = "sk-test-9f2c4e1a7b3d5f60";
export const APP = "0f8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
export const PROC = "1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface TestServer {
  url: string;
  port: number;
  received: Received[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

type Handler = (req: Received, res: ServerResponse) => void;

/** An HTTP server that records each request (with its body) and hands it to the handler. */
export async function httpServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(entry);
      handler(entry, res);
    });
  });
  return listen(server, received);
}

/** A raw TCP server: the test decides byte by byte what the client sees. */
export async function tcpServer(onSocket: (socket: Socket) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    onSocket(socket);
  });
  const handle = await listen(server, []);
  // net.Server.close waits for open sockets; these servers often keep one open on purpose.
  return {
    ...handle,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return handle.close();
    },
  };
}

async function listen(
  server: ReturnType<typeof createServer> | ReturnType<typeof createNetServer>,
  received: Received[],
): Promise<TestServer> {
  let accepted = 0;
  server.on("connection", () => {
    accepted++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3`,
    port,
    received,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A client with short deadlines (1 s exec timeout + 200 ms margin in the tests). */
export function testClient(
  url: string,
  options: Partial<SevallaClientOptions> = {},
): SevallaClient {
  return new SevallaClient({
    baseUrl: url,
    token: TOKEN,
    deadlineMarginMs: 200,
    env: {},
    ...options,
  });
}

/** The rejection of a promise, which must be a client error. */
export async function failure(promise: Promise<unknown>, key = TOKEN): Promise<RequestError> {
  try {
    await promise;
  } catch (error) {
    expectNoKey(error, key);
    return error as RequestError;
  }
  throw new Error("expected the call to fail");
}

/** The key appears nowhere in the error: message, stack, inspect at any depth, or JSON. */
export function expectNoKey(error: unknown, key = TOKEN): void {
  expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(key);
  expect(JSON.stringify(error)).not.toContain(key);
  expect(String(error)).not.toContain(key);
  expect((error as Error).stack ?? "").not.toContain(key);
}

export function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * For a test file: servers and clients passed to `track` are closed after each test, and
 * `serve(status, body, headers)` starts a server that always gives that answer, with its client.
 */
export function closeAfterEach() {
  const open: Array<TestServer | SevallaClient> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((thing) => thing.close()));
  });
  const track = <T extends TestServer | SevallaClient>(thing: T): T => {
    open.push(thing);
    return thing;
  };
  const serve = async (status: number, body: string, headers: Record<string, string> = {}) => {
    const server = track(
      await httpServer((_req, res) => {
        res.writeHead(status, { "x-request-id": "req-7f3a", ...headers });
        res.end(body);
      }),
    );
    return { server, client: track(testClient(server.url)) };
  };
  return { track, serve };
}
