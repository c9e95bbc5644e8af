// Frontier segments. A segment is a sequence of records, each a varint tag then (gap, value) pairs ending in 0:
// tag 0 is a parent header, the words where the next parent differs from the previous one (the first from the
// zero vector); tag k > 0 is a state with ordinal k - 1, the words where it differs from the current parent.
// Children of one parent are written together, so a state costs a few bytes and no full-vector work to write.

import type { ByteStream } from './memory.ts';
import { type Keys, lane1, lane2 } from './zobrist.ts';

/** Where a decoded record's fields land, so decoding allocates nothing. */
export const REC = { ordinal: 0 };

/** Writes `x` (a non-negative int below 2^32) in 7-bit groups; returns the new offset. */
export function putVarint(bytes: Uint8Array, at: number, x: number): number {
  while (x >= 0x80) {
    bytes[at++] = (x & 0x7f) | 0x80;
    x >>>= 7;
  }
  bytes[at++] = x;
  return at;
}

/** Appends a parent header: the words of `next` that differ from `prev`, then makes `prev` equal to `next`. */
export function writeHeader(out: ByteStream, prev: Int32Array, next: Int32Array, width: number): void {
  const bytes = out.reserve(10 * width + 8);
  let at = out.length;
  bytes[at++] = 0;
  let last = -1;
  for (let i = 0; i < width; i++) {
    const v = next[i] as number;
    if (v === prev[i]) continue;
    prev[i] = v;
    at = putVarint(bytes, at, i - last);
    at = putVarint(bytes, at, ((v << 1) ^ (v >> 31)) >>> 0);
    last = i;
  }
  bytes[at++] = 0;
  out.length = at;
}

/** Appends a state: its ordinal, and the `n` words (ascending positions `pos[from..]`, values `val[from..]`) where it differs from the current parent. */
export function writeChild(out: ByteStream, ordinal: number, pos: Int32Array, val: Int32Array, from: number, n: number): void {
  const bytes = out.reserve(10 * n + 16);
  let at = putVarint(bytes, out.length, ordinal + 1);
  let last = -1;
  for (let k = from; k < from + n; k++) {
    const i = pos[k] as number;
    const v = val[k] as number;
    at = putVarint(bytes, at, i - last);
    at = putVarint(bytes, at, ((v << 1) ^ (v >> 31)) >>> 0);
    last = i;
  }
  bytes[at++] = 0;
  out.length = at;
}

/** Running fingerprints of a vector being decoded, one pair per position map (null = identity). */
export class RunningHashes {
  readonly his: Int32Array;
  readonly los: Int32Array;
  constructor(
    readonly keys: Keys,
    readonly maps: readonly (Int32Array | null)[],
  ) {
    this.his = new Int32Array(maps.length);
    this.los = new Int32Array(maps.length);
  }
  reset(): void {
    this.his.fill(0);
    this.los.fill(0);
  }
  copy(from: RunningHashes): void {
    this.his.set(from.his);
    this.los.set(from.los);
  }
}

/** Decodes a segment record by record: keeps the current parent, and yields each state with its fingerprints. */
export class SegmentReader {
  private readonly parent: Int32Array;
  private readonly parentHashes: RunningHashes;

  constructor(
    readonly width: number,
    keys: Keys,
    maps: readonly (Int32Array | null)[],
  ) {
    this.parent = new Int32Array(width);
    this.parentHashes = new RunningHashes(keys, maps);
  }

  /** Starts a segment: the first parent is the zero vector. */
  begin(): void {
    this.parent.fill(0);
    this.parentHashes.reset();
  }

  /** Reads the next state at `at` into `vec` and `h` (headers on the way update the parent); returns the next offset. */
  next(bytes: Uint8Array, at: number, vec: Int32Array, h: RunningHashes): number {
    for (;;) {
      let tag = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[at++] as number;
        tag |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      if (tag === 0) {
        at = applyChanges(bytes, at, this.parent, this.parentHashes);
        continue;
      }
      REC.ordinal = tag - 1;
      vec.set(this.parent);
      h.copy(this.parentHashes);
      return applyChanges(bytes, at, vec, h);
    }
  }
}

/** Applies (gap, value) pairs to `vec`, updating `h`; returns the offset after the terminating 0. */
function applyChanges(bytes: Uint8Array, at: number, vec: Int32Array, h: RunningHashes): number {
  const { k1, k2 } = h.keys;
  const maps = h.maps;
  const his = h.his;
  const los = h.los;
  const m = maps.length;
  let i = -1;
  for (;;) {
    let gap = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++] as number;
      gap |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    if (gap === 0) return at;
    i += gap;
    let z = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++] as number;
      z |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    const v = (z >>> 1) ^ -(z & 1);
    const old = vec[i] as number;
    vec[i] = v;
    for (let g = 0; g < m; g++) {
      const map = maps[g];
      const j = map === null || map === undefined ? i : (map[i] as number);
      const a = k1[j] as number;
      const b = k2[j] as number;
      his[g] = ((his[g] as number) - lane1(a, old) + lane1(a, v)) | 0;
      los[g] = ((los[g] as number) - lane2(b, old) + lane2(b, v)) | 0;
    }
  }
}

/** Where `getVarint` leaves the offset after the number it read. */
export const AT = { at: 0 };

/** Reads a number written by `putVarint` at `at`; the next offset lands in AT. */
export function getVarint(bytes: Uint8Array, at: number): number {
  let x = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++] as number;
    x += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  AT.at = at;
  return x;
}

export const zigzag = (v: number): number => ((v << 1) ^ (v >> 31)) >>> 0;
export const unzigzag = (z: number): number => (z >>> 1) ^ -(z & 1);

/** Appends a whole vector as its non-zero words; returns the new offset (room must be reserved: 10 bytes a word). */
export function putVector(bytes: Uint8Array, at: number, vec: Int32Array): number {
  let last = -1;
  for (let i = 0; i < vec.length; i++) {
    const v = vec[i] as number;
    if (v === 0) continue;
    at = putVarint(bytes, at, i - last);
    at = putVarint(bytes, at, zigzag(v));
    last = i;
  }
  bytes[at++] = 0;
  return at;
}

/** Reads a vector written by `putVector` into `vec` (zeroed first); the next offset lands in AT. */
export function getVector(bytes: Uint8Array, at: number, vec: Int32Array): void {
  vec.fill(0);
  let i = -1;
  for (;;) {
    const gap = getVarint(bytes, at);
    if (gap === 0) return;
    i += gap;
    vec[i] = unzigzag(getVarint(bytes, AT.at));
    at = AT.at;
  }
}
