// The visited set: 64-bit fingerprints in one open-addressing table (8 bytes a slot, linear probing, the home slot
// scaled from the top bits so the table may have any size), safe for concurrent inserts from worker threads, and
// grown by half in place when 80% full, so it stays between 53% and 80% full and is never copied.

import { type Backing, ensureBytes, growable } from './memory.ts';
import { fpHex } from './fingerprint.ts';

/** Probing may run this many slots past the last home slot before the table must grow. */
const OVERFLOW = 1 << 12;
const MIN_SLOTS = 1 << 12;
/** 4 GiB of 8-byte slots, the most one buffer may hold. */
const MAX_SLOTS = 2 ** 29 - OVERFLOW;
/** The table grows when more than this fraction of its home slots is used ... */
export const MAX_LOAD = 0.8;
/** ... by this factor. */
const GROWTH = 1.5;

export const SEEN = 0;
export const ADDED = 1;
/** The probe ran off the end of the table: grow it, then insert again. */
export const FULL = -1;

/** A set as a checkpoint saves it (see FingerprintSet.image). */
export interface SetImage {
  readonly slots: number;
  readonly size: number;
  readonly table: Uint8Array;
}

/** What a worker thread needs to open the same set. */
export interface FingerprintSetHandle {
  readonly table: Backing;
  /** [home slots, count, version]; shared between threads. */
  readonly header: Int32Array;
}

export class FingerprintSet {
  private t: Int32Array;
  /** Home slot of hi = ((hi >>> 8) * scale) | 0, with scale = slots / 2^24. */
  private scale: number;
  private end: number;
  private version: number;
  readonly shared: boolean;

  private constructor(readonly handle: FingerprintSetHandle) {
    this.shared = handle.table instanceof SharedArrayBuffer;
    this.t = new Int32Array(0);
    this.scale = 0;
    this.end = 0;
    this.version = -1;
    this.refresh();
  }

  /** A new, empty set sized for about `expected` fingerprints. */
  static create(expected: number, shared: boolean): FingerprintSet {
    const slots = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Math.ceil(expected / MAX_LOAD)));
    const table = growable((slots + OVERFLOW) * 8, shared);
    const header = new Int32Array(shared ? new SharedArrayBuffer(16) : new ArrayBuffer(16));
    header[0] = slots;
    return new FingerprintSet({ table, header });
  }

  /**
   * A set holding what `image` saved (a checkpoint): the same slots, so every fingerprint is at the slot it was. The
   * table's bytes are copied in; `shared` as for `create`.
   */
  static restore(image: SetImage, shared: boolean): FingerprintSet {
    if (!Number.isInteger(image.slots) || image.slots < MIN_SLOTS || image.slots > MAX_SLOTS || image.table.byteLength !== (image.slots + OVERFLOW) * 8)
      throw new RangeError(`a saved visited set of ${image.slots} slots must hold ${(image.slots + OVERFLOW) * 8} bytes, not ${image.table.byteLength}`);
    const table = growable(image.table.byteLength, shared);
    new Uint8Array(table, 0, image.table.byteLength).set(image.table);
    const header = new Int32Array(shared ? new SharedArrayBuffer(16) : new ArrayBuffer(16));
    header[0] = image.slots;
    header[1] = image.size;
    return new FingerprintSet({ table, header });
  }

  /** The set as it stands, for a checkpoint: its slots, size and table (a view, not a copy). Only while no thread inserts. */
  image(): SetImage {
    this.refresh();
    return { slots: this.slots, size: this.size, table: new Uint8Array(this.handle.table, 0, this.end * 4) };
  }

  /** Opens a set created elsewhere (in another thread). */
  static open(handle: FingerprintSetHandle): FingerprintSet {
    return new FingerprintSet(handle);
  }

  /** Home slots (the table has OVERFLOW more). */
  get slots(): number {
    return this.handle.header[0] as number;
  }
  /** Fingerprints stored (exact once writers have called `added`). */
  get size(): number {
    return this.handle.header[1] as number;
  }
  bytes(): number {
    return (this.slots + OVERFLOW) * 8;
  }

  /** Re-reads the table's size after another thread grew it. */
  refresh(): void {
    const h = this.handle.header;
    const version = h[2] as number;
    if (version === this.version && this.t.length > 0) return;
    const slots = h[0] as number;
    this.scale = slots / 16777216;
    this.end = (slots + OVERFLOW) * 2;
    this.t = new Int32Array(this.handle.table, 0, this.end);
    this.version = version;
  }

  /** Records `n` insertions made by this thread (kept apart from `insert` so threads do not fight over a counter). */
  added(n: number): void {
    if (this.shared) Atomics.add(this.handle.header, 1, n);
    else this.handle.header[1] = (this.handle.header[1] as number) + n;
  }

  /** Whether the set should grow before about `coming` more insertions. */
  wantsGrowth(coming: number): boolean {
    return this.slots < MAX_SLOTS && this.size + coming > this.slots * MAX_LOAD;
  }

  /** Reads the home slot of a fingerprint, so a later `insert` finds it in cache. */
  touch(hi: number): number {
    return this.t[(((hi >>> 8) * this.scale) | 0) << 1] as number;
  }

  /**
   * The stored fingerprints whose low word has the bits of `mask` clear (with mask 255, about one in 256), as hex
   * strings: a sample for estimating how much two sets overlap. Only while no thread inserts.
   */
  sample(mask: number): string[] {
    this.refresh();
    const out: string[] = [];
    const t = this.t;
    for (let s = 0; s < this.end; s += 2) {
      const hi = t[s] as number;
      const lo = t[s + 1] as number;
      if (hi === 0 || (lo & mask) !== 0) continue;
      out.push(fpHex(hi, lo));
    }
    return out;
  }

  /** Inserts a fingerprint: ADDED if it is new, SEEN if it was there, FULL if the table must grow first. */
  insert(hi: number, lo: number): number {
    if (hi === 0) hi = 0x5bd1e995;
    if (lo === 0) lo = 0x1b873593;
    const t = this.t;
    const end = this.end;
    for (let s = (((hi >>> 8) * this.scale) | 0) << 1; s < end; s += 2) {
      let h = t[s] as number;
      if (h === 0) {
        if (!this.shared) {
          t[s] = hi;
          t[s + 1] = lo;
          return ADDED;
        }
        h = Atomics.compareExchange(t, s, 0, hi);
        if (h === 0) {
          Atomics.store(t, s + 1, lo);
          return ADDED;
        }
      }
      if (h !== hi) continue;
      let l = t[s + 1] as number;
      // Another thread claimed the slot and is about to write its low word.
      while (l === 0) l = Atomics.load(t, s + 1);
      if (l === lo) return SEEN;
    }
    return FULL;
  }

  /**
   * Grows the table by half, in place: only the new slots are fresh memory. Only one thread may call this, while no
   * other thread touches the set. Homes only move up, and entries are moved from the top down, so a moved entry
   * never probes past a slot still to be emptied; the few whose new home is below their old slot go in last.
   */
  grow(): void {
    const oldEnd = this.end;
    const slots = Math.min(MAX_SLOTS, Math.ceil(this.slots * GROWTH));
    if (slots <= this.slots) throw new RangeError(`the visited set is full (${this.slots} slots)`);
    const end = (slots + OVERFLOW) * 2;
    ensureBytes(this.handle.table, end * 4);
    const t = new Int32Array(this.handle.table, 0, end);
    const scale = slots / 16777216;
    const later: number[] = [];
    for (let s = oldEnd - 2; s >= 0; s -= 2) {
      const hi = t[s] as number;
      if (hi === 0) continue;
      const lo = t[s + 1] as number;
      t[s] = 0;
      t[s + 1] = 0;
      const home = (((hi >>> 8) * scale) | 0) << 1;
      if (home > s && place(t, hi, lo, home, end)) continue;
      later.push(hi, lo);
    }
    for (let i = 0; i < later.length; i += 2) {
      const hi = later[i] as number;
      if (!place(t, hi, later[i + 1] as number, (((hi >>> 8) * scale) | 0) << 1, end)) throw new RangeError('the visited set overflowed while growing');
    }
    const h = this.handle.header;
    h[0] = slots;
    h[2] = (h[2] as number) + 1;
    this.refresh();
  }
}

function place(t: Int32Array, hi: number, lo: number, from: number, end: number): boolean {
  for (let s = from; s < end; s += 2) {
    if (t[s] !== 0) continue;
    t[s] = hi;
    t[s + 1] = lo;
    return true;
  }
  return false;
}
