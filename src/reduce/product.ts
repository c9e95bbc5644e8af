// The product search as verify() runs it: decides which reductions are sound for this system (and says why not
// when one is not), how many threads to use, and runs the compact search with them.

import { availableParallelism } from 'node:os';
import { fullExpander } from '../explore/expander.ts';
import { type EventObserver, type ExploreOptions, type ExploreOutcome, PARALLEL_LEVEL, type SearchOptions, search } from '../explore/search.ts';
import { siblingModule } from '../explore/modules.ts';
import type { ProductSystem } from '../system/system.ts';
import { APPINFO_LIMIT, appInfo } from './appinfo.ts';
import { PartialOrderExpander, porBlocker } from './por.ts';
import { productRecipe } from './recipe.ts';
import { symmetryFor } from './symmetry.ts';

export interface ReduceOptions {
  /** Partial-order reduction, where it is proved sound (plain Chandy-Lamport, one snapshot, no faults). Default on. */
  readonly partialOrder?: boolean;
  /** Symmetry reduction, where the topology, the initiators and the workload allow it. Default on. */
  readonly symmetry?: boolean;
  /** Search threads, the main thread included; 1 keeps everything on the main thread. Default: up to 2 cores. */
  readonly workers?: number;
  /** Levels with at least this many states are shared with the worker threads (default 16384). */
  readonly parallelFrom?: number;
  /** Called once the system's tables are built as the search will use them, right before it starts. */
  readonly onReady?: () => void;
}

/** What the search used, in words, for reports and benchmarks. */
export interface ReductionsUsed {
  /** 'on', or why it is off. */
  readonly partialOrder: string;
  /** 'on (N symmetries)', or why it is off. */
  readonly symmetry: string;
  readonly threads: number;
  /** Symmetry raises the chance of a fingerprint collision by up to this factor (see Stats.collisionProbability). */
  readonly collisionFactor: number;
}

export type ProductSearch = ExploreOutcome & { readonly reductions: ReductionsUsed };

export const defaultThreads = (): number => Math.max(1, Math.min(2, availableParallelism()));

export function exploreProduct(
  sys: ProductSystem,
  observer: EventObserver,
  options: ExploreOptions & ReduceOptions & Pick<SearchOptions, 'shard' | 'checkpoint' | 'resume'> = {},
): ProductSearch {
  const wantPor = options.partialOrder ?? true;
  const wantSym = options.symmetry ?? true;
  const threads = Math.max(1, Math.floor(options.workers ?? defaultThreads()));
  // The application summary explores R again: it honours the same state bound as every other phase.
  // A script that says what each process may still do (workload.ahead) needs no summary of R, which ignores its
  // order and can be far larger than the search; and its workers could not ask it (see productRecipe).
  const asked = sys.model.workload.scripted === true && sys.model.workload.ahead !== undefined;
  const info = !asked && (wantPor || wantSym || threads > 1) ? appInfo(sys.model, sys.table, sys.cap, Math.min(APPINFO_LIMIT, options.maxStates ?? APPINFO_LIMIT)) : null;
  const porWhy = wantPor ? porBlocker(sys, info) : 'switched off';
  const expander = porWhy === null ? new PartialOrderExpander(sys, info) : fullExpander(sys);
  const plan = wantSym ? symmetryFor(sys, info) : { symmetry: null, perms: [], blocker: 'switched off' };
  const recipe = threads > 1 ? productRecipe(sys, info, porWhy === null, plan.perms) : 'one thread';
  const parallel =
    typeof recipe === 'string'
      ? null
      : { threads, from: options.parallelFrom ?? PARALLEL_LEVEL, builder: { module: siblingModule(import.meta.url, 'recipe'), data: recipe } };
  options.onReady?.();
  // verify's observer judges an event by its vector alone and keeps the first finding: distinct events suffice.
  const outcome = search(expander, observer, { ...options, symmetry: plan.symmetry, parallel, distinctEvents: true });
  const group = plan.perms.length + 1;
  return {
    ...outcome,
    reductions: {
      partialOrder: porWhy ?? 'on',
      symmetry: plan.blocker ?? `on (${group} symmetries)`,
      threads: parallel === null ? 1 : threads,
      // Two orbits collide when the least of |G| fingerprints of each agree: about |G|/2 times as likely; and the
      // set of events already handed over is another fingerprint set, with fewer lookups than the visited set.
      collisionFactor: Math.max(1, group / 2) + 1,
    },
  };
}
