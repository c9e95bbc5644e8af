// A product system built in the test's own thread, and a plain breadth-first walk over it, for the sys-* tests:
// what a search thread would be handed (the algorithm's tables, closed and frozen) can be rebuilt and walked here,
// where a fault in the engine is active (a search thread loads the sources without it).
import { completeLocally, defineAlgorithm, recordState, sendControl, type ModelSpec, type SnapshotAlgorithm } from '../../src/index.ts';
import { resolveModel } from '../../src/model/define.ts';
import { WorkloadTable } from '../../src/system/intern.ts';
import { COMPLETED, ProductSystem } from '../../src/system/system.ts';
import { must } from './models.ts';

/** The product system of `spec` with channels of capacity `cap`; with `frozenFrom`, on that system's frozen tables. */
export function product(spec: ModelSpec<unknown, unknown>, cap = 4, frozenFrom?: ProductSystem): ProductSystem {
  const model = must(resolveModel(spec));
  const frozen = frozenFrom?.alg.freeze();
  return new ProductSystem(model, new WorkloadTable(model), model.algorithm.impl, cap, model.algorithm.snapshots, frozen);
}

export interface Walk {
  /** Every state reached (completing states as they were before settle, and settled), as comma-joined vectors. */
  readonly states: Set<string>;
  /** Successor edges: how many steps were taken from all states. */
  readonly edges: number;
  /** Steps that completed a snapshot, and of those how many recorded an inconsistent cut. */
  readonly completions: number;
  readonly inconsistent: number;
  /** States with no successor. */
  readonly deadEnds: number;
}

/** Every state of `sys` reachable from its initial state, breadth first; a completing state is settled before going on. */
export function walk(sys: ProductSystem, limit = 20_000): Walk {
  const first = new Int32Array(sys.width);
  sys.initial(first);
  const states = new Set<string>([first.join(',')]);
  const queue = [first];
  const next = new Int32Array(sys.width);
  let edges = 0;
  let completions = 0;
  let inconsistent = 0;
  let deadEnds = 0;
  while (queue.length > 0) {
    const cur = queue.shift() as Int32Array;
    let any = false;
    sys.successors(cur, next, (vec, _code, event) => {
      any = true;
      edges++;
      const copy = vec.slice();
      if ((event & COMPLETED) !== 0) {
        completions++;
        if (sys.isInconsistent(copy)) inconsistent++;
        sys.settle(copy);
      }
      const key = copy.join(',');
      if (states.has(key)) return;
      if (states.size >= limit) throw new Error(`more than ${limit} states`);
      states.add(key);
      queue.push(copy);
    });
    if (!any) deadEnds++;
  }
  return { states, edges, completions, inconsistent, deadEnds };
}

/** The walk of `spec` on a system built from another one's closed, frozen tables, after checking that they close. */
export function frozenWalk(spec: ModelSpec<unknown, unknown>, staleToo = false, cap = 4): { fresh: Walk; frozen: Walk; closed: boolean } {
  const first = product(spec, cap);
  const closed = first.alg.close(10_000, staleToo);
  // The frozen system walks first: the first one fills the tables it shares as it goes. Then the first system goes
  // on with the ids its closed tables gave, as the main thread of a search does.
  const frozen = walk(product(spec, cap, first));
  return { fresh: walk(first), frozen, closed };
}

/** The message a refused call throws, or 'no refusal'. */
export const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return 'no refusal';
};

/**
 * Chandy-Lamport on number states, where P0 starts in state 0 and P1 in state 1, and P1 moves to state 0 (P0's
 * initial state, id 0) on the first event it handles (`after`) or the first message it sends (`send`).
 */
export const swap = (via: 'after' | 'send'): SnapshotAlgorithm =>
  defineAlgorithm<number>({
    name: `swap by ${via}`,
    init: (ctx) => ctx.self,
    initiate: (s, ctx) => (s >= 10 ? null : { next: 10 + s, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }),
    control: (s, _m, ctx) => (s >= 10 ? {} : { next: 10 + s, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }),
    ...(via === 'after' ? { after: (s: number, ctx: { self: number }) => (ctx.self === 1 && s === 1 ? { next: 0 } : {}) } : { send: (s: number, _to: number, ctx: { self: number }) => (ctx.self === 1 && s === 1 ? { next: 0 } : {}) }),
  }) as SnapshotAlgorithm;
