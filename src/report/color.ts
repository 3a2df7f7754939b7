// Colour is decided at the edge (src/cli: NO_COLOR, TTY) and passed in; renderers stay pure.
import type { StepStatus } from "./model.js";

const CODES = { red: 31, green: 32, yellow: 33, gray: 90, bold: 1 } as const;
export type Style = keyof typeof CODES;

export function paint(text: string, style: Style, enabled: boolean): string {
  if (!enabled || text === "") return text;
  const close = style === "bold" ? 22 : 39;
  return `\u001b[${CODES[style]}m${text}\u001b[${close}m`;
}

const STATUS_STYLE: Record<StepStatus, Style> = {
  ok: "green",
  failed: "red",
  error: "red",
  skipped: "gray",
  cancelled: "yellow",
};

export function paintStatus(status: StepStatus, enabled: boolean, text: string = status): string {
  return paint(text, STATUS_STYLE[status], enabled);
}
