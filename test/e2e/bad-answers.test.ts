// Bad answers from the server, through the BUILT `fanout run`: one small node:http server stands
// in for the API and misbehaves differently per process. Each bad answer becomes a clean `error`
// result, the other targets still run, the report has every pair, and nothing prints a stack.
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/report/model.js";
import { parseReport } from "../../src/report/schema.js";
import { assertBuilt, type CliResult, runCli, tempDir, writeJob } from "../cli/spawn-cli.js";

const APP = "a0000007-0000-4000-8000-000000000001";
const proc = (n: number) => `b0000007-0000-4000-8000-${String(n).padStart(12, "0")}`;
const MiB = 1024 * 1024;

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

const json = (res: ServerResponse, body: string) => {
  res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-bad" });
  res.end(body);
};

/** Streams a JSON answer whose stdout is `bytes` of "x", without holding it in memory. */
function bigAnswer(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"stdout":"');
  const chunk = "x".repeat(MiB);
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, MiB);
      left -= n;
      if (!res.write(n === MiB ? chunk : chunk.slice(0, n))) return void res.once("drain", pump);
    }
    res.end('","stderr":"","exit_code":0}');
  };
  res.on("error", () => {});
  pump();
}

// name → [process number, behaviour, expected status, expected error code]
const CASES: Record<string, [number, Behaviour, string, string | null]> = {
  "200 with an HTML page": [
    1,
    (_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Bad gateway, please try later</body></html>");
    },
    "error",
    "BAD_RESPONSE",
  ],
  "truncated JSON": [
    2,
    (_q, res) => json(res, '{"stdout":"hi\\n","stderr":"","exit_'),
    "error",
    "BAD_RESPONSE",
  ],
  "exit_code as a string": [
    3,
    (_q, res) => json(res, '{"stdout":"","stderr":"","exit_code":"0"}'),
    "error",
    "BAD_RESPONSE",
  ],
  // An answer, just a big one: kept (head and tail, maxOutputBytes) and marked truncated.
  "a 50 MiB stdout": [4, (_q, res) => bigAnswer(res, 50 * MiB), "ok", null],
  // Over the client's 64 MiB cap on a response body: read no further.
  "a 70 MiB stdout": [5, (_q, res) => bigAnswer(res, 70 * MiB), "error", "BAD_RESPONSE"],
  "a byte a second": [
    6,
    (_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const body = '{"stdout":"slow","stderr":"","exit_code":0}';
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= body.length) return clearInterval(timer);
        res.write(body[i++]);
      }, 1000);
      res.on("close", () => clearInterval(timer));
    },
    "error",
    "TIMEOUT",
  ],
  "accepts and never answers": [7, () => {}, "error", "TIMEOUT"],
  "closes mid-body": [
    8,
    (_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "200" });
      res.write('{"stdout":"half of i');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    "error",
    "NETWORK_RESET",
  ],
};
const GOOD = [9, 10];

let server: Server;
let res: CliResult;
let report: Report;
let reportPath: string;

beforeAll(async () => {
  assertBuilt();
  const byProcess = new Map<string, Behaviour>(
    Object.values(CASES).map(([n, behaviour]) => [proc(n), behaviour]),
  );
  server = createServer((req, response) => {
    req.resume();
    req.on("end", () => {
      const id = /processes\/([^/]+)\/exec/.exec(req.url ?? "")?.[1] ?? "";
      const behaviour = byProcess.get(id);
      if (behaviour) behaviour(req, response);
      else json(response, '{"stdout":"fine\\n","stderr":"","exit_code":0}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;

  const dir = await tempDir("fanout-bad-answers-");
  const numbers = [...Object.values(CASES).map(([n]) => n), ...GOOD];
  const file = await writeJob(dir, "bad-answers.yaml", {
    name: "bad-answers",
    targets: numbers.map((n) => ({ app: APP, process: proc(n) })),
    steps: [{ name: "env", command: ["printenv", "NODE_ENV"] }],
    // No retries and the shortest timeout: the client's deadline is 1 s + its 5 s margin.
    extra: { concurrency: 10, retries: 0, timeout: 1 },
  });
  reportPath = join(dir, "report.json");
  res = await runCli(["run", file, "--report", reportPath], {
    env: { SEVALLA_API_URL: url, SEVALLA_API_TOKEN: "sev_rw_bad_answers_0123456789" },
  });
  report = parseReport(JSON.parse(await readFile(reportPath, "utf8"))) as Report;
}, 60_000);
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

describe("bad answers from the server, through fanout run", () => {
  it("the run finishes with exit 3, a report of every pair and no stack trace", () => {
    expect(res.code, res.stderr).toBe(3);
    expect(report.results).toHaveLength(Object.keys(CASES).length + GOOD.length);
    expect(`${res.stdout}${res.stderr}`).not.toMatch(/^ {4}at |TypeError|node:internal/m);
  });

  for (const [name, [n, , status, code]] of Object.entries(CASES)) {
    it(`${name}: ${status}${code ? ` ${code}` : ""}`, () => {
      const r = report.results.find((x) => x.process === proc(n));
      expect(r?.status, JSON.stringify(r?.error)).toBe(status);
      expect(r?.error?.code ?? null).toBe(code);
      expect(r?.attempts).toBe(1);
    });
  }

  it("the other targets still answered", () => {
    for (const n of GOOD) {
      const r = report.results.find((x) => x.process === proc(n));
      expect(r?.status).toBe("ok");
      expect(r?.stdout).toBe("fine\n");
    }
  });

  it("the 50 MiB answer is kept head and tail, and the report stays small", async () => {
    const r = report.results.find((x) => x.process === proc(4));
    expect(r?.truncated?.stdout).toBe(true);
    expect(r?.truncated?.originalBytes.stdout).toBe(50 * MiB);
    expect((await stat(reportPath)).size).toBeLessThan(MiB);
  });
});
