import type { ServerResponse } from "node:http";

/** What a route decided: an HTTP answer, or a connection reset in place of one. */
export type Outcome =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "reset" };

export function json(status: number, body: unknown, headers?: Record<string, string>): Outcome {
  return headers ? { kind: "json", status, body, headers } : { kind: "json", status, body };
}

export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Drops the connection with a TCP RST, as a crashing gateway or a dying pod would. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}
