// One thread's share of the search: decode a segment of the frontier, expand each state, fingerprint each
// successor by its changed words (the least over the symmetry group when there is one), keep the new ones and
// write them into the next level's segments. Used alike by the single-threaded search and by each worker.

import { ADDED, FULL, type FingerprintSet } from './fpset.ts';
import type { Expander } from './expander.ts';
import type { ByteStream } from './memory.ts';
import { REC, RunningHashes, SegmentReader, writeChild, writeHeader } from './records.ts';
import type { Trail } from './trail.ts';
import { type Keys, ZH, deltaHash, spread } from './zobrist.ts';

/** The recent-fingerprint cache has this many entries, less one (256 KiB: it stays in the core's cache). */
const CACHE_MASK = (1 << 15) - 1;

/** Most states in one output sub-segment: the unit of work of the next level. */
export const SEGMENT = 1024;

/** Where events and terminal states go: straight to an observer, or into a stream for the main thread. */
export interface Sink {
  /** A step from `cur` (state `parent`) raised events; `vec` is the successor before settle. True stops the search. */
  event(vec: Int32Array, event: number, parent: number, code: number, depth: number, cur: Int32Array): boolean;
  terminal(vec: Int32Array, id: number, depth: number): boolean;
}

export class Expansion {
  readonly width: number;
  /** The state being expanded and the system's scratch successor, side by side in one array. */
  private readonly work: Int32Array;
  readonly cur: Int32Array;
  private readonly scratch: Int32Array;
  private readonly lastParent: Int32Array;
  readonly hashes: RunningHashes;
  private readonly reader: SegmentReader;
  transitions = 0;
  /** New states found since the driver last collected them. */
  fresh = 0;
  stopped = false;
  /** The state bound was reached. */
  truncated = false;
  /** New states this thread may still add before the state bound is reached. */
  budget = Number.POSITIVE_INFINITY;
  /** Called when `fresh` passes `budget`: claims more of the bound; true when the bound itself is passed. */
  overBudget: () => boolean = () => true;
  expanded = 0;
  /** Runs and ordinals too large for the trail's bytes, for the main thread's side tables: (0 run | 1 ordinal, id, value). */
  readonly big: number[] = [];
  /** Finished output sub-segments of this level: (unit, sub-segment, byte offset, states) quads. */
  readonly segments: number[] = [];
  /** Per-state hooks (one thread only; see Observer): a new state with its id, and every step followed. */
  onState: ((vec: Int32Array, id: number, depth: number) => boolean) | null = null;
  onSuccessor: ((cur: Int32Array, parent: number, vec: Int32Array, code: number) => void) | null = null;
  /** The id the next new state gets (kept by the search level by level, for onState). */
  nextId = 0;
  private stateVec: Int32Array | null = null;

  // Successors of the state being expanded wait here until all are generated, so the probes of the visited set
  // (cache misses) overlap: their slots are touched as each successor is hashed, and looked up at the end.
  private pendHi: Int32Array = new Int32Array(64);
  private pendLo: Int32Array = new Int32Array(64);
  private pendOrd: Int32Array = new Int32Array(64);
  private pendFrom: Int32Array = new Int32Array(65);
  private pendPos: Int32Array = new Int32Array(1024);
  private pendVal: Int32Array = new Int32Array(1024);
  private pending = 0;
  /** Sum of touched slots; kept so the touching loads are not optimised away. */
  touched = 0;
  /** Fingerprints recently found or put in the set, direct-mapped (hi, lo pairs; 0, 0 is empty). */
  private readonly cache = new Int32Array(2 * (CACHE_MASK + 1));
  cacheHits = 0;

  private unit = 0;
  private sub = 0;
  private segStart = 0;
  private segCount = 0;
  /** The parent whose header was last written into the current output segment, or -1. */
  private headerOf = -1;
  private parent = 0;
  private depth = 0;
  private ordinal = 0;
  private out: ByteStream | null = null;
  private readonly emit: (vec: Int32Array, code: number, event: number) => void;

  constructor(
    readonly expander: Expander,
    readonly keys: Keys,
    /** Position maps of the symmetry group, identity (null) first. */
    readonly maps: readonly (Int32Array | null)[],
    readonly set: FingerprintSet,
    readonly trail: Trail,
    readonly sink: Sink,
    /** Called when the visited set must grow before an insertion can go on; returns once it has. */
    private readonly onFull: () => void,
  ) {
    const w = expander.width;
    this.width = w;
    this.work = new Int32Array(2 * w);
    this.cur = this.work.subarray(0, w);
    this.scratch = this.work.subarray(w, 2 * w);
    this.lastParent = new Int32Array(w);
    this.hashes = new RunningHashes(keys, maps);
    this.reader = new SegmentReader(w, keys, maps);
    this.emit = (vec, code, event) => this.successor(vec, code, event);
  }

  /** Bytes written into this level's output so far. */
  get written(): number {
    return this.out?.length ?? 0;
  }

  /** Starts writing a level's new states into `out` (emptied). */
  beginLevel(out: ByteStream): void {
    this.out = out;
    out.length = 0;
    this.segments.length = 0;
  }

  /**
   * Puts states of this level's output found before a checkpoint (segments of `counts` states and `lengths` bytes)
   * at the head of the output, numbered before every unit's (as unit -1), so they keep their place in the next level.
   */
  adopt(carry: { readonly bytes: Uint8Array; readonly counts: readonly number[]; readonly lengths: readonly number[] }): void {
    const out = this.out as ByteStream;
    out.reserve(carry.bytes.length).set(carry.bytes, out.length);
    let at = out.length;
    carry.counts.forEach((n, i) => {
      this.segments.push(-1, i, at, n);
      at += carry.lengths[i] as number;
    });
    out.length = at;
  }

  /** Starts expanding work unit `unit`: its new states go to sub-segments numbered 0, 1, ... */
  beginUnit(unit: number): void {
    this.unit = unit;
    this.sub = 0;
    this.openSegment();
  }

  /** Closes the unit's last sub-segment. */
  endUnit(): void {
    if (this.segCount > 0) this.segments.push(this.unit, this.sub++, this.segStart, this.segCount);
    this.segCount = 0;
  }

  /** A sub-segment starts from the zero vector, so each can be decoded on its own by any thread. */
  private openSegment(): void {
    this.segStart = (this.out as ByteStream).length;
    this.segCount = 0;
    this.lastParent.fill(0);
    this.headerOf = -1;
  }

  /** Starts reading a new input segment. */
  beginInput(): void {
    this.reader.begin();
  }

  /**
   * Expands `count` states of the current input segment starting at byte `at` of `bytes`, numbered from `firstId`,
   * all at depth `depth`. Returns the offset after the last state read (it stops early when the search stops).
   */
  expandRecords(bytes: Uint8Array, at: number, count: number, firstId: number, depth: number): number {
    for (let i = 0; i < count; i++) {
      if (this.stopped) return at;
      at = this.reader.next(bytes, at, this.cur, this.hashes);
      const id = firstId + i;
      if (id > 0 && !this.trail.setOrdinal(id, REC.ordinal)) this.big.push(1, id, REC.ordinal);
      if (this.shard !== null && !this.owns(this.shard)) {
        // Another shard's state: kept (so that it is not found again) but not expanded here.
        if (!this.trail.setRun(id, 0)) this.big.push(0, id, 0);
        this.skipped++;
        continue;
      }
      this.expandOne(id, depth);
      this.expanded++;
    }
    return at;
  }

  /**
   * Set for the one level a sharded search splits (see SearchOptions.shard): only the states whose fingerprint falls
   * to shard `index` of `count` are expanded; the others are left to the other shards.
   */
  shard: { readonly index: number; readonly count: number } | null = null;
  /** States of the split level left to other shards. */
  skipped = 0;

  /** Whether the state in `cur` falls to `shard`: by its fingerprint, the least over the symmetry group's images. */
  private owns(shard: { readonly index: number; readonly count: number }): boolean {
    const { his, los } = this.hashes;
    let hi = his[0] as number;
    let lo = los[0] as number;
    if (this.maps.length > 1) {
      for (let g = 1; g < this.maps.length; g++) {
        const a = (his[g] as number) >>> 0;
        const b = hi >>> 0;
        if (a < b || (a === b && (los[g] as number) >>> 0 < lo >>> 0)) {
          hi = his[g] as number;
          lo = los[g] as number;
        }
      }
      spread(hi, lo);
      lo = ZH.lo;
    }
    return (lo >>> 0) % shard.count === shard.index;
  }

  /** Expands the state in `cur` (whose running hashes are current). */
  expandOne(id: number, depth: number): void {
    this.parent = id;
    this.depth = depth;
    this.ordinal = 0;
    this.pending = 0;
    this.expander.expand(this.cur, this.scratch, this.emit);
    if (this.ordinal === 0 && !this.stopped && this.sink.terminal(this.cur, id, depth)) this.stopped = true;
    const found = this.settlePending();
    if (!this.trail.setRun(id, found)) this.big.push(0, id, found);
  }

  private successor(vec: Int32Array, code: number, event: number): void {
    if (this.stopped) return;
    const ordinal = this.ordinal++;
    this.transitions++;
    const cur = this.cur;
    if (event !== 0) {
      if (this.sink.event(vec, event, this.parent, code, this.depth + 1, cur)) this.stopped = true;
      this.expander.settle(vec);
    }
    if (this.onSuccessor !== null) this.onSuccessor(cur, this.parent, vec, code);
    const w = this.width;
    const k = this.pending;
    if (k + 1 >= this.pendHi.length) this.growPending();
    const from = this.pendFrom[k] as number;
    if (this.pendPos.length < from + w) this.growChanges(from + w);
    const pos = this.pendPos;
    const val = this.pendVal;
    let n = from;
    if (vec === this.scratch) {
      const work = this.work;
      for (let i = 0; i < w; i++) {
        const v = work[i + w] as number;
        if (work[i] !== v) {
          pos[n] = i;
          val[n++] = v;
        }
      }
    } else {
      for (let i = 0; i < w; i++) {
        const v = vec[i] as number;
        if (cur[i] !== v) {
          pos[n] = i;
          val[n++] = v;
        }
      }
    }
    const { his, los } = this.hashes;
    const maps = this.maps;
    const keys = this.keys;
    deltaHash(keys, his[0] as number, los[0] as number, cur, pos, val, from, n, maps[0] ?? null);
    let hi = ZH.hi;
    let lo = ZH.lo;
    if (maps.length > 1) {
      for (let g = 1; g < maps.length; g++) {
        deltaHash(keys, his[g] as number, los[g] as number, cur, pos, val, from, n, maps[g] ?? null);
        const a = ZH.hi >>> 0;
        const b = hi >>> 0;
        if (a < b || (a === b && ZH.lo >>> 0 < lo >>> 0)) {
          hi = ZH.hi;
          lo = ZH.lo;
        }
      }
      spread(hi, lo);
      hi = ZH.hi;
      lo = ZH.lo;
    }
    // A small cache of fingerprints known to be in the set catches most repeats (diamonds close together in the
    // frontier) without a trip to main memory; the others have their slot touched now and looked up later.
    const c = ((hi ^ lo) & CACHE_MASK) << 1;
    const cache = this.cache;
    if (cache[c] === hi && cache[c + 1] === lo) {
      this.cacheHits++;
      this.pendOrd[k] = -1;
    } else {
      this.touched = (this.touched + this.set.touch(hi)) | 0;
      this.pendOrd[k] = ordinal;
    }
    this.pendHi[k] = hi;
    this.pendLo[k] = lo;
    this.pendFrom[k + 1] = n;
    this.pending = k + 1;
  }

  /** Looks the waiting successors up in the visited set and writes the new ones; returns how many were new. */
  private settlePending(): number {
    let found = 0;
    const pending = this.pending;
    this.pending = 0;
    const cache = this.cache;
    for (let k = 0; k < pending; k++) {
      if (this.truncated) break;
      const ordinal = this.pendOrd[k] as number;
      if (ordinal < 0) continue;
      const hi = this.pendHi[k] as number;
      const lo = this.pendLo[k] as number;
      let r = this.set.insert(hi, lo);
      while (r === FULL) {
        this.onFull();
        r = this.set.insert(hi, lo);
      }
      const c = ((hi ^ lo) & CACHE_MASK) << 1;
      cache[c] = hi;
      cache[c + 1] = lo;
      if (r !== ADDED) continue;
      found++;
      const out = this.out as ByteStream;
      if (this.segCount === SEGMENT) {
        this.endUnit();
        this.openSegment();
      }
      if (this.headerOf !== this.parent) {
        writeHeader(out, this.lastParent, this.cur, this.width);
        this.headerOf = this.parent;
      }
      this.segCount++;
      const from = this.pendFrom[k] as number;
      writeChild(out, ordinal, this.pendPos, this.pendVal, from, (this.pendFrom[k + 1] as number) - from);
      if (this.onState !== null) this.announce(from, this.pendFrom[k + 1] as number);
      // What this thread claimed of the state bound is used up: it claims more, and only a state beyond the bound
      // itself makes the search incomplete (see Runner.claim).
      if (++this.fresh > this.budget) {
        if (this.overBudget()) {
          this.truncated = true;
          this.stopped = true;
        }
        // Refused without the bound reached: the search stops for another reason, and this state, one past the bound
        // at most, is the last this thread stores (its waiting siblings would each be one more).
        else if (this.fresh > this.budget) break;
      }
    }
    this.pendFrom[0] = 0;
    return found;
  }

  /** Hands onState the new state whose changes from `cur` are pendPos/pendVal[from, to). */
  private announce(from: number, to: number): void {
    const vec = (this.stateVec ??= new Int32Array(this.width));
    vec.set(this.cur);
    for (let j = from; j < to; j++) vec[this.pendPos[j] as number] = this.pendVal[j] as number;
    if ((this.onState as NonNullable<typeof this.onState>)(vec, this.nextId++, this.depth + 1)) this.stopped = true;
  }

  private growPending(): void {
    const n = this.pendHi.length * 2;
    const widen = (a: Int32Array, len: number): Int32Array => {
      const b = new Int32Array(len);
      b.set(a);
      return b;
    };
    this.pendHi = widen(this.pendHi, n);
    this.pendLo = widen(this.pendLo, n);
    this.pendOrd = widen(this.pendOrd, n);
    this.pendFrom = widen(this.pendFrom, n + 1);
  }

  private growChanges(at: number): void {
    const n = Math.max(at, this.pendPos.length * 2);
    const pos = new Int32Array(n);
    pos.set(this.pendPos);
    const val = new Int32Array(n);
    val.set(this.pendVal);
    this.pendPos = pos;
    this.pendVal = val;
  }
}
