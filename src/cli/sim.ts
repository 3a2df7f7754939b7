import type { Command } from "commander";

// Placeholder until its issue lands: registers nothing yet.
export function registerSim(_program: Command): void {}
