import type { IncomingMessage } from "node:http";
import { unauthorized } from "./errors.js";
import type { FleetKey } from "./fleet/schema.js";

/** The key a request authenticated with; throws the 401 HttpError otherwise. */
export function authenticate(req: IncomingMessage, keys: Map<string, FleetKey>): FleetKey {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match?.[1] ? keys.get(match[1]) : undefined;
  if (!key) throw unauthorized();
  return key;
}
