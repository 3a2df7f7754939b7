// `fanout targets discover [--write FILE] [--force]`: lists every app and its processes (each
// listing once, retried and paced like resolution) and writes an inventory to edit.
import { writeFile } from "node:fs/promises";
import pLimit from "p-limit";
import { SevallaClient } from "../client/client.js";
import { ClientConfigError, clientConfigFromEnv } from "../client/config.js";
import { writeFileAtomic } from "../report/write.js";
import { renderInventory } from "../targets/discover.js";
import { ListingCache, ListingError } from "../targets/listing.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import type { Io } from "./io.js";

export async function discoverCommand(
  flags: { write?: string; force?: boolean },
  io: Io,
): Promise<ExitCode> {
  let client: SevallaClient;
  try {
    client = new SevallaClient({ ...clientConfigFromEnv(io.env), connections: 10 });
  } catch (error) {
    if (!(error instanceof ClientConfigError)) throw error;
    io.err(`${error.message} (${error.code})`);
    return EXIT.invalidInput;
  }
  let text: string;
  try {
    const listing = new ListingCache(client);
    const apps = await listing.applications();
    const limit = pLimit(10);
    const processes = await Promise.all(apps.map((a) => limit(() => listing.processes(a.id))));
    const discovered = apps.map((app, i) => ({ app, processes: processes[i] ?? [] }));
    text = renderInventory(discovered, client.baseUrl, new Date());
  } catch (error) {
    if (!(error instanceof ListingError)) throw error;
    io.err(error.message);
    const failure = error.failure as { class?: string };
    return failure.class === "permanent" ? EXIT.invalidInput : EXIT.noAnswer;
  } finally {
    await client.close();
  }
  if (!flags.write) {
    io.out(text);
    return EXIT.ok;
  }
  try {
    // "wx" creates the file or fails if it exists: no window in which another writer's file is lost.
    if (flags.force) await writeFileAtomic(flags.write, text);
    else await writeFile(flags.write, text, { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === "EEXIST"
        ? `${flags.write} exists: not overwritten (pass --force to replace it)`
        : `Could not write ${flags.write}: ${(error as Error).message}`,
    );
    return EXIT.invalidInput;
  }
  io.err(`Inventory: ${flags.write}`);
  return EXIT.ok;
}
