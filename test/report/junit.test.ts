import { describe, expect, it } from "vitest";
import { renderJunit, xmlEscape } from "../../src/report/junit.js";
import { mixedReport, report, result } from "./fixtures.js";

describe("JUnit XML", () => {
  it("has a testsuite per step and a testcase per target, with counts", () => {
    const xml = renderJunit(mixedReport());
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="env-audit" tests="6" failures="1" errors="1" skipped="2" time="12.400">',
      ),
    ).toBe(true);
    const suites = [
      ...xml.matchAll(
        /<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g,
      ),
    ];
    expect(suites.map((m) => m.slice(1))).toEqual([
      ["env-audit.node-env", "3", "1", "1", "0"],
      ["env-audit.os", "3", "0", "0", "2"],
    ]);
    expect(xml.match(/<testcase /g)).toHaveLength(6);
  });

  it("maps failed to <failure>, error to <error>, skipped and cancelled to <skipped>", () => {
    const xml = renderJunit(mixedReport());
    expect(xml).toContain(
      '<failure message="printenv: NODE_ENV: not set" type="exit 1">exit code 1, expected 0</failure>',
    );
    expect(xml).toContain(
      '<error message="403 Forbidden: this key may not run touch" type="API_FORBIDDEN">',
    );
    expect(xml).toContain('<skipped message="skipped: an earlier step failed: node-env"/>');
    expect(xml).toContain('<skipped message="cancelled: interrupted before it ran"/>');
    expect(xml).toContain("<system-out>production\n</system-out>");
    expect(xml).toContain("<system-err>printenv: NODE_ENV: not set\n</system-err>");
  });

  it("escapes markup and drops characters XML cannot carry", () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;",
    );
    expect(xmlEscape("bell\u0007 esc\u001b tab\t nl\n 😀 lone\ud800")).toBe(
      "bell\ufffd esc\ufffd tab\t nl\n 😀 lone\ufffd",
    );
    const xml = renderJunit(
      report([result({ label: 'a"<b>', step: "s&t", stdout: "]]></system-out><x>\u0000" })], {
        job: { name: "j<1>", file: null },
      }),
    );
    expect(xml).toContain('<testcase name="a&quot;&lt;b&gt;" classname="j&lt;1&gt;.s&amp;t"');
    expect(xml).toContain("<system-out>]]&gt;&lt;/system-out&gt;&lt;x&gt;\ufffd</system-out>");
    // Well-formedness, roughly: every element that opens also closes.
    const opened = xml.match(/<(testsuites|testsuite|testcase|system-out)[ >]/g)?.length;
    const closed = xml.match(/<\/(testsuites|testsuite|testcase|system-out)>/g)?.length;
    expect(opened).toBe(closed);
  });
});
