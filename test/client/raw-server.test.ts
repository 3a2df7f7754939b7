// The client over real loopback sockets, against servers that misbehave in ways the simulator
// does not: wrong bodies, redirects, silence, trickles, resets, refusals.
import { describe, expect, test } from "vitest";
import {
  APP,
  closeAfterEach,
  failure,
  httpServer,
  json,
  PROC,
  TOKEN,
  tcpServer,
  testClient,
} from "./servers.js";

const { track, serve } = closeAfterEach();

describe("an answer", () => {
  test("sends the documented request and returns the documented result", async () => {
    const { server, client } = await serve(
      200,
      JSON.stringify({ stdout: "NODE_ENV=production\n", stderr: "", exit_code: 3 }),
      { "x-ratelimit-limit": "30", "x-ratelimit-remaining": "12", "x-ratelimit-reset": "40" },
    );
    const result = await client.exec(APP, PROC, ["printenv", "NODE_ENV"], { timeout: 7 });
    expect(result).toMatchObject({
      stdout: "NODE_ENV=production\n",
      stderr: "",
      exitCode: 3,
      requestId: "req-7f3a",
      rateLimit: { limit: 30, remaining: 12, resetSeconds: 40 },
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [req] = server.received;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe(`/v3/applications/${APP}/processes/${PROC}/exec`);
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers.accept).toBe("application/json");
    expect(req?.headers["user-agent"]).toMatch(/^fanout\/\d+\.\d+\.\d+/);
    expect(JSON.parse(req?.body ?? "")).toEqual({ command: ["printenv", "NODE_ENV"], timeout: 7 });
  });

  test("sends the default timeout of 15 s", async () => {
    const { server, client } = await serve(200, '{"stdout":"","stderr":"","exit_code":0}');
    await client.exec(APP, PROC, ["true"]);
    expect(JSON.parse(server.received[0]?.body ?? "").timeout).toBe(15);
  });
});

describe("a 200 that is not the documented body is BAD_RESPONSE, ambiguous", () => {
  test.each([
    ["HTML from a proxy", "<html><body>Welcome to nginx</body></html>"],
    ["truncated JSON", '{"stdout":"a","stderr":"","exit_'],
    ["exit_code as a string", '{"stdout":"","stderr":"","exit_code":"0"}'],
    ["missing exit_code", '{"stdout":"","stderr":""}'],
    ["a fractional exit_code", '{"stdout":"","stderr":"","exit_code":1.5}'],
    ["an empty body", ""],
    ["a JSON array", "[]"],
  ])("%s", async (_name, body) => {
    const { client } = await serve(200, body, { "content-type": "text/html" });
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "BAD_RESPONSE", class: "ambiguous", requestId: "req-7f3a" });
  });

  test("a body past maxResponseBytes is not read into memory", async () => {
    const server = track(
      await httpServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ stdout: "x".repeat(5000), stderr: "", exit_code: 0 }));
      }),
    );
    const client = track(testClient(server.url, { maxResponseBytes: 1024 }));
    const err = await failure(client.exec(APP, PROC, ["cat", "big"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "BAD_RESPONSE", class: "ambiguous" });
  });
});

describe("redirects are never followed", () => {
  test("a 3xx is API_REDIRECT, permanent, naming the host; the key goes nowhere else", async () => {
    const elsewhere = track(await httpServer((_req, res) => json(res, 200, {})));
    const { server, client } = await serve(307, "", {
      location: `http://localhost:${elsewhere.port}/steal`,
    });
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "API_REDIRECT", class: "permanent", httpStatus: 307 });
    expect(err.message).toContain(`localhost:${elsewhere.port}`);
    expect(server.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });
});

describe("the client-side deadline", () => {
  test("a server that accepts and never answers → TIMEOUT, ambiguous", async () => {
    const server = track(await tcpServer(() => {}));
    const client = track(testClient(server.url));
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 1 }));
    expect(err).toMatchObject({ code: "TIMEOUT", class: "ambiguous", httpStatus: null });
  });

  test("a body that trickles forever → TIMEOUT (the deadline covers the body)", async () => {
    const server = track(
      await tcpServer((socket) => {
        socket.once("data", () => {
          socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n");
          socket.write("transfer-encoding: chunked\r\n\r\n");
          const timer = setInterval(() => socket.write("1\r\n \r\n"), 50);
          socket.on("close", () => clearInterval(timer));
        });
      }),
    );
    const client = track(testClient(server.url));
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 1 }));
    expect(err).toMatchObject({ code: "TIMEOUT", class: "ambiguous" });
  });

  test("a listing has its own deadline", async () => {
    const server = track(await tcpServer(() => {}));
    const client = track(testClient(server.url, { listTimeoutMs: 300 }));
    const err = await failure(client.listApplications());
    expect(err).toMatchObject({ code: "TIMEOUT", class: "ambiguous" });
  });
});

describe("the caller's AbortSignal", () => {
  test("aborted before sending → ABORTED, notExecuted, nothing sent", async () => {
    const { server, client } = await serve(200, '{"stdout":"","stderr":"","exit_code":0}');
    const err = await failure(
      client.exec(APP, PROC, ["env"], { timeout: 1, signal: AbortSignal.abort() }),
    );
    expect(err).toMatchObject({ code: "ABORTED", class: "notExecuted" });
    expect(server.received).toHaveLength(0);
  });

  test("aborted while waiting for the answer → ABORTED, ambiguous", async () => {
    const controller = new AbortController();
    const server = track(
      await tcpServer((socket) => socket.once("data", () => controller.abort())),
    );
    const client = track(testClient(server.url));
    const err = await failure(
      client.exec(APP, PROC, ["env"], { timeout: 30, signal: controller.signal }),
    );
    expect(err).toMatchObject({ code: "ABORTED", class: "ambiguous" });
  });
});

describe("transport failures", () => {
  test("a reset after the request was sent → NETWORK_RESET, ambiguous", async () => {
    const server = track(
      await tcpServer((socket) => socket.once("data", () => socket.resetAndDestroy())),
    );
    const client = track(testClient(server.url));
    const err = await failure(client.exec(APP, PROC, ["touch", "/tmp/x"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "NETWORK_RESET", class: "ambiguous", httpStatus: null });
  });

  test("the connection closing mid-body → NETWORK_RESET, ambiguous", async () => {
    const server = track(
      await tcpServer((socket) =>
        socket.once("data", () => {
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"stdout":');
          setImmediate(() => socket.destroy());
        }),
      ),
    );
    const client = track(testClient(server.url));
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "NETWORK_RESET", class: "ambiguous" });
  });

  test("connection refused → NETWORK_REFUSED, notExecuted", async () => {
    const server = await tcpServer(() => {});
    await server.close();
    const client = track(testClient(server.url));
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "NETWORK_REFUSED", class: "notExecuted" });
  });
});
