// A fleet check asks hundreds of processes the same thing and most answer with the very same
// bytes. Those bytes are decoded and parsed once per client: later answers equal to a known one
// reuse its parsed body (and so its strings), with no text, no JSON.parse and no copies of stdout
// for the garbage collector. At 100,000 answers of 1 KiB that garbage was most of the peak RSS.
import type { ExecBody } from "./response.js";

/** Answers larger than this are parsed every time (comparing them would cost more than it saves). */
const MAX_ANSWER_BYTES = 16 * 1024;
/** Bounds the copies kept: past it, new answers are no longer remembered (known ones still are). */
const MAX_TOTAL_BYTES = 1024 * 1024;
/** Bounds the comparisons per answer: answers of one length that all differ (host names...). */
const MAX_PER_LENGTH = 8;

interface Known {
  bytes: Buffer;
  body: ExecBody;
}

export class KnownAnswers {
  readonly #byLength = new Map<number, Known[]>();
  #totalBytes = 0;

  /** The parsed body of an earlier answer with exactly these bytes, if one is remembered. */
  find(bytes: Buffer): ExecBody | undefined {
    const candidates = this.#byLength.get(bytes.length);
    if (candidates === undefined) return undefined;
    for (const known of candidates) {
      if (known.bytes.equals(bytes)) return known.body;
    }
    return undefined;
  }

  /** Keeps a copy of the bytes (undici's chunk may share its memory) with their parsed body. */
  remember(bytes: Buffer, body: ExecBody): void {
    if (bytes.length > MAX_ANSWER_BYTES) return;
    if (this.#totalBytes + bytes.length > MAX_TOTAL_BYTES) return;
    let candidates = this.#byLength.get(bytes.length);
    if (candidates === undefined) {
      candidates = [];
      this.#byLength.set(bytes.length, candidates);
    }
    if (candidates.length >= MAX_PER_LENGTH) return;
    candidates.push({ bytes: Buffer.from(bytes), body: Object.freeze(body) });
    this.#totalBytes += bytes.length;
  }
}
