// The client's HTTP errors, request validation and listings, against small loopback servers.
import { describe, expect, test } from "vitest";
import {
  APP,
  closeAfterEach,
  failure,
  httpServer,
  json,
  PROC,
  TOKEN,
  testClient,
} from "./servers.js";

const { track, serve } = closeAfterEach();

describe("HTTP errors", () => {
  test("a 403 names the binary, the API's message and code, and the request id", async () => {
    const { client } = await serve(
      403,
      JSON.stringify({ message: "Forbidden", status: 403, data: { code: "err-perm-7" } }),
      { "content-type": "application/json" },
    );
    const err = await failure(client.exec(APP, PROC, ["touch", "/app/x"], { timeout: 5 }));
    expect(err).toMatchObject({
      name: "ApiError",
      code: "API_FORBIDDEN",
      class: "permanent",
      httpStatus: 403,
      apiMessage: "Forbidden",
      apiCode: "err-perm-7",
      requestId: "req-7f3a",
    });
    expect(err.message).toContain('may not run "touch"');
    expect(err.message).toContain("[request req-7f3a]");
  });

  test("a 429 carries retryAfterMs and the rate limit", async () => {
    const { client } = await serve(429, '{"message":"Too Many Requests","status":429}', {
      "retry-after": "3",
      "x-ratelimit-limit": "30",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": "9",
    });
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err).toMatchObject({
      code: "API_RATE_LIMITED",
      class: "notExecuted",
      retryAfterMs: 3000,
      rateLimit: { limit: 30, remaining: 0, resetSeconds: 9 },
    });
  });

  test("a 502 with an HTML body is API_BAD_GATEWAY, ambiguous", async () => {
    const { client } = await serve(502, "<html>Bad Gateway</html>");
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "API_BAD_GATEWAY", class: "ambiguous", apiMessage: null });
  });

  test("a server that echoes the key in its error body does not get it into the error", async () => {
    const { client } = await serve(
      401,
      JSON.stringify({ message: `bad key ${TOKEN}`, status: 401, data: { code: TOKEN } }),
    );
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err.code).toBe("API_UNAUTHORIZED");
    expect(err.apiMessage).toBe("bad key [redacted]");
  });

  test("nor does one that puts it in x-request-id or a redirect's Location", async () => {
    const { client } = await serve(302, "", {
      "x-request-id": `id-${TOKEN}`,
      location: `https://${TOKEN}.example.com/`,
    });
    const err = await failure(client.exec(APP, PROC, ["env"], { timeout: 5 }));
    expect(err.code).toBe("API_REDIRECT");
    expect(err.requestId).toBe("id-[redacted]");
  });
});

describe("validation happens before anything is sent", () => {
  test.each([
    ["a bad app id", "my-app", PROC, ["env"], 1],
    ["a bad process id", APP, "web", ["env"], 1],
    ["an empty argv", APP, PROC, [], 1],
    ["an empty binary", APP, PROC, [""], 1],
    ["a timeout of 61 s", APP, PROC, ["env"], 61],
  ])("%s", async (_name, app, proc, command, timeout) => {
    const { server, client } = await serve(200, '{"stdout":"","stderr":"","exit_code":0}');
    const err = await failure(client.exec(app, proc, command, { timeout }));
    expect(err).toMatchObject({ code: "INVALID_REQUEST", class: "permanent" });
    expect(server.received).toHaveLength(0);
  });
});

describe("the API's error body", () => {
  // The client validates everything the simulator would answer 422 for, so a 422 only comes
  // from a server stricter than the documentation: this one.
  test("a 422 → API_VALIDATION, permanent, with the API's message and detail", async () => {
    const { client } = await serve(
      422,
      JSON.stringify({
        message: "Validation failed",
        status: 422,
        data: { code: "err-validation", message: "body.command.0: unsupported character" },
      }),
    );
    const err = await failure(client.exec(APP, PROC, ["ls"], { timeout: 5 }));
    expect(err).toMatchObject({
      code: "API_VALIDATION",
      class: "permanent",
      apiMessage: "Validation failed",
      apiCode: "err-validation",
    });
    expect(err.message).toContain("body.command.0: unsupported character");
  });

  test("the support boilerplate of data.message is left out of the message", async () => {
    const { client } = await serve(
      401,
      JSON.stringify({
        message: "Unauthorized",
        status: 401,
        data: { code: "err-abc-123", message: "If you need assistance, please contact support." },
      }),
    );
    const err = await failure(client.exec(APP, PROC, ["ls"], { timeout: 5 }));
    expect(err.apiCode).toBe("err-abc-123");
    expect(err.message).not.toContain("assistance");
  });

  test("an unlisted 4xx → API_HTTP_<status>, permanent", async () => {
    const { client } = await serve(418, "I'm a teapot");
    const err = await failure(client.exec(APP, PROC, ["ls"], { timeout: 5 }));
    expect(err).toMatchObject({ code: "API_HTTP_418", class: "permanent", httpStatus: 418 });
  });
});

describe("listings over a raw server", () => {
  test("GET with limit/offset and the same headers (no content-type on a GET)", async () => {
    const server = track(
      await httpServer((req, res) => {
        const offset = Number(new URL(req.url, "http://x").searchParams.get("offset"));
        const data = offset === 0 ? [{ id: APP, name: "a", display_name: "A" }] : [];
        json(res, 200, { data, total: 1, offset, limit: 100 });
      }),
    );
    const client = track(testClient(server.url));
    const apps = await client.listApplications();
    expect(apps).toEqual([{ id: APP, name: "a", display_name: "A" }]);
    expect(server.received.map((r) => r.url)).toEqual(["/v3/applications?limit=100&offset=0"]);
    const headers = server.received[0]?.headers;
    expect(headers?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(headers?.accept).toBe("application/json");
    expect(headers?.["user-agent"]).toMatch(/^fanout\//);
  });

  test("a list body of the wrong shape → BAD_RESPONSE", async () => {
    const { client } = await serve(200, JSON.stringify({ items: [] }));
    const err = await failure(client.listApplications());
    expect(err).toMatchObject({ code: "BAD_RESPONSE", class: "ambiguous" });
  });
});

describe("listings validate too", () => {
  test("listProcesses with a bad app id rejects (never throws synchronously), nothing sent", async () => {
    const { server, client } = await serve(200, '{"data":[],"total":0}');
    const pending = client.listProcesses("shop");
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toMatchObject({ code: "INVALID_REQUEST", class: "permanent" });
    expect(server.received).toHaveLength(0);
  });
});
