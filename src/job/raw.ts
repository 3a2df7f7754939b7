// Guards for the plain data YAML produced, before the schema has vouched for its shape.

export type Raw = Record<string, unknown>;

export const isRecord = (v: unknown): v is Raw =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The items of a list, or none when the value is not a list. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
