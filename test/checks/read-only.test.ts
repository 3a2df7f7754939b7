import { describe, expect, it } from "vitest";
import { ReadOnlyViolationError, readOnlyViolations } from "../../src/checks/read-only.js";
import { runJob } from "../../src/run/run-job.js";
import { FakeClient, job, step } from "../run/helpers.js";

describe("read-only guard", () => {
  it("lists the steps whose binary is not on the read-only list (basename of argv[0])", () => {
    const steps = [
      { name: "env", command: ["printenv", "NODE_ENV"] },
      { name: "clear", command: ["/bin/rm", "-rf", "/tmp/x"] },
      { name: "ls", command: ["/usr/bin/ls"] },
      { name: "touch", command: ["touch", "x"] },
    ];
    const v = readOnlyViolations(steps);
    expect(v.map((x) => [x.stepIndex, x.step, x.binary])).toEqual([
      [1, "clear", "rm"],
      [3, "touch", "touch"],
    ]);
    expect(v[0]?.message).toMatch(
      /^step "clear" runs `rm`, which is not read-only; a read-only run allows only env, printenv, cat, /,
    );
  });

  it("runJob refuses before sending anything, with readOnly or the job's readOnly: true", async () => {
    const client = new FakeClient({});
    const j = job([step("env", ["env"]), step("clear", ["rm", "-rf", "/x"])]);
    await expect(runJob(j, { client, readOnly: true })).rejects.toBeInstanceOf(
      ReadOnlyViolationError,
    );
    await expect(runJob({ ...j, readOnly: true }, { client })).rejects.toMatchObject({
      code: "READ_ONLY_VIOLATION",
    });
    // An explicit false cannot loosen a job that says it is read-only.
    await expect(runJob({ ...j, readOnly: true }, { client, readOnly: false })).rejects.toThrow(
      /step "clear" runs `rm`/,
    );
    expect(client.calls).toHaveLength(0);
    const fine = await runJob(job([step("env", ["env"])]), {
      client: new FakeClient({}),
      readOnly: true,
    });
    expect(fine.results[0]?.status).toBe("ok");
  });
});
