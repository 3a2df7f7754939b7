/** One problem in a fleet file, with its position when the fleet came from YAML. */
export interface FleetIssue {
  /** Dotted path into the fleet, e.g. apps.3.processes.0.id ("" for the whole file). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** A fleet that cannot be used; `issues` say where and why. */
export class FleetError extends Error {
  readonly code = "SIM_FLEET_INVALID";
  constructor(
    readonly file: string | null,
    readonly issues: FleetIssue[],
  ) {
    super(`invalid fleet${file ? ` ${file}` : ""}: ${issues.map(formatIssue).join("; ")}`);
    this.name = "FleetError";
  }

  /** One `file:line:column: path: message` line per issue, like a compiler. */
  lines(): string[] {
    return this.issues.map((i) => {
      const where = [this.file ?? "<fleet>", i.line, i.column].filter((x) => x !== undefined);
      return `${where.join(":")}: ${formatIssue(i)}`;
    });
  }
}

function formatIssue(i: FleetIssue): string {
  return i.path ? `${i.path}: ${i.message}` : i.message;
}
