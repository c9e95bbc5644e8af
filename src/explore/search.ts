// The compact breadth-first search: level by level over delta-encoded frontier segments, with a 64-bit
// fingerprint set and a two-byte-a-state trail. Small levels run on the main thread; once a level is large and
// the worker threads have loaded, they share it. The first time a state is seen is at its shortest depth.

import { EventFanout, type EventRecord, imageCodes, readEvent } from './events.ts';
import { Expansion, type Sink } from './expand.ts';
import type { Expander, Symmetry } from './expander.ts';
import { FingerprintSet, type SetImage } from './fpset.ts';
import { TrailStore } from './paths.ts';
import { WorkerPool } from './pool.ts';
import type { LevelReport } from './worker.ts';
import { writeChild } from './records.ts';
import { Runner } from './runner.ts';
import { CTL, UNIT, createHandles, writeUnits } from './shared.ts';
import { Trail, type TrailImage } from './trail.ts';
import { Keys, ZH, fullHash, spread } from './zobrist.ts';

/** Hooks into the search. Any hook returning true stops it. `depth` is the number of steps to the state. */
export interface Observer {
  /** A step raised events; `vec` is the successor before `settle`; it is `depth` steps from the start. */
  onEvent?(vec: Int32Array, event: number, parent: number, code: number, depth: number): boolean;
  /** State `id`, at `depth`, has no successors. */
  onTerminal?(vec: Int32Array, id: number, depth: number): boolean;
  /** One thread only: a new state, numbered as `store.pathTo` numbers it. */
  onState?(vec: Int32Array, id: number, depth: number): boolean;
  /** One thread only: every step the search follows, from `cur` (state `parent`) to `vec`, after `settle`. */
  onSuccessor?(cur: Int32Array, parent: number, vec: Int32Array, code: number): void;
}

/** The hooks the product search takes: they work with worker threads and symmetry. */
export type EventObserver = Pick<Observer, 'onEvent' | 'onTerminal'>;

export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly frontier: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

export interface ExploreOptions {
  readonly maxStates?: number;
  readonly onProgress?: (p: Progress) => void;
  readonly progressEveryMs?: number;
  /** Asked every thousand states or so: true stops the search as if the bound were reached (an interrupt). */
  readonly interrupt?: () => boolean;
}

export interface ExploreOutcome {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly store: TrailStore;
  /** An observer asked to stop. */
  readonly stopped: boolean;
  /** The state bound was reached: the search is not exhaustive. */
  readonly truncated: boolean;
  readonly elapsedMs: number;
  /**
   * A sharded search: the level it split (null: none was large enough, and the whole space was searched), the states
   * down to and including that level (which every shard stores), and those of it left to other shards.
   */
  readonly shard?: { readonly depth: number | null; readonly prefixStates: number; readonly skipped: number };
}

export interface SearchOptions extends ExploreOptions {
  readonly symmetry?: Symmetry | null;
  /** Hand the observer each distinct event vector once, at its least depth (see EventFanout). */
  readonly distinctEvents?: boolean;
  /**
   * A share of a partitioned search (`verify --shard I/N`): every shard searches the same breadth-first prefix, down
   * to the first level of at least `splitAt` states (default 32 per shard); of that level each expands only the
   * states whose fingerprint falls to it, and below it everything they lead to. The shards' results together cover
   * the whole space (a state below the split may be found by several shards). A space with no such level is searched
   * whole by every shard.
   */
  readonly shard?: { readonly index: number; readonly count: number; readonly splitAt?: number } | null;
  /**
   * Hand `save` an image of the search once at least `everyMs` passed since the start or the last image (at the next
   * start of a unit of work: a few milliseconds later), so that a search killed later can be taken up from it
   * (`resume`). While `save` runs, the worker threads wait.
   */
  readonly checkpoint?: { readonly everyMs: number; save(image: SearchImage): void } | null;
  /** Take up the search an image was taken of, instead of starting at the initial state (with the same expander and options). */
  readonly resume?: SearchImage | null;
  /** Threads to search with (the main thread included), and how workers rebuild the expander. */
  readonly parallel?: {
    readonly threads: number;
    /** Levels with at least this many states are shared with the workers. */
    readonly from: number;
    readonly builder: { readonly module: string; readonly data: unknown };
  } | null;
}

/** Frontier segments, one after another in `bytes`, each of `counts[i]` states and `lengths[i]` bytes. */
export interface Segments {
  readonly bytes: Uint8Array;
  readonly counts: readonly number[];
  readonly lengths: readonly number[];
}

/**
 * A search as it stands at the start of a unit of work, every unit claimed before done: everything needed to take
 * it up again (a checkpoint). The arrays may be views into the search's own memory, valid only during the `save`
 * call that receives them.
 */
export interface SearchImage {
  /** The level being expanded, and the id of its first state not yet expanded (the states before it all are). */
  readonly depth: number;
  readonly base: number;
  readonly transitions: number;
  readonly elapsedMs: number;
  readonly set: SetImage;
  readonly trail: TrailImage;
  /** The states of the level not yet expanded: segments' bytes, one after another, and each segment's states and bytes. */
  readonly frontier: Segments;
  /** States of the next level found before the image was taken, which lead it (null: none yet). */
  readonly carry: Segments | null;
  readonly events: { readonly delivered: number; readonly distinct: SetImage | null };
  /** A sharded search: where it split (see ExploreOutcome.shard), or null before the split. */
  readonly shard: { readonly depth: number | null; readonly prefixStates: number; readonly skipped: number } | null;
}

/** Levels smaller than this run on the main thread alone. */
export const PARALLEL_LEVEL = 16_384;

/** Fingerprint of a whole state: the minimum over the symmetry group's images. Into ZH. */
export function orbitHash(keys: Keys, maps: readonly (Int32Array | null)[], vec: Int32Array): void {
  let hi = 0;
  let lo = 0;
  maps.forEach((map, g) => {
    fullHash(keys, vec, map);
    if (g === 0 || ZH.hi >>> 0 < hi >>> 0 || (ZH.hi === hi && ZH.lo >>> 0 < lo >>> 0)) {
      hi = ZH.hi;
      lo = ZH.lo;
    }
  });
  if (maps.length > 1) spread(hi, lo);
  else {
    ZH.hi = hi;
    ZH.lo = lo;
  }
}

export function search(expander: Expander, observer: Observer, options: SearchOptions = {}): ExploreOutcome {
  const resume = options.resume ?? null;
  // A resumed search counts the time and steps of the search it takes up.
  const start = performance.now() - (resume?.elapsedMs ?? 0);
  const prior = resume?.transitions ?? 0;
  const W = expander.width;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const sym = options.symmetry ?? null;
  const maps: (Int32Array | null)[] = [null, ...(sym?.maps ?? [])];
  const images = maps.length - 1;
  const threads = Math.max(1, options.parallel?.threads ?? 1);
  const shared = threads > 1;
  const perState = observer.onState !== undefined || observer.onSuccessor !== undefined;
  if (perState && threads > 1) throw new Error('internal: onState and onSuccessor need a search on one thread');
  if (perState && resume !== null) throw new Error('internal: onState and onSuccessor see every state, so their search cannot be resumed');
  const keys = new Keys(W);
  const set = resume === null ? FingerprintSet.create(1 << 12, shared) : FingerprintSet.restore(resume.set, shared);
  const trail = resume === null ? Trail.create(shared) : Trail.restore(resume.trail, shared);
  const h = createHandles(threads, set.handle, trail.handle, shared);
  const ctl = h.ctl;
  const fan = new EventFanout(observer, sym, W, options.distinctEvents === true);
  if (resume !== null) fan.restore(resume.events);
  const codes = new Int32Array(images);
  let stopped = false;
  const sink: Sink = {
    event: (vec, event, parent, code, depth, cur) => fan.deliver(vec, event, parent, code, depth, imageCodes(sym, code, cur, codes)),
    terminal: (vec, id, depth) => observer.onTerminal?.(vec, id, depth) === true,
  };
  let runner: Runner | null = null;
  const exp = new Expansion(expander, keys, maps, set, trail, sink, () => (runner as Runner).growWhenParked());
  if (observer.onState !== undefined) exp.onState = observer.onState.bind(observer);
  if (observer.onSuccessor !== undefined) exp.onSuccessor = observer.onSuccessor.bind(observer);
  const main = new Runner(0, threads, h, exp, set, maxStates);
  runner = main;
  const parallel = options.parallel ?? null;
  // Workers are started once a level is a quarter of the size that needs them, so they load meanwhile.
  let pool: WorkerPool | null = null;

  // Events the workers wrote: read from each worker's stream up to what it published.
  const read = new Array<number>(threads).fill(0);
  const record: EventRecord = { kind: 0, id: 0, code: 0, event: 0, depth: 0, codes: new Int32Array(images) };
  const vec = new Int32Array(W);
  const drain = (): void => {
    for (let t = 1; t < threads; t++) {
      const upto = Atomics.load(ctl, CTL.EVENTS + t);
      if (upto <= (read[t] as number)) continue;
      const buf = h.events[t] as ArrayBuffer | SharedArrayBuffer;
      const bytes = new Uint8Array(buf, 0, buf.byteLength);
      let at = read[t] as number;
      while (at < upto && !stopped) {
        at = readEvent(bytes, at, record, images, vec);
        const stop =
          record.kind === 0
            ? fan.deliver(vec, record.event, record.id, record.code, record.depth, record.codes)
            : observer.onTerminal?.(vec, record.id, record.depth) === true;
        if (stop) {
          stopped = true;
          Atomics.store(ctl, CTL.STOP, 1);
        }
      }
      read[t] = at;
    }
  };
  const shard = options.shard ?? null;
  let splitDepth: number | null = null;
  let prefixStates = 0;
  let lastReport = start;
  const every = options.progressEveryMs ?? 250;
  let transitions = 0;
  let base = 0;
  let count = 1;
  let depth = 0;
  let parity = 0;
  // Stop every thread as the state bound would: the search is not exhaustive.
  const halt = (): void => {
    exp.truncated = true;
    exp.stopped = true;
    Atomics.store(ctl, CTL.TRUNCATED, 1);
    Atomics.store(ctl, CTL.STOP, 1);
  };
  /** Interrupted while taking checkpoints: the search stops once it has taken one more, at the next unit's start. */
  let lastWanted = false;
  const progress = (frontier: number): void => {
    if (!lastWanted && options.interrupt?.() === true && Atomics.load(ctl, CTL.STOP) === 0) {
      if (options.checkpoint != null) lastWanted = true;
      else halt();
    }
    if (options.onProgress === undefined) return;
    const now = performance.now();
    if (now - lastReport < every) return;
    lastReport = now;
    options.onProgress({ states: set.size, transitions: prior + transitions + exp.transitions, frontier, depth, elapsedMs: now - start });
  };
  const margin = 8 * threads * 1024;
  let workersOn = false;
  const workerTransitions = new Array<number>(threads - 1).fill(0);
  // Bytes each thread wrote into its output stream in the last level: where its last segment ends, for an image.
  const written = new Array<number>(threads).fill(0);
  const checkpoint = options.checkpoint ?? null;
  let lastImage = performance.now();
  const between = (): void => {
    if (workersOn) drain();
    if (Atomics.load(ctl, CTL.GROW) !== 0 || set.wantsGrowth(margin)) main.growWhenParked();
    progress(count);
  };
  /** The level being expanded: (thread, offset, states) of each of its segments. */
  let segments: number[] = [];
  // Checkpoints, taken at the start of a unit, when every unit claimed so far is done (see levelImage).
  let pauses = 0;
  /** Bytes of each segment of the level being expanded (units are its segments, in order). */
  let levelLengths: number[] = [];
  if (checkpoint !== null)
    main.atUnit = () => {
      if ((!lastWanted && performance.now() - lastImage < checkpoint.everyMs) || stopped || Atomics.load(ctl, CTL.STOP) !== 0) return;
      const reports = workersOn
        ? (pool as WorkerPool).hold(++pauses, () => {
            if (Atomics.load(ctl, CTL.GROW) !== 0) main.growWhenParked();
            drain();
          })
        : null;
      try {
        drain();
        if (!stopped) checkpoint.save(levelImage(reports));
      } finally {
        if (reports !== null) (pool as WorkerPool).release();
      }
      lastImage = performance.now();
      if (lastWanted) halt();
    };

  /**
   * The search as it stands at the start of a unit, every unit claimed so far done (`reports`: what each worker did
   * of the level, or null when the main thread works alone): the states before the first unit not yet claimed are
   * expanded, those of the unclaimed units are the frontier, and the new states found so far (the next level's
   * head) are the carry.
   */
  const levelImage = (reports: readonly LevelReport[] | null): SearchImage => {
    const m = segments.length / 3;
    const units = new Int32Array(h.units, 0, m * UNIT);
    const done = Math.min(Atomics.load(ctl, CTL.NEXT), m);
    const doneEnd = done < m ? (units[done * UNIT + 3] as number) : base + count;
    // The frontier: the unclaimed units' input segments, from the streams this level reads.
    const pieces: { bytes: Uint8Array; count: number }[] = [];
    for (let u = done; u < m; u++) {
      const src = h.frontier[units[u * UNIT] as number]?.[parity] as ArrayBuffer | SharedArrayBuffer;
      pieces.push({ bytes: new Uint8Array(src, units[u * UNIT + 1] as number, levelLengths[u] as number), count: units[u * UNIT + 2] as number });
    }
    // The carry: the output segments of every thread so far, in the order the next level numbers them.
    const quads: number[][] = [];
    const ends: number[] = [exp.written, ...(reports ?? []).map((r) => r.bytes)];
    [exp.segments, ...(reports ?? []).map((r) => r.segments)].forEach((list, t) => {
      const own: number[][] = [];
      for (let i = 0; i < list.length; i += 4) own.push([list[i] as number, list[i + 1] as number, t, list[i + 2] as number, list[i + 3] as number, 0]);
      own.sort((a, b) => (a[3] as number) - (b[3] as number));
      own.forEach((q, k) => (q[5] = (own[k + 1]?.[3] ?? (ends[t] as number)) - (q[3] as number)));
      quads.push(...own);
    });
    quads.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    const carry = quads.map((q) => ({ bytes: new Uint8Array(h.frontier[q[2] as number]?.[1 - parity] as ArrayBuffer | SharedArrayBuffer, q[3] as number, q[5] as number), count: q[4] as number }));
    // Runs and ordinals too large for the trail's bytes are kept by the main thread at the level's end: now, for the image.
    for (const list of [exp.big, ...(reports ?? []).map((r) => r.big)])
      for (let i = 0; i < list.length; i += 3) trail.setBig(list[i] === 0 ? 'run' : 'ordinal', list[i + 1] as number, list[i + 2] as number);
    trail.closed = doneEnd;
    const others = reports === null ? workerTransitions : reports.map((r) => r.transitions);
    return {
      depth,
      base: doneEnd,
      transitions: prior + others.reduce((a, b) => a + b, 0) + exp.transitions,
      elapsedMs: performance.now() - start,
      set: set.image(),
      trail: trail.image(),
      frontier: joined(pieces),
      carry: carry.length === 0 ? null : joined(carry),
      events: fan.image(),
      shard: shard === null ? null : { depth: splitDepth, prefixStates, skipped: exp.skipped },
    };
  };

  try {
    // The first level is read from thread 0's stream of parity 0: the initial state, or the level an image saved.
    const out0 = main.output(1);
    out0.length = 0;
    if (resume === null) {
      const root = new Int32Array(W);
      expander.initial(root);
      const nonzero = Int32Array.from({ length: W }, (_, i) => i).filter((i) => root[i] !== 0);
      writeChild(out0, 0, nonzero, Int32Array.from(nonzero, (i) => root[i] as number), 0, nonzero.length);
      orbitHash(keys, maps, root);
      set.insert(ZH.hi, ZH.lo);
      set.added(1);
      if (observer.onState?.(root, 0, 0) === true) stopped = true;
      segments = [0, 0, 1];
    } else {
      const f = resume.frontier;
      out0.reserve(f.bytes.length).set(f.bytes);
      out0.length = f.bytes.length;
      segments = [];
      let at = 0;
      f.counts.forEach((n, i) => {
        segments.push(0, at, n);
        at += f.lengths[i] as number;
      });
      base = resume.base;
      depth = resume.depth;
      if (resume.shard !== null) {
        splitDepth = resume.shard.depth;
        prefixStates = resume.shard.prefixStates;
        exp.skipped = resume.shard.skipped;
      }
    }
    written[0] = out0.length;
    main.carry = resume?.carry ?? null;
    Atomics.store(ctl, CTL.RESERVED, set.size);
    while (!stopped) {
      if (checkpoint !== null) levelLengths = segmentLengths(segments, written);
      const m = segments.length / 3;
      count = writeUnits(h, segments, base);
      trail.ensure(base + count);
      Atomics.store(ctl, CTL.NEXT, 0);
      Atomics.store(ctl, CTL.UNITS, m);
      Atomics.store(ctl, CTL.DEPTH, depth);
      Atomics.store(ctl, CTL.PARITY, parity);
      read.fill(0);
      // A sharded search splits the first level large enough; that level and those above it run on this thread.
      if (shard !== null && splitDepth === null && depth > 0 && count >= (shard.splitAt ?? 32 * shard.count)) {
        splitDepth = depth;
        prefixStates = base + count;
      }
      exp.shard = shard !== null && splitDepth === depth ? shard : null;
      const beforeSplit = shard !== null && (splitDepth === null || depth <= splitDepth);
      if (!beforeSplit && pool === null && parallel !== null && threads > 1 && count >= parallel.from / 4)
        pool = new WorkerPool(h, threads, maxStates, parallel.builder);
      workersOn = !beforeSplit && pool !== null && parallel !== null && count >= parallel.from && pool.awaitReady(10_000);
      if (workersOn) (pool as WorkerPool).start();
      // On one thread, the next level's states are found in the order they are numbered.
      exp.nextId = base + count;
      main.runLevel(between);
      if (exp.stopped && !exp.truncated) stopped = true;
      const found: number[][] = [exp.segments.slice()];
      const big = [exp.big.slice()];
      exp.big.length = 0;
      if (workersOn) {
        const p = pool as WorkerPool;
        while (!p.finished) {
          drain();
          if (Atomics.load(ctl, CTL.GROW) !== 0) main.growWhenParked();
          progress(count);
          p.wait(20);
        }
        drain();
        p.reports().forEach((r, k) => {
          found[k + 1] = r.segments.slice();
          big.push(r.big.slice());
          workerTransitions[k] = r.transitions;
          written[k + 1] = r.bytes;
        });
      } else written.fill(0, 1);
      written[0] = exp.written;
      transitions = workerTransitions.reduce((a, b) => a + b, 0);
      for (const list of big) for (let i = 0; i < list.length; i += 3) trail.setBig(list[i] === 0 ? 'run' : 'ordinal', list[i + 1] as number, list[i + 2] as number);
      trail.closed = base + count;
      if (stopped || Atomics.load(ctl, CTL.STOP) !== 0) break;
      segments = order(found);
      if (segments.length === 0) break;
      base += count;
      parity ^= 1;
      depth++;
    }
  } finally {
    pool?.close();
  }
  const states = set.size;
  const truncated = Atomics.load(ctl, CTL.TRUNCATED) !== 0 || exp.truncated;
  return {
    states,
    transitions: prior + transitions + exp.transitions,
    depth,
    store: new TrailStore(expander, sym, set, trail, states, fan.bytes()),
    stopped: stopped && !truncated,
    truncated,
    elapsedMs: performance.now() - start,
    ...(shard === null ? {} : { shard: { depth: splitDepth, prefixStates: splitDepth === null ? states : prefixStates, skipped: exp.skipped } }),
  };
}

/** Each segment's bytes: to the next segment in its thread's stream, or to what the thread wrote. */
function segmentLengths(segments: readonly number[], written: readonly number[]): number[] {
  const m = segments.length / 3;
  const byOffset = Array.from({ length: m }, (_, i) => i).sort((a, b) => (segments[3 * a] as number) - (segments[3 * b] as number) || (segments[3 * a + 1] as number) - (segments[3 * b + 1] as number));
  const lengths = new Array<number>(m).fill(0);
  byOffset.forEach((i, k) => {
    const next = byOffset[k + 1];
    const t = segments[3 * i] as number;
    const end = next !== undefined && segments[3 * next] === t ? (segments[3 * next + 1] as number) : (written[t] as number);
    lengths[i] = end - (segments[3 * i + 1] as number);
  });
  return lengths;
}

/** Segments' bytes one after another, with each one's states and bytes. */
function joined(pieces: readonly { readonly bytes: Uint8Array; readonly count: number }[]): { bytes: Uint8Array; counts: number[]; lengths: number[] } {
  const bytes = new Uint8Array(pieces.reduce((a, p) => a + p.bytes.length, 0));
  let at = 0;
  for (const p of pieces) {
    bytes.set(p.bytes, at);
    at += p.bytes.length;
  }
  return { bytes, counts: pieces.map((p) => p.count), lengths: pieces.map((p) => p.bytes.length) };
}

/** The next level's segments (thread, offset, states), ordered by the unit that produced them and then within it. */
function order(found: readonly (readonly number[])[]): number[] {
  const all: number[][] = [];
  found.forEach((list, thread) => {
    for (let i = 0; i < list.length; i += 4) all.push([list[i] as number, list[i + 1] as number, thread, list[i + 2] as number, list[i + 3] as number]);
  });
  all.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
  return all.flatMap((s) => [s[2] as number, s[3] as number, s[4] as number]);
}
