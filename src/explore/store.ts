// The visited set: 64-bit fingerprints in an open-addressing table (linear probing), each state numbered in
// insertion order with its parent and the step that reached it, so counterexamples can be rebuilt (as TLC
// does, by re-running the successor function along the parent chain).

/** What a finished search offers for rebuilding counterexamples. */
export interface VisitedStates {
  /** States stored. */
  readonly size: number;
  /** Step codes from the initial state to state `id`. */
  pathTo(id: number): number[];
  /** Bytes held by the visited set and whatever rebuilds paths. */
  bytes(): number;
}

export class StateStore implements VisitedStates {
  private table: Int32Array; // id + 1, 0 = empty
  private mask: number;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private parents: Int32Array;
  private steps: Int32Array;
  size = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 1024;
    while (cap < initialCapacity * 2) cap *= 2;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
    this.hi = new Uint32Array(initialCapacity);
    this.lo = new Uint32Array(initialCapacity);
    this.parents = new Int32Array(initialCapacity);
    this.steps = new Int32Array(initialCapacity);
  }

  /** Inserts a fingerprint; returns the new id, or -(id + 1) if it was already there. */
  insert(hi: number, lo: number, parent: number, step: number): number {
    let slot = hi & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hi[id] === hi && this.lo[id] === lo) return -entry;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (id >= this.hi.length) this.growRecords();
    this.hi[id] = hi;
    this.lo[id] = lo;
    this.parents[id] = parent;
    this.steps[id] = step;
    this.table[slot] = id + 1;
    if (this.size * 2 > this.table.length) this.growTable();
    return id;
  }

  /** The id of a fingerprint, or -1. */
  find(hi: number, lo: number): number {
    let slot = hi & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hi[id] === hi && this.lo[id] === lo) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  parentOf(id: number): number {
    return this.parents[id] as number;
  }
  stepOf(id: number): number {
    return this.steps[id] as number;
  }

  /** Step codes from the initial state to `id`. */
  pathTo(id: number): number[] {
    const codes: number[] = [];
    for (let at = id; (this.parents[at] as number) >= 0; at = this.parents[at] as number) codes.push(this.steps[at] as number);
    return codes.reverse();
  }

  bytes(): number {
    return this.table.byteLength + this.hi.byteLength + this.lo.byteLength + this.parents.byteLength + this.steps.byteLength;
  }

  private growRecords(): void {
    const cap = this.hi.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.hi = grow(this.hi, (n) => new Uint32Array(n));
    this.lo = grow(this.lo, (n) => new Uint32Array(n));
    this.parents = grow(this.parents, (n) => new Int32Array(n));
    this.steps = grow(this.steps, (n) => new Int32Array(n));
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
