import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic, writeReportFile } from "../../src/report/write.js";
import { mixedReport } from "./fixtures.js";

describe("atomic report writing", () => {
  it("writes the report with mode 0600 and leaves no temp file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fanout-write-"));
    const path = join(dir, "report.json");
    await writeReportFile(path, mixedReport());
    expect(JSON.parse(await readFile(path, "utf8")).schemaVersion).toBe(1);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["report.json"]);
  });

  it("replaces an existing file whole, and tightens its mode", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fanout-write-"));
    const path = join(dir, "r.json");
    await writeFile(path, "old content that is longer than the new one", { mode: 0o644 });
    await writeFileAtomic(path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("fails cleanly when the directory does not exist", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fanout-write-"));
    await expect(writeFileAtomic(join(dir, "missing", "r.json"), "x")).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
