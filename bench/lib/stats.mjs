// Small helpers shared by the figures.
import { loadavg } from "node:os";

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The 1-minute load average, as printed next to each figure. */
export const load1 = () => Number(loadavg()[0].toFixed(2));

export const cpuMs = (usage) => (usage.user + usage.system) / 1000;

export const fixed = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
