// R: the application states reachable without any snapshot, as an explored graph. It answers "is this
// state in R?" and "is g' reachable from g?" for the checks, and evaluates invariants and stable predicates.

import { describeThrown, fail } from '../errors.ts';
import { watched } from '../system/watch.ts';
import type { Model, AppView, Predicate } from '../model/types.ts';
import { FP, fingerprint } from '../explore/fingerprint.ts';
import { FingerprintIndex } from '../explore/fpindex.ts';
import { fullExpander } from '../explore/expander.ts';
import { type ExploreOptions, type ExploreOutcome, search } from '../explore/search.ts';
import { FAULTS } from '../system/layout.ts';
import type { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import { noSnapshot } from '../snapshot/none.ts';
import { payloadOf } from '../network/message.ts';
import { hasGhosts } from './ghosts.ts';

export interface PredicateFailure {
  readonly name: string;
  /** The search state where the failure shows; or, with `code`, the state from which step `code` shows it. */
  readonly state: number;
  readonly code?: number;
}

/** A growable list of 32-bit integers. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = x;
  }
}

export class AppSpace {
  readonly system: ProductSystem;
  readonly outcome: ExploreOutcome;
  private readonly offsets: Int32Array;
  private readonly targets: Int32Array;
  private readonly reachCache = new Map<number, Uint8Array>();
  private reachCacheBytes = 0;
  readonly invariantFailures: PredicateFailure[] = [];
  readonly stableFailures: PredicateFailure[] = [];
  /** Stable predicate values per state of R, 1 or 0: stableValues[k].data[state]. */
  private readonly stableValues: IntList[];
  /** R's states, numbered in the order the search first meets them; index 0 is the initial state. */
  private readonly apps = new FingerprintIndex(1024);
  /**
   * The local-state ids of R's quiescent dead ends reached with no network fault, where the application has nothing
   * left to do and nothing in flight: the ends of the failure-free runs, which `exactly-once` compares every end of an execution with. Each
   * distinct tuple once; filled only for a workload that declares ghost ids.
   */
  readonly quiescent: (readonly number[])[] = [];

  constructor(readonly model: Model, readonly table: WorkloadTable, cap: number, options: ExploreOptions) {
    const sys = new ProductSystem(model, table, noSnapshot, cap, 0);
    this.system = sys;
    const W = sys.width;
    const invariants = Object.entries(model.workload.invariants ?? {});
    const stable = Object.entries(model.workload.stable ?? {});
    this.stableValues = stable.map(() => new IntList());
    const failedInvariants = new Set<string>();
    const failedStable = new Set<string>();
    const edgeFrom = new IntList();
    const edgeTo = new IntList();
    // The search runs over (application state, faults used); R is its projection, without the fault counter. A
    // state of R is judged the first time the search meets it: at the start, or as the successor by step `code`
    // of search state `from`, which is where a failure is reported.
    const key = new Int32Array(W);
    const indexIn = (vec: Int32Array, from: number, code?: number): number => {
      key.set(vec);
      key[FAULTS] = 0;
      fingerprint(key, 0, W);
      const r = this.apps.insert(FP.hi, FP.lo);
      if (r < 0) return -r - 1;
      const at = code === undefined ? { state: from } : { state: from, code };
      const view = this.view(vec);
      for (const [name, inv] of invariants)
        if (!failedInvariants.has(name) && !holds(inv, view, name)) {
          failedInvariants.add(name);
          this.invariantFailures.push({ name, ...at });
        }
      // R's indices come in order, so each predicate's value for state r is the r-th pushed.
      stable.forEach(([name, phi], k) => (this.stableValues[k] as IntList).push(holds(phi, view, name) ? 1 : 0));
      return r;
    };
    const ghosts = hasGhosts(model);
    const ends = new Set<string>();
    // Stryker disable next-line UnaryOperator: the search expands its root, numbered 0, first, so the first successor always sets parent and parentR before either is read
    let parent = -1;
    // Stryker disable next-line UnaryOperator: (see above)
    let parentR = -1;
    const root = new Int32Array(W);
    sys.initial(root);
    indexIn(root, 0);
    this.outcome = search(
      fullExpander(sys),
      {
        onTerminal: (vec) => {
          // Only the ends of runs with no network fault: lost or copied messages are not the reference.
          if (!ghosts || (vec[FAULTS] as number) !== 0 || !sys.isQuiescent(vec)) return false;
          const locals = Array.from({ length: sys.n }, (_, p) => vec[sys.layout.local + p] as number);
          const k = locals.join(',');
          // Stryker disable next-line ConditionalExpression: a dead end with no fault counted and nothing in flight is fixed by its locals, and the search meets each state once, so no tuple comes twice
          if (!ends.has(k)) {
            ends.add(k);
            this.quiescent.push(locals);
          }
          return false;
        },
        onSuccessor: (cur, from, vec, code) => {
          // Stryker disable next-line ConditionalExpression: a memo: indexing the parent again finds the number it already has
          if (from !== parent) {
            parent = from;
            parentR = indexIn(cur, from);
          }
          const to = indexIn(vec, from, code);
          edgeFrom.push(parentR);
          edgeTo.push(to);
          // Stability on R: no step from a state where φ holds to one where it does not.
          for (let k = 0; k < stable.length; k++) {
            const val = (this.stableValues[k] as IntList).data;
            if (val[parentR] !== 1 || val[to] !== 0) continue;
            const name = (stable[k] as (typeof stable)[number])[0];
            if (failedStable.has(name)) continue;
            failedStable.add(name);
            this.stableFailures.push({ name, state: from, code });
          }
        },
      },
      options,
    );
    const size = this.apps.size;
    // Compressed adjacency for reachability queries.
    this.offsets = new Int32Array(size + 1);
    const from = edgeFrom.data;
    const to = edgeTo.data;
    const edges = edgeFrom.length;
    for (let e = 0; e < edges; e++) this.offsets[(from[e] as number) + 1]!++;
    // Stryker disable next-line EqualityOperator: one more turn writes past the end of the typed array, which ignores it
    for (let i = 0; i < size; i++) this.offsets[i + 1]! += this.offsets[i] as number;
    this.targets = new Int32Array(edges);
    const fill = this.offsets.slice(0, size);
    for (let e = 0; e < edges; e++) this.targets[fill[from[e] as number]!++] = to[e] as number;
  }

  /** Bytes held: the search's visited set and trail, R's numbering, its edges and the stable predicates' values. */
  bytes(): number {
    return (
      this.outcome.store.bytes() +
      this.apps.bytes() +
      this.offsets.byteLength +
      this.targets.byteLength +
      this.stableValues.reduce((a, v) => a + v.data.byteLength, 0)
    );
  }

  /** |R|: distinct application states (the fault counter left out). */
  get size(): number {
    return this.apps.size;
  }

  /** The index in R of an application-state vector (in this space's layout, no faults counted), or -1. */
  indexOf(vec: Int32Array): number {
    fingerprint(vec, 0, this.system.width);
    return this.apps.find(FP.hi, FP.lo);
  }

  stableValue(k: number, state: number): boolean {
    // Stryker disable next-line OptionalChaining: k is always the number of a declared stable property
    return this.stableValues[k]?.data[state] === 1;
  }

  /** Whether `to` is reachable from `from` by application steps (both indices in R). */
  reachable(from: number, to: number): boolean {
    // Stryker disable next-line ConditionalExpression: a shortcut: the search from a state marks the state itself as reached
    if (from === to) return true;
    let seen = this.reachCache.get(from);
    // Stryker disable next-line ConditionalExpression: without the cache the same search is made again
    if (seen === undefined) {
      seen = new Uint8Array(this.size);
      const queue = new Int32Array(this.size);
      let head = 0;
      let tail = 0;
      queue[tail++] = from;
      seen[from] = 1;
      while (head < tail) {
        const s = queue[head++] as number;
        for (let e = this.offsets[s] as number; e < (this.offsets[s + 1] as number); e++) {
          const t = this.targets[e] as number;
          if (seen[t] === 0) {
            seen[t] = 1;
            queue[tail++] = t;
          }
        }
      }
      // How much the cache keeps changes how often a search is made again, never its answer.
      // Stryker disable next-line all: the cache's size (see above)
      if (this.reachCacheBytes + seen.byteLength > 512 * 1024 * 1024) {
        this.reachCache.clear();
        this.reachCacheBytes = 0;
      }
      // Stryker disable next-line all: the cache's size (see above)
      this.reachCache.set(from, seen);
      // Stryker disable next-line all: the cache's size (see above)
      this.reachCacheBytes += seen.byteLength;
    }
    return seen[to] === 1;
  }

  /** Decodes an application-state vector (this space's layout) into the view predicates take. */
  view(vec: Int32Array): AppView<unknown, unknown> {
    const L = this.system.layout;
    const { topology } = this.model;
    return {
      n: topology.n,
      locals: Array.from({ length: topology.n }, (_, p) => this.table.locals.values[vec[L.local + p] as number]),
      channels: topology.channels.map((c, i) => ({
        from: c.from,
        to: c.to,
        messages: this.system.queueWords(vec, i).map((w) => this.table.payloads.values[payloadOf(w)]),
      })),
    };
  }
}

/** Evaluates a user predicate; one that throws is a workload error naming the predicate. */
export function holds(p: Predicate<unknown, unknown>, g: AppView<unknown, unknown>, name: string): boolean {
  try {
    return watched(`predicate '${name}'`, () => p(g)) === true;
  } catch (e) {
    return fail('CC006', `predicate '${name}' threw: ${describeThrown(e)}`);
  }
}
