// The ledger on disk: batched writing, reading back (a torn last line tolerated), and the checks
// that keep a resume or a rerun to the job that wrote the file.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planFingerprint } from "../../src/ledger/fingerprint.js";
import type { LedgerHeader } from "../../src/ledger/format.js";
import { openLineWriter } from "../../src/ledger/line-writer.js";
import { priorFromLedger, priorFromReport } from "../../src/ledger/prior.js";
import { LedgerError, readLedger } from "../../src/ledger/read.js";
import { openLedger } from "../../src/ledger/writer.js";
import type { RunEvent } from "../../src/run/events.js";
import type { Target } from "../../src/targets/model.js";
import { tempDir } from "../cli/spawn-cli.js";
import { APP1, PROC, report, result } from "../report/fixtures.js";
import { job, step } from "../run/helpers.js";

const at = "2026-12-04T15:00:00.000Z";
const theJob = job([step("env", ["printenv"])]);
const target = (n: number): Target => ({
  appId: APP1,
  processId: PROC(n),
  appName: null,
  processKey: null,
  label: null,
});
const header = (fingerprint: string, name = theJob.name): LedgerHeader => ({
  type: "header",
  ledgerVersion: 1,
  tool: { name: "fanout", version: "0.1.0" },
  job: { name, file: null },
  plan: { fingerprint, targets: 2, steps: 1, total: 2 },
  startedAt: at,
  resumedFrom: null,
});
const stepEnd = (status: "ok" | "failed", n: number): RunEvent => ({
  type: "stepEnd",
  result: result({ app: APP1, process: PROC(n), step: "env", status }),
  at,
});

async function writeLedger(path: string, fingerprint: string) {
  const ledger = await openLedger(path, header(fingerprint), { flags: "wx" });
  ledger.onEvent(stepEnd("ok", 1));
  ledger.onEvent(stepEnd("failed", 2));
  expect(await ledger.close()).toBeNull();
}

describe("line writer", () => {
  it("writes every line in order, in batches, and refuses an existing file with wx", async () => {
    const path = join(await tempDir(), "lines.ndjson");
    const out = await openLineWriter(path, { flags: "wx", batchLines: 2 });
    for (const n of [1, 2, 3]) out.write(`{"n":${n}}`);
    expect(await out.close()).toBeNull();
    expect(await readFile(path, "utf8")).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
    await expect(openLineWriter(path, { flags: "wx" })).rejects.toThrow(/EEXIST/);
  });
});

describe("ledger", () => {
  it("reads back its headers and each pair's latest result, ignoring a line cut by a crash", async () => {
    const path = join(await tempDir(), "run.ledger");
    await writeLedger(path, "sha256:x");
    await writeFile(path, `${await readFile(path, "utf8")}{"type":"result","res`);
    const read = await readLedger(path);
    expect(read.headers).toHaveLength(1);
    expect([...read.results.values()].map((r) => r.status)).toEqual(["ok", "failed"]);
    const lines = (await readFile(path, "utf8")).split("\n").slice(0, 3);
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(["header", "result", "result"]);
  });

  it("refuses a damaged line that is not the last, and a file that is not a ledger", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "a"), `${JSON.stringify(header("f"))}\nnot json\n{}\n`);
    await expect(readLedger(join(dir, "a"))).rejects.toThrow(LedgerError);
    await writeFile(join(dir, "b"), '{"schemaVersion":1}\n');
    await expect(readLedger(join(dir, "b"))).rejects.toThrow(/not a fanout ledger header/);
  });

  it("resumes with the ok pairs only, and refuses another job's or another plan's ledger", async () => {
    const targets = [target(1), target(2)];
    const fingerprint = planFingerprint(theJob, targets);
    const path = join(await tempDir(), "run.ledger");
    await writeLedger(path, fingerprint);
    const read = await readLedger(path);
    const ok = priorFromLedger(read, path, theJob, fingerprint, targets);
    expect(ok.ok && [...ok.prior.values()].map((r) => r.process)).toEqual([PROC(1)]);
    const other = priorFromLedger(read, path, { ...theJob, name: "other" }, fingerprint, targets);
    expect(other.ok ? "" : other.message).toMatch(/ledger of job "test job".*refusing to resume/);
    const fewer = planFingerprint(theJob, [target(1)]);
    expect(priorFromLedger(read, path, theJob, fewer, [target(1)]).ok).toBe(false);
  });

  it("fingerprints targets in any order alike, and a changed command differently", () => {
    const fp = planFingerprint(theJob, [target(1), target(2)]);
    expect(planFingerprint(theJob, [target(2), target(1)])).toBe(fp);
    const changed = { ...theJob, steps: [step("env", ["printenv", "HOME"])] };
    expect(planFingerprint(changed, [target(1), target(2)])).not.toBe(fp);
  });
});

describe("rerun from a report", () => {
  it("reuses the ok pairs, keeps only the report's targets, and refuses another job's report", () => {
    const old = report(
      [
        result({ app: APP1, process: PROC(1), step: "env", command: ["printenv"], status: "ok" }),
        result({
          app: APP1,
          process: PROC(2),
          step: "env",
          command: ["printenv"],
          status: "failed",
        }),
      ],
      { job: { name: theJob.name, file: null } },
    );
    const outcome = priorFromReport(old, "r.json", theJob, [target(1), target(2), target(3)]);
    expect(outcome.ok && outcome.targets.map((t) => t.processId)).toEqual([PROC(1), PROC(2)]);
    expect(outcome.ok && outcome.prior.size).toBe(1);
    const refused = priorFromReport(old, "r.json", { ...theJob, name: "x" }, [target(1)]);
    expect(refused.ok ? "" : refused.message).toMatch(/report of job "test job", not of "x"/);
  });

  it("runs an ok pair again when its step's argv has changed since the report", () => {
    const old = report(
      [
        result({ process: PROC(1), step: "env", command: ["printenv", "HOME"], status: "ok" }),
        result({ process: PROC(2), step: "env", command: ["printenv"], status: "ok" }),
      ],
      { job: { name: theJob.name, file: null } },
    );
    const outcome = priorFromReport(old, "r.json", theJob, [target(1), target(2)]);
    expect(outcome.ok && [...outcome.prior.values()].map((r) => r.process)).toEqual([PROC(2)]);
  });
});
