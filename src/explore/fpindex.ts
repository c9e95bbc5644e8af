// A numbering of 64-bit fingerprints: open addressing with linear probing, each fingerprint given the next id
// the first time it is inserted. For sets that are not the search's visited set and need ids: the distinct cuts,
// the states of R without their fault counter.

import { fpHex } from './fingerprint.ts';

export class FingerprintIndex {
  private table: Int32Array; // id + 1, 0 = empty
  private mask: number;
  private hi: Uint32Array;
  private lo: Uint32Array;
  size = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 1024;
    while (cap < initialCapacity * 2) cap *= 2;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    this.hi = new Uint32Array(initialCapacity);
    this.lo = new Uint32Array(initialCapacity);
  }

  /** Inserts a fingerprint; returns its new id, or -(id + 1) if it was already there. */
  insert(hi: number, lo: number): number {
    let slot = hi & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hi[id] === hi >>> 0 && this.lo[id] === lo >>> 0) return -entry;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (id >= this.hi.length) this.growRecords();
    this.hi[id] = hi;
    this.lo[id] = lo;
    this.table[slot] = id + 1;
    if (this.size * 2 > this.table.length) this.growTable();
    return id;
  }

  /** The fingerprints in id order, as high and low words (views, not copies): what `restore` numbers alike. */
  image(): { readonly hi: Uint32Array; readonly lo: Uint32Array } {
    return { hi: this.hi.subarray(0, this.size), lo: this.lo.subarray(0, this.size) };
  }

  /** An index numbering the fingerprints of `image` as the one it was taken from did. */
  static restore(image: { readonly hi: Uint32Array; readonly lo: Uint32Array }): FingerprintIndex {
    const index = new FingerprintIndex(Math.max(1024, image.hi.length));
    for (let id = 0; id < image.hi.length; id++)
      if (index.insert(image.hi[id] as number, image.lo[id] as number) !== id) throw new RangeError(`a saved index repeats fingerprint ${index.hex(id)}`);
    return index;
  }

  /** The id of a fingerprint, or -1. */
  find(hi: number, lo: number): number {
    let slot = hi & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hi[id] === hi >>> 0 && this.lo[id] === lo >>> 0) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Fingerprint `id` as 16 hex digits. */
  hex(id: number): string {
    return fpHex(this.hi[id] as number, this.lo[id] as number);
  }

  /** The low word of fingerprint `id` (for sampling by its low bits). */
  low(id: number): number {
    return this.lo[id] as number;
  }

  /** Orders ids a and b by their fingerprints (high word, then low): an order that does not depend on insertion. */
  compare(a: number, b: number): number {
    return (this.hi[a] as number) - (this.hi[b] as number) || (this.lo[a] as number) - (this.lo[b] as number);
  }

  bytes(): number {
    return this.table.byteLength + this.hi.byteLength + this.lo.byteLength;
  }

  private growRecords(): void {
    const hi = new Uint32Array(this.hi.length * 2);
    hi.set(this.hi);
    this.hi = hi;
    const lo = new Uint32Array(this.lo.length * 2);
    lo.set(this.lo);
    this.lo = lo;
  }

  private growTable(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = (this.hi[id] as number) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
