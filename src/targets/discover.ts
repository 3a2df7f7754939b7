// `fanout targets discover`: an inventory written from the API, for a person to edit (add labels,
// drop what is never targeted). UUIDs keep it valid through renames; names go in comments and
// each entry's label so it reads well. Pure: listings in, YAML text out.
import type { Application, Process } from "../client/types.js";

export interface DiscoveredApp {
  app: Application;
  processes: readonly Process[];
}

export function renderInventory(apps: readonly DiscoveredApp[], source: string, at: Date): string {
  const processCount = apps.reduce((n, a) => n + a.processes.length, 0);
  const lines = [
    `# Written by \`fanout targets discover\` on ${at.toISOString()} from ${oneLine(source)}:`,
    `# ${apps.length} apps, ${processCount} processes. Edit freely: add labels to an entry, e.g.`,
    "#   labels: { env: production, team: billing }",
    "# and remove what you never target. A job uses it with `targets: {inventory: <this file>}`;",
    "# editors check it against schema/inventory.schema.json (in the fanout package).",
    "version: 1",
    "targets:",
  ];
  for (const { app, processes } of apps) {
    for (const p of processes) {
      lines.push(
        `  - label: ${quote(`${app.name}/${p.key}`)}`,
        `    app: ${app.id} # ${oneLine(app.display_name && app.display_name !== app.name ? `${app.name} (${app.display_name})` : app.name)}`,
        `    process: ${p.id} # ${oneLine(p.key)}${p.type ? `, type ${oneLine(p.type)}` : ""}`,
      );
    }
  }
  if (processCount === 0) lines[lines.length - 1] = "targets: [] # the key sees no processes";
  return `${lines.join("\n")}\n`;
}

/** A JSON string is a valid YAML scalar and is safe whatever the name holds. */
function quote(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(text) ? text : JSON.stringify(text);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ");
}
