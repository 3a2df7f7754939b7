// The --yes gate with an injected prompt: what a person sees on a terminal, and what each answer does.
import { describe, expect, it } from "vitest";
import { confirmRun, mutatingSteps } from "../../src/cli/confirm.js";
import type { Io } from "../../src/cli/io.js";
import type { Target } from "../../src/targets/model.js";
import { job, step } from "../run/helpers.js";

const target: Target = {
  appId: "a0000000-0000-4000-8000-000000000001",
  processId: "b0000000-0000-4000-8000-000000000001",
  appName: "billing-api",
  processKey: "worker",
  label: null,
};
const clear = job([step("env", ["printenv", "X"]), step("clear", ["rm", "-f", "/tmp/x"])]);
const read = job([step("env", ["printenv", "X"])]);

function io(answer?: boolean) {
  const err: string[] = [];
  const questions: string[] = [];
  const value: Io = {
    out: () => {},
    err: (t) => err.push(t),
    width: 100,
    color: false,
    env: {},
    ...(answer === undefined
      ? {}
      : {
          ask: async (q: string) => {
            questions.push(q);
            return answer;
          },
        }),
  };
  return { io: value, err, questions };
}

describe("the --yes gate", () => {
  it("lists the steps whose binary is not read-only; a readOnly job has none", () => {
    expect(mutatingSteps([clear, read], ["c.yaml", "r.yaml"])).toEqual([
      'c.yaml: step "clear" runs `rm`, which is not read-only',
    ]);
    expect(mutatingSteps([{ ...clear, readOnly: true }], ["c.yaml"])).toEqual([]);
  });

  it("never asks for a read-only job, nor with --yes", async () => {
    const t = io(false);
    expect(await confirmRun([read], ["r.yaml"], () => [target], {}, t.io)).toBeNull();
    expect(await confirmRun([clear], ["c.yaml"], () => [target], { yes: true }, t.io)).toBeNull();
    expect(t.questions).toEqual([]);
  });

  it("without a terminal, refuses and says to pass --yes", async () => {
    const t = io();
    const message = await confirmRun([clear], ["c.yaml"], () => [target], {}, t.io);
    expect(message).toBe(
      'This run may change the fleet:\n  c.yaml: step "clear" runs `rm`, which is not read-only\n' +
        "Pass --yes to run it from a non-interactive shell (cron, CI, a pipe). Nothing was run.",
    );
  });

  it("on a terminal, shows the plan and asks (y/N): y runs, anything else does not", async () => {
    const yes = io(true);
    expect(await confirmRun([clear], ["c.yaml"], () => [target], {}, yes.io)).toBeNull();
    expect(yes.err.join("\n")).toContain("billing-api/worker");
    expect(yes.err.join("\n")).toContain("rm -f /tmp/x");
    expect(yes.questions).toEqual(["Run it on 1 target? (y/N) "]);
    const no = io(false);
    expect(await confirmRun([clear], ["c.yaml"], () => [target], {}, no.io)).toBe(
      "Not confirmed. Nothing was run.",
    );
  });
});
