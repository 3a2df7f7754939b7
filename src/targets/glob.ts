// Globs for `where.name` and `--limit`: `*` any run of characters, `?` one; the whole value must
// match, ignoring case (names and keys are what people type from memory).

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "is");
}

export function matchesGlob(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}
