// What the client does once per exchange and what it does once per client, over real sockets:
// equal answers parsed once, one request body per frozen argv, informational answers skipped,
// one abort listener per caller signal however many requests are in flight under it.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  APP,
  closeAfterEach,
  failure,
  httpServer,
  json,
  PROC,
  tcpServer,
  testClient,
} from "./servers.js";

const { track } = closeAfterEach();

afterEach(() => {
  vi.restoreAllMocks();
});

/** A server that answers every exec with the stdout the handler picks for the request's body. */
async function answering(stdoutFor: (command: string[], n: number) => string) {
  let n = 0;
  const server = track(
    await httpServer((req, res) => {
      const { command } = JSON.parse(req.body) as { command: string[] };
      json(res, 200, { stdout: stdoutFor(command, n++), stderr: "", exit_code: 0 });
    }),
  );
  return { server, client: track(testClient(server.url)) };
}

describe("equal answers", () => {
  test("are parsed once per client and give equal results", async () => {
    const { client } = await answering(() => "NODE_ENV=production\n");
    const parse = vi.spyOn(JSON, "parse");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await client.exec(APP, PROC, ["env"], { timeout: 5 }));
    const parsedAnswers = parse.mock.calls.filter(([text]) => String(text).includes("stdout"));
    expect(parsedAnswers).toHaveLength(1);
    expect(results.map((r) => [r.stdout, r.exitCode])).toEqual(
      Array(5).fill(["NODE_ENV=production\n", 0]),
    );
  });

  test("an answer one byte away from a known one is its own answer", async () => {
    const outputs = ["production\n", "producti0n\n", "production\n", "staging\n"];
    const { client } = await answering((_command, n) => outputs[n] ?? "");
    const seen = [];
    for (const _ of outputs) seen.push((await client.exec(APP, PROC, ["env"])).stdout);
    expect(seen).toEqual(outputs);
  });

  test("many different answers of one length are each read right", async () => {
    const hosts = Array.from({ length: 30 }, (_, i) => `web-${String(i).padStart(3, "0")}\n`);
    const { client } = await answering((_command, n) => hosts[n % hosts.length] ?? "");
    const seen = [];
    for (let i = 0; i < 60; i++) seen.push((await client.exec(APP, PROC, ["hostname"])).stdout);
    expect(seen).toEqual([...hosts, ...hosts]);
  });
});

describe("the request body", () => {
  test("a frozen argv is sent right under each timeout", async () => {
    const { server, client } = await answering(() => "");
    const argv = Object.freeze(["printenv", "NODE_ENV"]);
    for (const timeout of [5, 5, 9, 5]) await client.exec(APP, PROC, argv, { timeout });
    expect(server.received.map((r) => JSON.parse(r.body))).toEqual(
      [5, 5, 9, 5].map((timeout) => ({ command: ["printenv", "NODE_ENV"], timeout })),
    );
  });

  test("an argv the caller changes between calls is sent as it is at each call", async () => {
    const { server, client } = await answering(() => "");
    const argv = ["printenv", "NODE_ENV"];
    await client.exec(APP, PROC, argv, { timeout: 5 });
    argv[1] = "PORT";
    await client.exec(APP, PROC, argv, { timeout: 5 });
    expect(server.received.map((r) => JSON.parse(r.body).command)).toEqual([
      ["printenv", "NODE_ENV"],
      ["printenv", "PORT"],
    ]);
  });
});

describe("the exchange", () => {
  test("an informational 103 before the answer is skipped", async () => {
    const server = track(
      await httpServer((_req, res) => {
        res.writeEarlyHints({ link: "</style.css>; rel=preload" });
        json(res, 200, { stdout: "ok\n", stderr: "", exit_code: 0 }, { "x-request-id": "r-1" });
      }),
    );
    const client = track(testClient(server.url));
    expect(await client.exec(APP, PROC, ["env"])).toMatchObject({
      stdout: "ok\n",
      requestId: "r-1",
    });
  });

  test("a repeated header reads as its first value", async () => {
    const server = track(
      await tcpServer((socket) => {
        socket.once("data", () => {
          const body = '{"stdout":"","stderr":"","exit_code":0}';
          socket.write(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n" +
              "x-request-id: first\r\nx-request-id: second\r\n" +
              `content-length: ${body.length}\r\n\r\n${body}`,
          );
        });
      }),
    );
    const client = track(testClient(server.url));
    expect((await client.exec(APP, PROC, ["env"])).requestId).toBe("first");
  });

  test("one abort listener per caller signal, however many requests wait under it", async () => {
    const server = track(await tcpServer(() => {}));
    const client = track(testClient(server.url, { connections: 4 }));
    const controller = new AbortController();
    const pending = Array.from({ length: 20 }, () =>
      failure(client.exec(APP, PROC, ["env"], { timeout: 5, signal: controller.signal })),
    );
    await vi.waitFor(() => expect(server.connections()).toBe(4));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort();
    const errors = await Promise.all(pending);
    const classes = errors.map((e) => `${e.code} ${e.class}`);
    // 4 were on a socket (they may have been sent), 16 were still queued (provably not sent).
    expect(classes.filter((c) => c === "ABORTED ambiguous")).toHaveLength(4);
    expect(classes.filter((c) => c === "ABORTED notExecuted")).toHaveLength(16);
  });
});
