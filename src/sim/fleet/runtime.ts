import type { Fleet, FleetApp, FleetKey, FleetProcess } from "./schema.js";

/** A process as the virtual binaries see it: its own env and a mutable copy of its files. */
export interface ProcessRuntime {
  app: FleetApp;
  spec: FleetProcess;
  env: Array<[string, string]>;
  /** Absolute path -> content; a path ending in "/" is an (empty) directory. */
  files: Map<string, string>;
  hostname: string;
  cwd: string;
}

/** Lookup tables built once from a validated fleet. */
export interface FleetRuntime {
  fleet: Fleet;
  apps: FleetApp[];
  appsById: Map<string, FleetApp>;
  processes: Map<string, ProcessRuntime>;
  keys: Map<string, FleetKey>;
}

export function buildRuntime(fleet: Fleet): FleetRuntime {
  const processes = new Map<string, ProcessRuntime>();
  for (const app of fleet.apps) {
    for (const spec of app.processes) {
      const hostname = spec.hostname ?? podName(app.name, spec.key, spec.id);
      // Containers always carry these; the fleet's own values win.
      const env = new Map<string, string>([
        ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        ["HOSTNAME", hostname],
        ["HOME", "/home/app"],
      ]);
      for (const [k, v] of Object.entries(spec.env)) env.set(k, v);
      processes.set(spec.id.toLowerCase(), {
        app,
        spec,
        env: [...env],
        files: new Map(Object.entries(spec.files)),
        hostname,
        cwd: spec.cwd,
      });
    }
  }
  return {
    fleet,
    apps: fleet.apps,
    appsById: new Map(fleet.apps.map((a) => [a.id.toLowerCase(), a])),
    processes,
    keys: new Map(fleet.keys.map((k) => [k.token, k])),
  };
}

// Kubernetes-style pod name: <app>-<key>-<10 chars>-<5 chars>, stable per process id.
function podName(app: string, key: string, id: string): string {
  const hex = id.replace(/-/g, "");
  return `${app}-${key}-${hex.slice(-10)}-${hex.slice(8, 13)}`;
}
