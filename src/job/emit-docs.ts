// Builds docs/job-format.md from the job file's JSON Schema (itself generated from schema.ts), so
// the reference cannot drift from what `fanout validate` accepts: `npm run docs` runs this file
// with --write, and test/docs/job-format.test.ts fails when the checked-in file is stale.
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { buildJobJsonSchema } from "./emit-schema.js";

/** The checked-in file's location, from both src/job and dist/job. */
export const JOB_FORMAT_DOC_URL = new URL("../../docs/job-format.md", import.meta.url);

interface Node {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean | Node;
  items?: Node;
  anyOf?: Node[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface Section {
  title: string;
  node: Node;
  /** Its heading's anchor, unique like GitHub's: a repeated slug gets -1, -2, ... */
  anchor: string;
}

const BIG = Number.MAX_SAFE_INTEGER;
const INTRO = [
  "# Job file format (version 1)",
  "",
  "<!-- Generated from src/job/schema.ts by `npm run docs`; do not edit by hand. -->",
  "",
  "A job is a YAML file: where to run (`targets`), what to run (`steps`), and how (limits, retries,",
  "checks, a canary rollout). `fanout validate FILE` checks one with these rules and says",
  "`file:line:column` for each problem. Editors that speak the YAML language server check as you",
  "type with the first line `# yaml-language-server: $schema=../schema/job.schema.json`.",
  "",
  "Each table lists a mapping's keys; a key in a nested mapping links to that mapping's own table.",
  "Strings that are patterns (grep, expect, redact) are JavaScript regular expressions.",
];

export function renderJobFormatDoc(): string {
  const root = buildJobJsonSchema() as Node;
  const queue: Section[] = [{ title: "Job", node: root, anchor: "job" }];
  const out = [...INTRO];
  for (let i = 0; i < queue.length; i++) {
    const section = queue[i] as Section;
    out.push("", `## ${code(section.title)}`, "");
    if (section.node.description) out.push(cell(section.node.description), "");
    out.push("| Key | Type | Required | Description |", "| --- | --- | --- | --- |");
    for (const [key, node] of Object.entries(section.node.properties ?? {})) {
      const path = section.title === "Job" ? key : `${section.title}.${key}`;
      const type = typeOf(node, path, queue);
      const required = section.node.required?.includes(key) ? "yes" : "";
      out.push(`| \`${key}\` | ${type} | ${required} | ${cell(node.description ?? "")} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** A type in words; nested mappings are queued as sections of their own and linked. */
function typeOf(node: Node, path: string, queue: Section[]): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" or ");
  if (node.anyOf) return node.anyOf.map((n) => typeOf(n, path, queue)).join(" or ");
  if (Array.isArray(node.type)) return node.type.join(" or ");
  switch (node.type) {
    case "integer":
    case "number":
      return `${node.type}${range(node.minimum, node.maximum)}`;
    case "array": {
      const count = node.minItems
        ? ` (${node.minItems}${node.maxItems ? `–${node.maxItems}` : "+"})`
        : "";
      return `list${count} of ${node.items ? typeOf(node.items, `${path}[]`, queue) : "anything"}`;
    }
    case "object":
      if (node.properties && Object.keys(node.properties).length > 0) {
        const section = queue.find((s) => s.node === node) ?? enqueue(queue, path, node);
        return `mapping, see [${code(section.title)}](#${section.anchor})`;
      }
      if (typeof node.additionalProperties === "object") {
        return `mapping of names to ${typeOf(node.additionalProperties, path, queue)}`;
      }
      return "mapping";
    default:
      return node.type ?? "any";
  }
}

function enqueue(queue: Section[], path: string, node: Node): Section {
  const base = slug(code(path));
  const taken = queue.filter((s) => s.anchor === base || s.anchor.startsWith(`${base}-`)).length;
  const section = { title: path, node, anchor: taken === 0 ? base : `${base}-${taken}` };
  queue.push(section);
  return section;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min === undefined) return "";
  return max === undefined || max >= BIG ? ` ≥ ${min}` : ` ${min}–${max}`;
}

const code = (s: string) => `\`${s}\``;
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  await writeFile(JOB_FORMAT_DOC_URL, renderJobFormatDoc());
}
