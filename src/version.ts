import { createRequire } from "node:module";

// package.json is one level above both src/ (tests) and dist/ (the built CLI).
const pkg = createRequire(import.meta.url)("../package.json") as { name: string; version: string };

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;
