// JUnit XML for CI dashboards: a <testsuite> per step, a <testcase> per target.
import { resultDetail, targetName } from "./format.js";
import type { Report, StepResult } from "./model.js";

// Characters XML 1.0 cannot carry at all (even escaped): most C0 controls, lone surrogates (the
// u flag makes a valid pair one code point, so only lone halves match), U+FFFE and U+FFFF.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/** Escape text for an XML attribute or element, dropping characters XML cannot represent. */
export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join("");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: StepResult, suite: string): string {
  const head = `    <testcase${attrs({ name: targetName(r), classname: suite, time: seconds(r.durationMs) })}`;
  const body: string[] = [];
  const message = resultDetail(r);
  if (r.status === "failed") {
    // A missed output expectation names itself (stdout.matches, number, ...); else the exit code.
    const missed = r.expectation && r.expectation.check !== "exitCode" ? r.expectation.check : null;
    const type = missed ?? (r.exitCode === null ? "FAILED" : `exit ${r.exitCode}`);
    body.push(
      `      <failure${attrs({ message, type })}>${xmlEscape(r.error?.message ?? message)}</failure>`,
    );
  } else if (r.status === "error") {
    const type = r.error?.code ?? "ERROR";
    body.push(
      `      <error${attrs({ message, type })}>${xmlEscape(r.error?.message ?? message)}</error>`,
    );
  } else if (r.status === "skipped" || r.status === "cancelled") {
    body.push(`      <skipped${attrs({ message: `${r.status}: ${message}` })}/>`);
  }
  if (r.stdout) body.push(`      <system-out>${xmlEscape(r.stdout)}</system-out>`);
  if (r.stderr) body.push(`      <system-err>${xmlEscape(r.stderr)}</system-err>`);
  return body.length === 0 ? `${head}/>` : `${head}>\n${body.join("\n")}\n    </testcase>`;
}

function counts(results: readonly StepResult[]) {
  return {
    tests: results.length,
    failures: results.filter((r) => r.status === "failed").length,
    errors: results.filter((r) => r.status === "error").length,
    skipped: results.filter((r) => r.status === "skipped" || r.status === "cancelled").length,
    time: seconds(results.reduce((sum, r) => sum + r.durationMs, 0)),
  };
}

/** The whole report as a JUnit XML document (string, with the XML declaration). */
export function renderJunit(report: Report): string {
  const bySteps = new Map<string, StepResult[]>();
  for (const r of report.results) {
    const list = bySteps.get(r.step) ?? [];
    list.push(r);
    bySteps.set(r.step, list);
  }
  const suites = [...bySteps].map(([step, results]) => {
    const name = `${report.job.name}.${step}`;
    const cases = results.map((r) => testcase(r, name)).join("\n");
    const open = `  <testsuite${attrs({ name, ...counts(results), timestamp: report.startedAt })}>`;
    return `${open}\n${cases}\n  </testsuite>`;
  });
  const total = { ...counts(report.results), time: seconds(report.durationMs) };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: report.job.name, ...total })}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
