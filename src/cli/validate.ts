import type { Command } from "commander";

// Placeholder until its issue lands: registers nothing yet.
export function registerValidate(_program: Command): void {}
