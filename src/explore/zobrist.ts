// Additive position-value fingerprints: a state's 64-bit fingerprint is, lane by lane, the sum mod 2^32 of a
// pseudo-random value per (position, word), with zero words adding nothing. A step that changes k words
// changes the fingerprint in O(k), and a permutation of positions gives the fingerprint of a permuted state.

/** Two 32-bit lanes; results of the helpers below land here so hashing allocates nothing. */
export const ZH = { hi: 0, lo: 0 };

const fmix = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
};

/** Per-position keys for both lanes, derived from a fixed seed so fingerprints are reproducible. */
export class Keys {
  readonly k1: Int32Array;
  readonly k2: Int32Array;
  constructor(readonly width: number) {
    this.k1 = new Int32Array(width);
    this.k2 = new Int32Array(width);
    let s = 0x2545f491;
    for (let i = 0; i < width; i++) {
      s = fmix(s + 0x6d2b79f5);
      this.k1[i] = s;
      s = fmix(s + 0x6d2b79f5);
      this.k2[i] = s;
    }
  }
}

/** Lane 1 of word `v` at a position with key `k` (0 for a zero word). Bijective in v for a fixed position. */
export const lane1 = (k: number, v: number): number => (v === 0 ? 0 : fmix(Math.imul(v, 0xcc9e2d51) ^ k));
/** Lane 2, an unrelated function of the same inputs. */
export const lane2 = (k: number, v: number): number => (v === 0 ? 0 : fmix(Math.imul(v ^ k, 0x1b873593) + k));

/** Fingerprint of a whole vector, read with positions mapped through `pos` (identity when null), into ZH. */
export function fullHash(keys: Keys, v: Int32Array, pos: Int32Array | null): void {
  const k1 = keys.k1;
  const k2 = keys.k2;
  let h1 = 0;
  let h2 = 0;
  const w = keys.width;
  for (let i = 0; i < w; i++) {
    const x = v[i] as number;
    if (x === 0) continue;
    const j = pos === null ? i : (pos[i] as number);
    h1 = (h1 + lane1(k1[j] as number, x)) | 0;
    h2 = (h2 + lane2(k2[j] as number, x)) | 0;
  }
  ZH.hi = h1;
  ZH.lo = h2;
}

/**
 * Fingerprint of a successor into ZH, given that of its parent `from` (hi, lo) and the words where they differ:
 * positions pos[start..end) with new values val[start..end), positions mapped through `map` (identity when null).
 */
export function deltaHash(
  keys: Keys,
  hi: number,
  lo: number,
  from: Int32Array,
  pos: Int32Array,
  val: Int32Array,
  start: number,
  end: number,
  map: Int32Array | null,
): void {
  const k1 = keys.k1;
  const k2 = keys.k2;
  let h1 = hi;
  let h2 = lo;
  for (let c = start; c < end; c++) {
    const i = pos[c] as number;
    const j = map === null ? i : (map[i] as number);
    const a = k1[j] as number;
    const b = k2[j] as number;
    const x = from[i] as number;
    const y = val[c] as number;
    h1 = (h1 - lane1(a, x) + lane1(a, y)) | 0;
    h2 = (h2 - lane2(b, x) + lane2(b, y)) | 0;
  }
  ZH.hi = h1;
  ZH.lo = h2;
}

/**
 * A bijection on 64-bit values (two Feistel rounds), into ZH. The least fingerprint of an orbit is biased towards
 * small values, which would crowd the low slots of the visited set; spreading it keeps probes short.
 */
export function spread(hi: number, lo: number): void {
  const h = hi ^ fmix(lo ^ 0x3c6ef372);
  ZH.lo = lo ^ fmix(h ^ 0x7f4a7c15);
  ZH.hi = h;
}
