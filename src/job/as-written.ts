// argv elements and variable values are text sent to a process, so a YAML number or boolean in
// them is taken exactly as written: `1.0` stays "1.0" (not "1"), `0x1F` stays "0x1F" (not "31"),
// `.inf` stays ".inf". This runs on the plain data before validation, replacing such scalars
// with their source text; the JSON Schema still allows numbers there so editors do not complain.
import type { SourceIndex } from "./positions.js";
import { isRecord, type Raw } from "./raw.js";

export function takeAsWritten(raw: Raw, index: SourceIndex): void {
  if (isRecord(raw.vars)) {
    for (const [name, value] of Object.entries(raw.vars)) {
      raw.vars[name] = written(value, () => index.sourceText(["vars", name]));
    }
  }
  if (!Array.isArray(raw.steps)) return;
  raw.steps.forEach((step: unknown, i) => {
    if (!isRecord(step) || !Array.isArray(step.command)) return;
    // A fresh array: an aliased command may be shared by several steps.
    step.command = step.command.map((element: unknown, j) =>
      written(element, () => index.sourceText(["steps", i, "command", j])),
    );
  });
}

function written(value: unknown, source: () => string | undefined): unknown {
  if (typeof value !== "number" && typeof value !== "boolean") return value;
  return source() ?? String(value);
}
