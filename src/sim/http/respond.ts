import type { ServerResponse } from "node:http";

/** What a route decided: an HTTP answer, or a connection reset in place of one. */
export type Outcome =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "raw"; status: number; contentType: string; text: string }
  | { kind: "reset" };

export function json(status: number, body: unknown, headers?: Record<string, string>): Outcome {
  return headers ? { kind: "json", status, body, headers } : { kind: "json", status, body };
}

/** Writes a json or raw outcome (a reset is not written but dropped: see resetConnection). */
export function writeOutcome(
  res: ServerResponse,
  outcome: Exclude<Outcome, { kind: "reset" }>,
  headers: Record<string, string>,
): void {
  const json = outcome.kind === "json";
  const text = json ? JSON.stringify(outcome.body) : outcome.text;
  res.writeHead(outcome.status, {
    ...headers,
    ...(json ? outcome.headers : {}),
    "content-type": json ? "application/json; charset=utf-8" : outcome.contentType,
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
