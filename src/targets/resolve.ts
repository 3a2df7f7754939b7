// Version 1 target resolution: app and process UUIDs only. Names and `processes: all` need the
// API (a later issue); until then they fail loudly here instead of being sent as ids.
import type { SourcePosition, TargetSpec } from "../job/model.js";
import type { Target } from "./model.js";

// The id pattern of API.md; the all-zero and all-f ids are valid there too.
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

export type TargetResolutionCode = "TARGET_ALL_UNSUPPORTED" | "TARGET_NAME_UNSUPPORTED";

/** A target entry this version cannot turn into ids; the CLI reports it as invalid input. */
export class TargetResolutionError extends Error {
  override readonly name = "TargetResolutionError";
  readonly code: TargetResolutionCode;
  readonly position: SourcePosition | null;

  constructor(code: TargetResolutionCode, message: string, position: SourcePosition | null) {
    super(position ? `${position.file}:${position.line}:${position.column}: ${message}` : message);
    this.code = code;
    this.position = position;
  }
}

/**
 * Turns the job's target entries into concrete (app, process) targets, in the order written.
 * The same pair reached twice is kept once, at its first place, with its first label.
 */
export function resolveTargets(specs: readonly TargetSpec[]): Target[] {
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const spec of specs) {
    for (const processId of processIdsOf(spec)) {
      const key = `${spec.app.toLowerCase()}/${processId.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({
        appId: spec.app,
        processId,
        appName: null,
        processKey: null,
        label: spec.label ?? null,
      });
    }
  }
  return targets;
}

function processIdsOf(spec: TargetSpec): string[] {
  const position = spec.position ?? null;
  if (!UUID.test(spec.app)) {
    throw new TargetResolutionError(
      "TARGET_NAME_UNSUPPORTED",
      `app "${spec.app}" is not an application id; this version resolves ids only (names come later). Use the app's UUID.`,
      position,
    );
  }
  if (spec.processes === "all") {
    throw new TargetResolutionError(
      "TARGET_ALL_UNSUPPORTED",
      `processes: all (app ${spec.app}) is not supported yet; list the process ids.`,
      position,
    );
  }
  for (const processId of spec.processes) {
    if (!UUID.test(processId)) {
      throw new TargetResolutionError(
        "TARGET_NAME_UNSUPPORTED",
        `process "${processId}" of app ${spec.app} is not a process id; this version resolves ids only (keys come later). Use the process's UUID.`,
        position,
      );
    }
  }
  return spec.processes;
}
