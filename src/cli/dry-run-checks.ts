// What --dry-run says of a step beyond its argv: the filters its output goes through, what
// counts as success, and its extra redaction patterns, so a plan can be checked before it runs.
import type { Expectations, OutputFilter, Step, StreamExpectation } from "../job/model.js";

const pattern = (source: string) => `/${source}/`;

function describeFilter(filter: OutputFilter): string {
  // In the order they are applied (src/checks/filters.ts).
  const parts: string[] = [];
  if (filter.grep !== undefined) parts.push(`grep ${pattern(filter.grep)}`);
  if (filter.grepInvert !== undefined) parts.push(`grep -v ${pattern(filter.grepInvert)}`);
  if (filter.lines !== undefined) {
    parts.push("head" in filter.lines ? `head ${filter.lines.head}` : `tail ${filter.lines.tail}`);
  }
  if (filter.trim) parts.push("trim");
  return parts.join(" | ");
}

function describeStream(name: "stdout" | "stderr", e: StreamExpectation): string[] {
  const parts: string[] = [];
  if (e.matches !== undefined) parts.push(`${name} matches ${pattern(e.matches)}`);
  if (e.notMatches !== undefined) parts.push(`${name} does not match ${pattern(e.notMatches)}`);
  if (e.equals !== undefined) parts.push(`${name} equals ${JSON.stringify(e.equals)}`);
  if (e.contains !== undefined) parts.push(`${name} contains ${JSON.stringify(e.contains)}`);
  return parts;
}

function describeExpect(expect: Expectations): string {
  const parts: string[] = [];
  const codes = expect.exitCode ?? [0];
  parts.push(codes.length === 1 ? `exit code ${codes[0]}` : `exit code in ${codes.join(", ")}`);
  if (expect.stdout) parts.push(...describeStream("stdout", expect.stdout));
  if (expect.stderr) parts.push(...describeStream("stderr", expect.stderr));
  const n = expect.number;
  if (n) {
    const range =
      n.min !== undefined && n.max !== undefined
        ? `from ${n.min} to ${n.max}`
        : n.min !== undefined
          ? `≥ ${n.min}`
          : `≤ ${n.max}`;
    parts.push(`every number ${pattern(n.pattern)} ${range}`);
  }
  return parts.join("; ");
}

/** Indented lines under the step's line; none for a step with only an argv. */
export function describeChecks(step: Step): string[] {
  const lines: string[] = [];
  const indent = "       ";
  if (step.filter) lines.push(`${indent}filter: ${describeFilter(step.filter)}`);
  if (step.expect) lines.push(`${indent}ok when: ${describeExpect(step.expect)}`);
  if (step.redact?.length) {
    lines.push(`${indent}redact also: ${step.redact.map(pattern).join(", ")}`);
  }
  return lines;
}
