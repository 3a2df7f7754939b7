// Seeded randomness. Each process (and each list route) gets its own stream derived from the
// seed and its id, so a run is reproducible even when requests to different processes interleave:
// the runner sends one request at a time per target, so each stream sees the same order every run.

export type Random = () => number;

/** mulberry32: small, fast, good enough for fault dice; returns floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string mixed with the seed: the start of a named stream. */
export function streamSeed(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Lazily created named streams of one seed. */
export class RandomStreams {
  private readonly streams = new Map<string, Random>();
  constructor(private readonly seed: number) {}

  get(name: string): Random {
    let r = this.streams.get(name);
    if (!r) {
      r = mulberry32(streamSeed(this.seed, name));
      this.streams.set(name, r);
    }
    return r;
  }
}
