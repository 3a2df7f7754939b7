// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests quote ${{ vars.x }}
import { describe, expect, it } from "vitest";
import { formatProblems, JobValidationError } from "../../src/job/errors.js";
import { parseVarFlags, substituteVars } from "../../src/job/vars.js";

describe("substituteVars", () => {
  const vars = { name: "NODE_ENV", empty: "", "with-dash": "d" };

  it("replaces every reference, with or without spaces inside the braces", () => {
    expect(substituteVars("${{ vars.name }}", vars)).toEqual({ ok: true, value: "NODE_ENV" });
    expect(
      substituteVars("a=${{vars.name}}/${{  vars.with-dash  }}${{ vars.empty }}.", vars),
    ).toEqual({ ok: true, value: "a=NODE_ENV/d." });
  });

  it("leaves text without expressions alone, including a lone $ or {{", () => {
    expect(substituteVars("$HOME {{ x }} ${x}", vars)).toEqual({
      ok: true,
      value: "$HOME {{ x }} ${x}",
    });
  });

  it("does not substitute inside a substituted value", () => {
    expect(substituteVars("${{ vars.a }}", { a: "${{ vars.b }}", b: "no" })).toEqual({
      ok: true,
      value: "${{ vars.b }}",
    });
  });

  it("refuses unknown variables with a suggestion and the known names", () => {
    expect(substituteVars("${{ vars.nmae }}", vars)).toEqual({
      ok: false,
      message: "unknown variable `vars.nmae`, did you mean `name`? (known: empty, name, with-dash)",
    });
    expect(substituteVars("${{ vars.zzz }}", {})).toEqual({
      ok: false,
      message:
        "unknown variable `vars.zzz`; no variables are defined (add `vars:` to the job or pass --var zzz=VALUE)",
    });
  });

  it("refuses expressions other than vars, and an unclosed ${{", () => {
    expect(substituteVars("${{ secrets.TOKEN }}", vars)).toEqual({
      ok: false,
      message:
        "unsupported expression `${{ secrets.TOKEN }}`; only `${{ vars.NAME }}` is supported",
    });
    expect(substituteVars("x ${{ vars.name", vars)).toEqual({
      ok: false,
      message: "`${{` without a closing `}}`",
    });
  });
});

describe("parseVarFlags", () => {
  it("splits at the first = and keeps the rest of the value verbatim", () => {
    expect(parseVarFlags(["name=NODE_ENV", "q=a=b", "e=", "_x-1= spaced "])).toEqual({
      name: "NODE_ENV",
      q: "a=b",
      e: "",
      "_x-1": " spaced ",
    });
  });

  it("keeps the last value of a name given twice", () => {
    expect(parseVarFlags(["a=1", "a=2"])).toEqual({ a: "2" });
  });

  it("reports every malformed flag in one error", () => {
    let error: unknown;
    try {
      parseVarFlags(["ok=1", "novalue", "=x", "1st=y"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobValidationError);
    const e = error as JobValidationError;
    expect(e.code).toBe("JOB_BAD_VAR_FLAG");
    expect(formatProblems(e.problems)).toBe(
      [
        '--var: expected NAME=VALUE (e.g. --var name=NODE_ENV), got "novalue"',
        '--var: the name must start with a letter or "_" and contain only letters, digits, "_" and "-", got "=x"',
        '--var: the name must start with a letter or "_" and contain only letters, digits, "_" and "-", got "1st=y"',
      ].join("\n"),
    );
  });
});
