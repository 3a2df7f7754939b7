// Big outputs: at most maxBytes per stream, the head AND the tail (the end of a log matters most),
// with a marker saying how much was cut. Sizes are UTF-8 bytes; a cut never splits a character.

export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

export interface Kept {
  text: string;
  truncated: boolean;
  originalBytes: number;
}

export function keepHeadAndTail(text: string, maxBytes: number): Kept {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, truncated: false, originalBytes: bytes.length };
  const marker = (cut: number) => `\n[… ${cut} bytes cut by fanout (maxOutputBytes) …]\n`;
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker(bytes.length)));
  const headEnd = charBoundary(bytes, Math.floor(room / 2));
  const tailStart = charBoundary(bytes, bytes.length - (room - headEnd));
  const head = bytes.subarray(0, headEnd).toString("utf8");
  const tail = bytes.subarray(tailStart).toString("utf8");
  return {
    text: head + marker(tailStart - headEnd) + tail,
    truncated: true,
    originalBytes: bytes.length,
  };
}

/** The nearest offset at or after `at` that starts a character (not a UTF-8 continuation byte). */
function charBoundary(bytes: Buffer, at: number): number {
  let i = Math.max(0, Math.min(at, bytes.length));
  while (i < bytes.length && ((bytes[i] as number) & 0xc0) === 0x80) i++;
  return i;
}
