import type { Command } from "commander";

// Placeholder until its issue lands: registers nothing yet.
export function registerDemo(_program: Command): void {}
