// docs/job-format.md is generated from the job schema: this fails as soon as the two disagree.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { JOB_FORMAT_DOC_URL, renderJobFormatDoc } from "../../src/job/emit-docs.js";

describe("docs/job-format.md", () => {
  it("is current with src/job/schema.ts (regenerate with `npm run docs`)", async () => {
    const checkedIn = await readFile(JOB_FORMAT_DOC_URL, "utf8");
    expect(checkedIn, "docs/job-format.md is stale: run `npm run docs`").toBe(renderJobFormatDoc());
  });

  it("documents every top-level key and links every nested mapping to its table", () => {
    const doc = renderJobFormatDoc();
    for (const key of ["name", "targets", "steps", "maxFailures", "rollout", "readOnly"]) {
      expect(doc).toContain(`| \`${key}\` |`);
    }
    const anchors = new Set([...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]));
    const headings = doc.split("\n").filter((l) => l.startsWith("## ")).length;
    expect(anchors.size).toBe(headings - 1); // every section but the top one is linked once
  });
});
