// The compact breadth-first search: level by level over delta-encoded frontier segments, with a 64-bit
// fingerprint set and a two-byte-a-state trail. Small levels run on the main thread; once a level is large and
// the worker threads have loaded, they share it. The first time a state is seen is at its shortest depth.

import { EventFanout, type EventRecord, imageCodes, readEvent } from './events.ts';
import { Expansion, type Sink } from './expand.ts';
import type { Expander, Symmetry } from './expander.ts';
import { FingerprintSet } from './fpset.ts';
import { TrailStore } from './paths.ts';
import { WorkerPool } from './pool.ts';
import { writeChild } from './records.ts';
import { Runner } from './runner.ts';
import { CTL, createHandles, writeUnits } from './shared.ts';
import { Trail } from './trail.ts';
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
  /** Threads to search with (the main thread included), and how workers rebuild the expander. */
  readonly parallel?: {
    readonly threads: number;
    /** Levels with at least this many states are shared with the workers. */
    readonly from: number;
    readonly builder: { readonly module: string; readonly data: unknown };
  } | null;
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
  const start = performance.now();
  const W = expander.width;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const sym = options.symmetry ?? null;
  const maps: (Int32Array | null)[] = [null, ...(sym?.maps ?? [])];
  const images = maps.length - 1;
  const threads = Math.max(1, options.parallel?.threads ?? 1);
  const shared = threads > 1;
  const perState = observer.onState !== undefined || observer.onSuccessor !== undefined;
  if (perState && threads > 1) throw new Error('internal: onState and onSuccessor need a search on one thread');
  const keys = new Keys(W);
  const set = FingerprintSet.create(1 << 12, shared);
  const trail = Trail.create(shared);
  const h = createHandles(threads, set.handle, trail.handle, shared);
  const ctl = h.ctl;
  const fan = new EventFanout(observer, sym, W, options.distinctEvents === true);
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
  const progress = (frontier: number): void => {
    if (options.interrupt?.() === true && Atomics.load(ctl, CTL.STOP) === 0) {
      // Stop every thread as the state bound would: the search is not exhaustive.
      exp.truncated = true;
      exp.stopped = true;
      Atomics.store(ctl, CTL.TRUNCATED, 1);
      Atomics.store(ctl, CTL.STOP, 1);
    }
    if (options.onProgress === undefined) return;
    const now = performance.now();
    if (now - lastReport < every) return;
    lastReport = now;
    options.onProgress({ states: set.size, transitions: transitions + exp.transitions, frontier, depth, elapsedMs: now - start });
  };
  const margin = 8 * threads * 1024;
  let workersOn = false;
  const workerTransitions = new Array<number>(threads - 1).fill(0);
  const between = (): void => {
    if (workersOn) drain();
    if (Atomics.load(ctl, CTL.GROW) !== 0 || set.wantsGrowth(margin)) main.growWhenParked();
    progress(count);
  };

  try {
    const root = new Int32Array(W);
    expander.initial(root);
    const out0 = main.output(1);
    out0.length = 0;
    const nonzero = Int32Array.from({ length: W }, (_, i) => i).filter((i) => root[i] !== 0);
    writeChild(out0, 0, nonzero, Int32Array.from(nonzero, (i) => root[i] as number), 0, nonzero.length);
    orbitHash(keys, maps, root);
    set.insert(ZH.hi, ZH.lo);
    set.added(1);
    Atomics.store(ctl, CTL.RESERVED, 1);
    if (observer.onState?.(root, 0, 0) === true) stopped = true;
    let segments: number[] = [0, 0, 1];
    let parity = 0;
    while (!stopped) {
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
        exp.shard = shard;
      } else exp.shard = null;
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
        });
      }
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
    transitions: transitions + exp.transitions,
    depth,
    store: new TrailStore(expander, sym, set, trail, states, fan.bytes()),
    stopped: stopped && !truncated,
    truncated,
    elapsedMs: performance.now() - start,
    ...(shard === null ? {} : { shard: { depth: splitDepth, prefixStates: splitDepth === null ? states : prefixStates, skipped: exp.skipped } }),
  };
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
