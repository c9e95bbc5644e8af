// The trail: two bytes a state, enough to rebuild the shortest path to any state as TLC does, by re-running the
// successor function. States are numbered in breadth-first order, so the children of each state are numbered
// consecutively and in the order of their parents: `runs[p]` says how many new states p's expansion found, and
// `ordinals[c]` which of its parent's emitted successors c was. Values of 255 and more go to side tables.

import { ensureBytes, growable, type Backing } from './memory.ts';

const ESCAPE = 255;
const CHECKPOINT = 1024;

/** A trail as a checkpoint saves it: runs and ordinals of the ids below `closed`, and the large ones as (0 run | 1 ordinal, id, value). */
export interface TrailImage {
  readonly closed: number;
  readonly runs: Uint8Array;
  readonly ordinals: Uint8Array;
  readonly big: readonly number[];
}

/** What a worker thread needs to write into the same trail. */
export interface TrailHandle {
  readonly runs: Backing;
  readonly ordinals: Backing;
}

export class Trail {
  private runs: Uint8Array;
  private ordinals: Uint8Array;
  private readonly bigRuns = new Map<number, number>();
  private readonly bigOrdinals = new Map<number, number>();
  /** checkpoints[i] = total run of states 0 .. i*CHECKPOINT-1, built lazily for lookups. */
  private checkpoints: number[] = [0];

  constructor(readonly handle: TrailHandle) {
    this.runs = new Uint8Array(handle.runs, 0, handle.runs.byteLength);
    this.ordinals = new Uint8Array(handle.ordinals, 0, handle.ordinals.byteLength);
  }

  static create(shared: boolean): Trail {
    return new Trail({ runs: growable(1 << 12, shared), ordinals: growable(1 << 12, shared) });
  }

  /** A trail holding what `image` saved (a checkpoint): ids below `image.closed`, all expanded. */
  static restore(image: TrailImage, shared: boolean): Trail {
    const n = image.closed;
    if (image.runs.length !== n || image.ordinals.length !== n) throw new RangeError(`a saved trail of ${n} states must hold ${n} runs and ordinals`);
    const trail = new Trail({ runs: growable(Math.max(n, 1 << 12), shared), ordinals: growable(Math.max(n, 1 << 12), shared) });
    trail.runs.set(image.runs);
    trail.ordinals.set(image.ordinals);
    for (let i = 0; i < image.big.length; i += 3) trail.setBig(image.big[i] === 0 ? 'run' : 'ordinal', image.big[i + 1] as number, image.big[i + 2] as number);
    trail.closed = n;
    return trail;
  }

  /** The trail of the ids below `closed` (all expanded), for a checkpoint: views, not copies. */
  image(): TrailImage {
    const n = this.closed;
    const big: number[] = [];
    for (const [id, v] of this.bigRuns) if (id < n) big.push(0, id, v);
    for (const [id, v] of this.bigOrdinals) if (id < n) big.push(1, id, v);
    return { closed: n, runs: this.runs.subarray(0, n), ordinals: this.ordinals.subarray(0, n), big };
  }

  /** Makes room for ids below `count`. Only one thread may call this, while no other thread writes. */
  ensure(count: number): void {
    if (count <= this.runs.length) return;
    ensureBytes(this.handle.runs, count);
    ensureBytes(this.handle.ordinals, count);
    this.refresh();
  }

  /** Re-reads the arrays' sizes after another thread grew them. */
  refresh(): void {
    if (this.runs.length !== this.handle.runs.byteLength) this.runs = new Uint8Array(this.handle.runs, 0, this.handle.runs.byteLength);
    if (this.ordinals.length !== this.handle.ordinals.byteLength)
      this.ordinals = new Uint8Array(this.handle.ordinals, 0, this.handle.ordinals.byteLength);
  }

  /** Writes a run; returns false if it is too large for a byte and must go to `setBig` (on the main thread). */
  setRun(id: number, run: number): boolean {
    this.runs[id] = run < ESCAPE ? run : ESCAPE;
    return run < ESCAPE;
  }
  setOrdinal(id: number, ordinal: number): boolean {
    this.ordinals[id] = ordinal < ESCAPE ? ordinal : ESCAPE;
    return ordinal < ESCAPE;
  }
  setBig(kind: 'run' | 'ordinal', id: number, value: number): void {
    (kind === 'run' ? this.bigRuns : this.bigOrdinals).set(id, value);
  }

  bytes(): number {
    return this.handle.runs.byteLength + this.handle.ordinals.byteLength;
  }

  private run(id: number): number {
    const r = this.runs[id] as number;
    return r < ESCAPE ? r : (this.bigRuns.get(id) ?? 0);
  }
  ordinal(id: number): number {
    const o = this.ordinals[id] as number;
    return o < ESCAPE ? o : (this.bigOrdinals.get(id) ?? 0);
  }

  /** Ids below this have been expanded, so their runs are final (set by the search as levels finish). */
  closed = 0;

  /** The parent of state `id` (> 0): the state whose run covers child rank id - 1. */
  parent(id: number): number {
    const rank = id - 1;
    const cps = this.checkpoints;
    while ((cps.length * CHECKPOINT) <= this.closed && (cps[cps.length - 1] as number) <= rank) {
      const from = (cps.length - 1) * CHECKPOINT;
      let total = cps[cps.length - 1] as number;
      for (let p = from; p < from + CHECKPOINT; p++) total += this.run(p);
      cps.push(total);
    }
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((cps[mid] as number) <= rank) lo = mid;
      else hi = mid - 1;
    }
    let total = cps[lo] as number;
    for (let p = lo * CHECKPOINT; p < id; p++) {
      total += this.run(p);
      if (total > rank) return p;
    }
    throw new Error(`internal: state ${id} has no parent in the trail`);
  }

  /** Ordinals of the steps from the initial state to `id`. */
  ordinalsTo(id: number): number[] {
    const out: number[] = [];
    for (let at = id; at > 0; at = this.parent(at)) out.push(this.ordinal(at));
    return out.reverse();
  }
}
