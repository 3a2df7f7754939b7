// --limit: each form, AND across filters, and the message that names the filter that emptied.
import { describe, expect, it } from "vitest";
import {
  applyFilters,
  describeEmptied,
  FilterSyntaxError,
  parseFilter,
} from "../../src/targets/filters.js";
import type { Target } from "../../src/targets/model.js";

const t = (
  appName: string,
  processKey: string,
  label: string | null,
  labels?: Record<string, string>,
): Target => ({
  appId: `id-${appName}`,
  processId: `id-${appName}-${processKey}`,
  appName,
  processKey,
  label,
  ...(labels ? { labels } : {}),
});

const fleet = [
  t("billing-api", "web", "billing", { env: "production", team: "billing" }),
  t("billing-api", "worker", "billing", { env: "production", team: "billing", canary: "true" }),
  t("shop", "web", "shop-web", { env: "staging" }),
  t("search", "worker", null),
];
const keep = (...exprs: string[]) =>
  applyFilters(fleet, exprs.map(parseFilter)).targets.map((x) => `${x.appName}/${x.processKey}`);

describe("parseFilter", () => {
  it("reads [!]NAME=GLOB", () => {
    expect(parseFilter("env=production")).toEqual({
      text: "env=production",
      negate: false,
      key: "env",
      glob: "production",
    });
    expect(parseFilter(" !label=canary ")).toEqual({
      text: "!label=canary",
      negate: true,
      key: "label",
      glob: "canary",
    });
    expect(parseFilter("app=a=b").glob).toBe("a=b");
  });

  it("refuses anything else with the syntax and an example", () => {
    for (const bad of ["production", "=x", "env=", "1env=x", "!"]) {
      expect(() => parseFilter(bad)).toThrow(FilterSyntaxError);
    }
    expect(() => parseFilter("production")).toThrow(
      '"production" is not a filter: write NAME=VALUE or !NAME=VALUE, where NAME is app, process, label or a label such as env (VALUE may use * and ?), e.g. env=production',
    );
  });
});

describe("applyFilters", () => {
  it("app= matches the app name (or id), with globs, ignoring case", () => {
    expect(keep("app=billing-*")).toEqual(["billing-api/web", "billing-api/worker"]);
    expect(keep("app=SHO?")).toEqual(["shop/web"]);
    expect(keep("app=id-search")).toEqual(["search/worker"]);
  });

  it("process= matches the process key (or id)", () => {
    expect(keep("process=worker")).toEqual(["billing-api/worker", "search/worker"]);
  });

  it("label= matches the target's label; NAME= one of its labels", () => {
    expect(keep("label=shop-*")).toEqual(["shop/web"]);
    expect(keep("env=production")).toEqual(["billing-api/web", "billing-api/worker"]);
    expect(keep("team=*")).toEqual(["billing-api/web", "billing-api/worker"]);
  });

  it("! negates: a target without the label passes !NAME=...", () => {
    expect(keep("!canary=true")).toEqual(["billing-api/web", "shop/web", "search/worker"]);
    expect(keep("!label=billing")).toEqual(["shop/web", "search/worker"]);
  });

  it("several filters combine with AND, in order", () => {
    expect(keep("env=production", "process=web")).toEqual(["billing-api/web"]);
    expect(keep("process=worker", "!app=search")).toEqual(["billing-api/worker"]);
  });

  it("names the filter that emptied the set, and what was left before it", () => {
    const filters = ["process=worker", "env=staging", "app=x"].map(parseFilter);
    const result = applyFilters(fleet, filters);
    expect(result.targets).toEqual([]);
    expect(result.emptiedBy?.text).toBe("env=staging");
    expect(describeEmptied(fleet.length, result)).toBe(
      "no targets matched: --limit env=staging left 0 of 2 (of 4 resolved; after process=worker: 2)",
    );
    const first = applyFilters(fleet, [parseFilter("env=qa")]);
    expect(describeEmptied(fleet.length, first)).toBe(
      "no targets matched: --limit env=qa left 0 of 4",
    );
    expect(describeEmptied(0, applyFilters([], []))).toBe(
      "no targets matched: the job's targets resolved to none",
    );
  });
});
