// R: the application states reachable without any snapshot, as an explored graph. It answers "is this
// state in R?" and "is g' reachable from g?" for the checks, and evaluates invariants and stable predicates.

import { describeThrown, fail } from '../errors.ts';
import { watched } from '../system/watch.ts';
import type { Model, AppView, Predicate } from '../model/types.ts';
import { explore, type ExploreOutcome, type ExploreOptions } from '../explore/bfs.ts';
import { FP, fingerprint } from '../explore/fingerprint.ts';
import { StateStore } from '../explore/store.ts';
import { FAULTS } from '../system/layout.ts';
import type { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import { noSnapshot } from '../snapshot/none.ts';
import { payloadOf } from '../network/message.ts';

export interface PredicateFailure {
  readonly name: string;
  /** For an invariant: the state where it fails. For a stable predicate: the state where it turns false. */
  readonly state: number;
  /** For a stable predicate: the state before, where it held. */
  readonly from?: number;
  readonly code?: number;
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
  /** Stable predicate values per state: stableValues[k][state]. */
  private readonly stableValues: Uint8Array[];
  private readonly scratch: Int32Array;
  /** R's states, numbered; index 0 is the initial state. */
  private readonly apps = new StateStore(1024);

  constructor(readonly model: Model, readonly table: WorkloadTable, cap: number, options: ExploreOptions) {
    this.system = new ProductSystem(model, table, noSnapshot, cap, 0);
    this.scratch = new Int32Array(this.system.width);
    const invariants = Object.entries(model.workload.invariants ?? {});
    const stable = Object.entries(model.workload.stable ?? {});
    const values: number[][] = stable.map(() => []);
    const edgeFrom: number[] = [];
    const edgeTo: number[] = [];
    const codes: number[] = [];
    const failedInvariants = new Set<string>();
    // The search runs over (application state, faults used); R is its projection, without the fault counter.
    const nodeApp: number[] = [];
    this.outcome = explore(
      this.system,
      {
        onState: (vec, id) => {
          this.scratch.set(vec);
          this.scratch[FAULTS] = 0;
          fingerprint(this.scratch, 0, this.scratch.length);
          const fresh = this.apps.insert(FP.hi, FP.lo, -1, -1);
          nodeApp[id] = fresh >= 0 ? fresh : -fresh - 1;
          if (fresh < 0) return false;
          const view = this.view(vec);
          for (const [name, inv] of invariants)
            if (!failedInvariants.has(name) && !holds(inv, view, name)) {
              failedInvariants.add(name);
              this.invariantFailures.push({ name, state: id });
            }
          stable.forEach(([name, phi], k) => ((values[k] as number[])[fresh] = holds(phi, view, name) ? 1 : 0));
          return false;
        },
        onEdge: (from, to, code) => {
          edgeFrom.push(from);
          edgeTo.push(to);
          codes.push(code);
        },
      },
      options,
    );
    const size = this.apps.size;
    this.stableValues = values.map((v) => Uint8Array.from(v));
    // Stability on R: no step from a state where φ holds to one where it does not.
    stable.forEach(([name], k) => {
      const val = this.stableValues[k] as Uint8Array;
      for (let e = 0; e < edgeFrom.length; e++) {
        const f = edgeFrom[e] as number;
        const t = edgeTo[e] as number;
        if (val[nodeApp[f] as number] === 1 && val[nodeApp[t] as number] === 0) {
          this.stableFailures.push({ name, state: t, from: f, code: codes[e] as number });
          break;
        }
      }
    });
    for (let e = 0; e < edgeFrom.length; e++) {
      edgeFrom[e] = nodeApp[edgeFrom[e] as number] as number;
      edgeTo[e] = nodeApp[edgeTo[e] as number] as number;
    }
    // Compressed adjacency for reachability queries.
    this.offsets = new Int32Array(size + 1);
    for (const f of edgeFrom) this.offsets[f + 1]!++;
    for (let i = 0; i < size; i++) this.offsets[i + 1]! += this.offsets[i] as number;
    this.targets = new Int32Array(edgeTo.length);
    const fill = this.offsets.slice(0, size);
    edgeFrom.forEach((f, e) => (this.targets[fill[f]!++] = edgeTo[e] as number));
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
    return this.stableValues[k]?.[state] === 1;
  }

  /** Whether `to` is reachable from `from` by application steps (both indices in R). */
  reachable(from: number, to: number): boolean {
    if (from === to) return true;
    let seen = this.reachCache.get(from);
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
      if (this.reachCacheBytes + seen.byteLength > 512 * 1024 * 1024) {
        this.reachCache.clear();
        this.reachCacheBytes = 0;
      }
      this.reachCache.set(from, seen);
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
