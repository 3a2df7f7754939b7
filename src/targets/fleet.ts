// `apps: all`, narrowed by `where`: the applications listing, then the processes of each
// matching app (each once, at most `concurrency` at a time).
import type { FleetTargetSpec } from "../job/model.js";
import { matchesGlob } from "./glob.js";
import { type Ctx, list, target } from "./lookup.js";
import type { Target } from "./model.js";

export async function fleetTargets(spec: FleetTargetSpec, ctx: Ctx): Promise<Target[]> {
  const at = spec.position ?? null;
  const where = spec.where ?? {};
  const apps = (await list(ctx, at, "apps: all", (l) => l.applications())).filter(
    (a) =>
      where.name === undefined ||
      matchesGlob(where.name, a.name) ||
      matchesGlob(where.name, a.display_name ?? ""),
  );
  const keys = where.processKey?.map((k) => k.toLowerCase());
  const type = where.type?.toLowerCase();
  const perApp = await Promise.all(
    apps.map((a) =>
      ctx.limit(async () => {
        const processes = await list(ctx, at, "apps: all", (l) => l.processes(a.id)).catch(
          (error: unknown) => {
            ctx.limit.clearQueue(); // one listing failed for good: do not start the rest
            throw error;
          },
        );
        return processes
          .filter((p) => keys === undefined || keys.includes(p.key.toLowerCase()))
          .filter((p) => type === undefined || (p.type ?? "").toLowerCase() === type)
          .map((p) => target(spec, a.id, a.name, p.id, p.key));
      }),
    ),
  );
  return perApp.flat();
}
