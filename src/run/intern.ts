// Fleet checks are the case where most targets answer the same text (a version, "production\n"):
// a run keeps one copy of each distinct output instead of one per result.

/** Longer strings are kept as they are: V8 hashes only the first 16,383 characters' worth, so
 * long outputs of one length would all collide in the map. */
const MAX_LENGTH = 16_383;
/** Bounds the map; past it new texts are no longer remembered (the known ones still are). */
const MAX_ENTRIES = 10_000;

/** One per run: maps an output to the first equal string seen, so equal outputs share memory. */
export class OutputInterner {
  readonly #seen = new Map<string, string>();

  intern(text: string): string {
    if (text.length === 0 || text.length > MAX_LENGTH) return text;
    const known = this.#seen.get(text);
    if (known !== undefined) return known;
    if (this.#seen.size < MAX_ENTRIES) this.#seen.set(text, text);
    return text;
  }
}
