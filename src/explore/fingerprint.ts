// 64-bit fingerprints of state vectors, as two independent 32-bit hashes (murmur3-style mixing).
// Results land in FP.hi / FP.lo so hashing allocates nothing.

export const FP = { hi: 0, lo: 0 };

const fmix = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

export function fingerprint(v: Int32Array, start: number, end: number): void {
  let h1 = 0x9747b28c;
  let h2 = 0x5bd1e995;
  for (let i = start; i < end; i++) {
    const k = v[i] as number;
    let k1 = Math.imul(k, 0xcc9e2d51);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, 0x1b873593);
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 = Math.imul(h2 ^ (k + i), 0x2c1b3c6d);
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (h2 + 0x297a2d39) | 0;
  }
  const len = end - start;
  FP.hi = fmix(h1 ^ len);
  FP.lo = fmix(h2 ^ Math.imul(len, 0x27d4eb2d));
}

/** A 64-bit fingerprint as 16 hex digits (how result files write them). */
export const fpHex = (hi: number, lo: number): string => `${(hi >>> 0).toString(16).padStart(8, '0')}${(lo >>> 0).toString(16).padStart(8, '0')}`;
