import { describe, expect, it } from "vitest";
import { resolveTargets, TargetResolutionError } from "../../src/targets/resolve.js";

const app = (n: number) => `a0000000-0000-4000-8000-00000000000${n}`;
const proc = (n: number) => `b0000000-0000-4000-8000-00000000000${n}`;

describe("resolveTargets", () => {
  it("turns ids into targets, in the order written, with the entry's label", () => {
    expect(
      resolveTargets([
        { app: app(1), processes: [proc(1), proc(2)], label: "web" },
        { app: app(2), processes: [proc(3)] },
      ]),
    ).toEqual([
      { appId: app(1), processId: proc(1), appName: null, processKey: null, label: "web" },
      { appId: app(1), processId: proc(2), appName: null, processKey: null, label: "web" },
      { appId: app(2), processId: proc(3), appName: null, processKey: null, label: null },
    ]);
  });

  it("keeps a pair reached twice once, at its first place (ids compared case-insensitively)", () => {
    const targets = resolveTargets([
      { app: app(1), processes: [proc(1), proc(2), proc(1)], label: "first" },
      { app: app(1).toUpperCase(), processes: [proc(2).toUpperCase(), proc(3)], label: "second" },
    ]);
    expect(targets.map((t) => [t.processId, t.label])).toEqual([
      [proc(1), "first"],
      [proc(2), "first"],
      [proc(3), "second"],
    ]);
  });

  it("rejects processes: all with a typed error until names are resolved through the API", () => {
    const position = { file: "/jobs/a.yaml", line: 7, column: 5 };
    const error = catchError(() => resolveTargets([{ app: app(1), processes: "all", position }]));
    expect(error).toBeInstanceOf(TargetResolutionError);
    expect(error).toMatchObject({ code: "TARGET_ALL_UNSUPPORTED", position });
    expect(error.message).toMatch(/^\/jobs\/a\.yaml:7:5: processes: all/);
  });

  it("rejects app names and process keys: they are not ids", () => {
    expect(catchError(() => resolveTargets([{ app: "shop", processes: [proc(1)] }]))).toMatchObject(
      {
        code: "TARGET_NAME_UNSUPPORTED",
      },
    );
    expect(catchError(() => resolveTargets([{ app: app(1), processes: ["web"] }])).message).toMatch(
      /process "web" .* not a process id/,
    );
  });
});

function catchError(fn: () => unknown): TargetResolutionError {
  try {
    fn();
  } catch (error) {
    return error as TargetResolutionError;
  }
  throw new Error("expected an error");
}
