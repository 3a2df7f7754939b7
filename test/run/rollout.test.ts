// Canary rollouts against the real simulator: stages run in order, a stage that passes its budget
// halts the rest (ROLLOUT_HALTED, exit-5 report), and the simulator proves later stages sent nothing.
import { afterEach, describe, expect, it } from "vitest";
import { stageSpans } from "../../src/run/rollout.js";
import { runJob } from "../../src/run/run-job.js";
import { startSimulator } from "../../src/sim/server.js";
import { appId, processId, step } from "./helpers.js";
import { clientFor, simJob, WRITE } from "./sim-fleet.js";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** One app of 10 processes; those in `failing` lack CANARY, so `printenv CANARY` exits 1 there. */
async function start(failing: number[]) {
  const fleet = {
    keys: [{ token: WRITE, permission: "write" }],
    apps: [
      {
        id: appId(1),
        name: "app-1",
        processes: Array.from({ length: 10 }, (_, i) => ({
          id: processId(i + 1),
          key: `p${i + 1}`,
          env: failing.includes(i + 1) ? {} : { CANARY: "yes" },
        })),
      },
    ],
  };
  const sim = await startSimulator({ fleet, seed: 1 });
  const client = clientFor(sim);
  open.push(client, sim);
  return { sim, client };
}

const count = (n: number) => ({ kind: "count", value: n }) as const;
const percent = (n: number) => ({ kind: "percent", value: n }) as const;
const canary = [step("canary", ["printenv", "CANARY"])];

describe("stageSpans", () => {
  it("turns cumulative sizes into spans of the plan, percentages rounded up, counts capped", () => {
    const spans = stageSpans([count(1), percent(10), percent(50), percent(100)], 25);
    expect(spans.map((s) => [s.size, s.start, s.end])).toEqual([
      ["1", 0, 1],
      ["10%", 1, 3],
      ["50%", 3, 13],
      ["100%", 13, 25],
    ]);
    // A stage no larger than the one before adds nothing; a count beyond the fleet is capped.
    expect(
      stageSpans([count(1), percent(10), percent(100)], 5).map((s) => s.end - s.start),
    ).toEqual([1, 0, 4]);
    expect(stageSpans([count(20), percent(100)], 3).map((s) => s.end - s.start)).toEqual([3, 0]);
  });
});

describe("runJob with a rollout", () => {
  it("a 3-stage rollout stops at stage 2 when its budget is passed; stage 3 sends nothing", async () => {
    const { sim, client } = await start([3, 4]);
    const job = simJob(canary, 1, 10, {
      rollout: [count(1), percent(50), percent(100)],
      maxFailures: count(1),
    });
    const stageEvents: string[] = [];
    const report = await runJob(job, {
      client,
      onEvent: (e) => {
        if (e.type === "stageStart")
          stageEvents.push(`start ${e.stage}/${e.stages} ${e.size} +${e.targets}`);
        if (e.type === "stageEnd") stageEvents.push(`end ${e.stage.stage} ${e.stage.status}`);
        if (e.type === "stepStart") stageEvents.push("step");
      },
    });
    // Each started stage is announced before its first step; every stage ends, one never started too.
    expect(stageEvents.filter((e, i) => e !== "step" || stageEvents[i - 1] !== "step")).toEqual([
      "start 1/3 1 +1",
      "step",
      "end 1 passed",
      "start 2/3 50% +4",
      "step",
      "end 2 halted",
      "end 3 notRun",
    ]);

    expect(report.stoppedBy).toBe("threshold");
    expect(report.rollout).toEqual({
      stoppedAtStage: 2,
      stages: [
        { stage: 1, size: "1", targets: 1, failedTargets: 0, allowedFailures: 1, status: "passed" },
        {
          stage: 2,
          size: "50%",
          targets: 4,
          failedTargets: 2,
          allowedFailures: 1,
          status: "halted",
        },
        {
          stage: 3,
          size: "100%",
          targets: 5,
          failedTargets: 0,
          allowedFailures: 1,
          status: "notRun",
        },
      ],
    });
    expect(sim.counters.totalRequests()).toBe(5);
    for (let p = 6; p <= 10; p++) expect(sim.counters.totalExecutions(processId(p))).toBe(0);
    const halted = report.results.slice(5);
    expect(
      halted.every((r) => r.status === "cancelled" && r.error?.code === "ROLLOUT_HALTED"),
    ).toBe(true);
    expect(halted[0]?.error?.message).toBe(
      "not started: the rollout stopped at stage 2 of 3 (50%): 2 of its 4 targets failed, maxFailures allows 1",
    );
  });

  it("without maxFailures a single failed canary halts the rollout", async () => {
    const { sim, client } = await start([1]);
    const job = simJob(canary, 1, 10, { rollout: [count(1), percent(100)] });
    const report = await runJob(job, { client });
    expect(report.rollout?.stoppedAtStage).toBe(1);
    expect(report.summary).toMatchObject({ failed: 1, cancelled: 9 });
    expect(sim.counters.totalRequests()).toBe(1);
  });

  it("runs every stage when each stays within its own budget (failures are not carried over)", async () => {
    const { client } = await start([2, 7]);
    const job = simJob(canary, 1, 10, {
      rollout: [count(2), percent(100)],
      maxFailures: count(1),
      concurrency: 1,
    });
    const report = await runJob(job, { client });
    expect(report.stoppedBy).toBeNull();
    expect(report.rollout?.stoppedAtStage).toBeNull();
    expect(report.rollout?.stages.map((s) => [s.status, s.failedTargets])).toEqual([
      ["passed", 1],
      ["passed", 1],
    ]);
    expect(report.summary).toMatchObject({ ok: 8, failed: 2, cancelled: 0 });
  });

  it("an aborted run cancels the later stages (CANCELLED, not ROLLOUT_HALTED)", async () => {
    const { sim, client } = await start([]);
    const controller = new AbortController();
    controller.abort();
    const job = simJob(canary, 1, 10, { rollout: [count(1), percent(100)] });
    const stageEvents: string[] = [];
    const report = await runJob(job, {
      client,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "stageStart" || e.type === "stageEnd") stageEvents.push(e.type);
      },
    });
    expect(stageEvents).toEqual(["stageEnd", "stageEnd"]);
    expect(report.stoppedBy).toBe("signal");
    expect(report.rollout?.stages.map((s) => s.status)).toEqual(["notRun", "notRun"]);
    expect(report.results.every((r) => r.error?.code === "CANCELLED")).toBe(true);
    expect(sim.counters.totalRequests()).toBe(0);
  });
});
