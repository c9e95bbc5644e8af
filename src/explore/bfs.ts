// Exhaustive breadth-first exploration over flat state vectors. Level by level, so the first time anything is
// seen it is seen at its shortest depth. The engine reports progress through a callback, never to a terminal.

import { FP, fingerprint } from './fingerprint.ts';
import { StateStore, type VisitedStates } from './store.ts';

/** What the explorer needs of a transition system. */
export interface Explorable {
  readonly width: number;
  initial(out: Int32Array): void;
  successors(cur: Int32Array, next: Int32Array, emit: (vec: Int32Array, code: number, event: number) => void): void;
  /** Canonicalises a successor that raised an event, after observers have seen it. */
  settle(vec: Int32Array): void;
}

/** Hooks into the search. Any hook returning true stops it. `depth` is the number of steps to the state. */
export interface Observer {
  onState?(vec: Int32Array, id: number, depth: number): boolean;
  /** A transition raised events; `vec` is the successor before `settle`; it is `depth` steps from the start. */
  onEvent?(vec: Int32Array, event: number, parent: number, code: number, depth: number): boolean;
  onTerminal?(vec: Int32Array, id: number, depth: number): boolean;
  onEdge?(from: number, to: number, code: number): void;
}

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

export interface ExploreOutcome<S extends VisitedStates = StateStore> {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly store: S;
  /** An observer asked to stop. */
  readonly stopped: boolean;
  /** The state bound was reached: the search is not exhaustive. */
  readonly truncated: boolean;
  readonly elapsedMs: number;
}

class Arena {
  data: Int32Array;
  ids: Int32Array;
  count = 0;
  constructor(readonly width: number, capacity: number) {
    this.data = new Int32Array(width * capacity);
    this.ids = new Int32Array(capacity);
  }
  push(vec: Int32Array, id: number): void {
    if (this.count === this.ids.length) {
      const data = new Int32Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
      const ids = new Int32Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    const data = this.data;
    const w = this.width;
    const at = this.count * w;
    for (let i = 0; i < w; i++) data[at + i] = vec[i] as number;
    this.ids[this.count++] = id;
  }
}

export function explore(system: Explorable, observer: Observer, options: ExploreOptions = {}): ExploreOutcome {
  const W = system.width;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const start = performance.now();
  const store = new StateStore();
  let current = new Arena(W, 1024);
  let upcoming = new Arena(W, 1024);
  const cur = new Int32Array(W);
  const scratch = new Int32Array(W);
  let transitions = 0;
  let depth = 0;
  let stopped = false;
  let truncated = false;
  let parent = -1;
  let produced = 0;

  system.initial(scratch);
  fingerprint(scratch, 0, W);
  const root = store.insert(FP.hi, FP.lo, -1, -1);
  current.push(scratch, root);
  if (observer.onState?.(scratch, root, 0) === true) stopped = true;

  const emit = (vec: Int32Array, code: number, event: number): void => {
    if (stopped) return;
    transitions++;
    produced++;
    if (event !== 0) {
      if (observer.onEvent?.(vec, event, parent, code, depth + 1) === true) stopped = true;
      system.settle(vec);
    }
    fingerprint(vec, 0, W);
    const r = store.insert(FP.hi, FP.lo, parent, code);
    const id = r >= 0 ? r : -r - 1;
    observer.onEdge?.(parent, id, code);
    if (r < 0) return;
    upcoming.push(vec, r);
    if (observer.onState?.(vec, r, depth + 1) === true) stopped = true;
    // Incomplete only once a state beyond the bound turns up: a bound equal to the state count explores everything.
    if (store.size > maxStates) {
      truncated = true;
      stopped = true;
    }
  };

  let lastReport = start;
  const every = options.progressEveryMs ?? 250;
  while (current.count > 0 && !stopped) {
    for (let i = 0; i < current.count && !stopped; i++) {
      const data = current.data;
      for (let k = 0, at = i * W; k < W; k++) cur[k] = data[at + k] as number;
      parent = current.ids[i] as number;
      produced = 0;
      system.successors(cur, scratch, emit);
      if (produced === 0 && !stopped && observer.onTerminal?.(cur, parent, depth) === true) stopped = true;
      if ((i & 1023) === 0 && options.interrupt?.() === true) {
        truncated = true;
        stopped = true;
      }
      if (options.onProgress !== undefined && (i & 1023) === 0) {
        const now = performance.now();
        if (now - lastReport >= every) {
          lastReport = now;
          options.onProgress({ states: store.size, transitions, frontier: current.count - i + upcoming.count, depth, elapsedMs: now - start });
        }
      }
    }
    if (stopped) break;
    [current, upcoming] = [upcoming, current];
    upcoming.count = 0;
    if (current.count > 0) depth++;
  }
  return { states: store.size, transitions, depth, store, stopped: stopped && !truncated, truncated, elapsedMs: performance.now() - start };
}
