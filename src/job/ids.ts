// Application and process ids. Version 1 names them by UUID only; a later version accepts names
// (`app: billing`, `process: web`). To make that relaxation a one-line change, a value is
// classified first: a real UUID, a broken UUID (hex digits and dashes that fail the API's
// pattern: always an error, in every version, because it is surely a copy-paste slip), or a
// name. Only the last is refused because of NAMES_SUPPORTED.

/** The API's id pattern, verbatim from the exec endpoint's reference (API.md). */
export const API_UUID_PATTERN =
  "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$";

const API_UUID = new RegExp(API_UUID_PATTERN);
const UUID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Names are resolved through the API by src/targets (an app's name, a process's key). */
export const NAMES_SUPPORTED = true;

/**
 * For editors (JSON Schema): a UUID the API accepts, or anything that is not UUID-shaped. The
 * loader's checks (idRule) also catch the subtler slips, such as a `g` among the hex digits.
 */
export const ID_OR_NAME_PATTERN = `^(?:${API_UUID_PATTERN.slice(1, -1)}|(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$).+)$`;

export type IdKind = "uuid" | "bad-uuid-digits" | "bad-uuid-shape" | "name";

export function classifyId(value: string): IdKind {
  if (API_UUID.test(value)) return "uuid";
  if (UUID_SHAPE.test(value)) return "bad-uuid-digits";
  // A mangled UUID: only hex digits and dashes with several dashes or UUID-like length, or five
  // dash-separated groups of UUID-like length (a typo such as a `g` among the hex digits).
  // Names such as `billing-web` fit neither, so they stay free for the later version.
  const dashes = value.split("-").length - 1;
  const compact = value.replace(/-/g, "").length;
  if (/^[0-9a-fA-F-]+$/.test(value) && (dashes >= 3 || compact >= 32)) return "bad-uuid-shape";
  if (/^[0-9a-zA-Z]+(-[0-9a-zA-Z]+){4}$/.test(value) && compact >= 28 && compact <= 36) {
    return "bad-uuid-shape";
  }
  return "name";
}

/** The rule an id broke, or undefined when it is acceptable in this version. */
export function idRule(value: string, what: "application" | "process"): string | undefined {
  const a = what === "application" ? "an" : "a";
  switch (classifyId(value)) {
    case "uuid":
      return undefined;
    case "bad-uuid-digits":
      return `is not ${a} ${what} UUID the API accepts: the third group must start with 1-8 and the fourth with 8, 9, a or b`;
    case "bad-uuid-shape":
      return `looks like a UUID but is not 8-4-4-4-12 hex digits; ${a} ${what} id must be a UUID`;
    case "name":
      return NAMES_SUPPORTED
        ? undefined
        : `must be ${a} ${what} UUID (names are not supported yet)`;
  }
}
