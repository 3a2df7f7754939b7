// The fleet-check fields of a validated file to the Job model (issue 6): only what was written is
// set, so a step without checks keeps the plain "exit code 0" behaviour.
import type { Expectations, Job, OutputFilter, Step } from "./model.js";
import type { JobFile, StepEntry } from "./schema.js";

export function stepChecks(s: StepEntry): Pick<Step, "filter" | "expect" | "redact"> {
  const out: Pick<Step, "filter" | "expect" | "redact"> = {};
  const filter: OutputFilter = {};
  if (s.grep !== undefined) filter.grep = s.grep;
  if (s.grepInvert !== undefined) filter.grepInvert = s.grepInvert;
  if (s.lines?.head !== undefined) filter.lines = { head: s.lines.head };
  else if (s.lines?.tail !== undefined) filter.lines = { tail: s.lines.tail };
  if (s.trim !== undefined) filter.trim = s.trim;
  if (Object.keys(filter).length > 0) out.filter = filter;
  if (s.expect !== undefined) {
    const { exitCode, ...rest } = s.expect;
    const expect: Expectations = { ...rest };
    if (exitCode !== undefined) expect.exitCode = Array.isArray(exitCode) ? exitCode : [exitCode];
    out.expect = expect;
  }
  if (s.redact !== undefined && s.redact.length > 0) out.redact = s.redact;
  return out;
}

export function jobChecks(file: JobFile): Pick<Job, "redact" | "readOnly" | "maxOutputBytes"> {
  const out: Pick<Job, "redact" | "readOnly" | "maxOutputBytes"> = {};
  if (file.redact !== undefined && file.redact.length > 0) out.redact = file.redact;
  if (file.readOnly !== undefined) out.readOnly = file.readOnly;
  if (file.maxOutputBytes !== undefined) out.maxOutputBytes = file.maxOutputBytes;
  return out;
}
