import type { SimContext } from "../context.js";
import { notFound } from "../errors.js";
import { json, type Outcome } from "../http/respond.js";
import { checkId, parsePage } from "./validate.js";

/** GET /v3/applications?limit&offset */
export function listApplications(sim: SimContext, url: URL): Outcome {
  const apps = sim.runtime.apps.map((a) => ({
    id: a.id,
    name: a.name,
    display_name: a.display_name ?? a.name,
    status: a.status,
    type: a.type,
  }));
  return json(200, page(apps, parsePage(url)));
}

/** GET /v3/applications/{id}/processes?limit&offset */
export function listProcesses(sim: SimContext, appId: string, url: URL): Outcome {
  checkId(appId, "application id");
  const pageSpec = parsePage(url);
  const app = sim.runtime.appsById.get(appId.toLowerCase());
  if (!app) throw notFound("application");
  const processes = app.processes.map((p) => ({
    id: p.id,
    app_id: app.id,
    key: p.key,
    type: p.type,
    display_name: p.display_name ?? `${app.name} ${p.key}`,
    entrypoint: p.entrypoint,
  }));
  return json(200, page(processes, pageSpec));
}

function page<T>(items: T[], { limit, offset }: { limit: number; offset: number }) {
  return { data: items.slice(offset, offset + limit), total: items.length, offset, limit };
}
