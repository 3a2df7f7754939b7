import { z } from "zod";
import { unprocessable } from "../errors.js";
import { UUID_PATTERN } from "../fleet/schema.js";

// 400 is for requests that cannot be read (not JSON, wrong content type); 422 for requests that
// were read but break a documented rule (argv length, timeout range, id pattern, page bounds).

export const execBody = z.object({
  command: z.array(z.string()).min(1).max(100),
  timeout: z.number().int().min(1).max(60).default(15),
});

export type ExecBody = z.output<typeof execBody>;

export function parseExecBody(body: unknown): ExecBody {
  const r = execBody.safeParse(body);
  if (r.success) return r.data;
  throw unprocessable(
    r.error.issues.map((i) => `body.${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
  );
}

export function checkId(value: string, name: string): void {
  if (!UUID_PATTERN.test(value)) throw unprocessable(`${name} must match the UUID pattern`);
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/** limit (1..100, default 25) and offset (>= 0, default 0) from the query string. */
export function parsePage(url: URL): { limit: number; offset: number } {
  const limit = intParam(url, "limit", DEFAULT_LIMIT);
  const offset = intParam(url, "offset", 0);
  if (limit < 1 || limit > MAX_LIMIT)
    throw unprocessable(`limit must be between 1 and ${MAX_LIMIT}`);
  if (offset < 0) throw unprocessable("offset must be >= 0");
  return { limit, offset };
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw unprocessable(`${name} must be an integer`);
  return Number(raw);
}
