// What a check is, as data: a name, what it inspects, how it judges each thing it inspects, and how it explains a
// finding. verify runs every check of the registry on every completed snapshot and dead end of the product, and on
// R; a given path (replay, minimisation) is judged by the same objects. Adding a check is a file beside this one
// and a line in registry.ts; verify.ts does not change.

import type { AppView, Model } from '../../model/types.ts';
import type { ProductSystem } from '../../system/system.ts';
import type { AppSpace } from '../appspace.ts';
import type { CheckName } from '../result.ts';
import type { Viewer } from '../view.ts';

/** What a judge returns when all is well: one shared empty list, so the hot path allocates nothing. */
export const NONE: readonly Finding[] = Object.freeze([]);

/** What a check looks at: R (no snapshot involved), each completed snapshot, each dead end of the product. */
export type Inspects = 'application' | 'snapshot' | 'terminal';

/**
 * A check that fails, without where: `source` says what failed (an application state or step, a completed
 * snapshot, a dead end); `name` and `kind` tell findings of one check apart (a predicate, a way of failing);
 * `detail` is for the check's own explanation.
 */
export interface Finding {
  readonly check: CheckName;
  readonly source: 'app' | 'product' | 'product-state';
  readonly name?: string;
  readonly kind?: string;
  readonly detail?: Readonly<Record<string, boolean | number | string>>;
}

/** A finding on R, and where it is there: the state (and, for a step, the step taken from it). */
export interface AppFinding {
  readonly finding: Finding;
  readonly state: number;
  readonly code?: number;
}

/** What a search gives the checks: the product, and R. */
export interface CheckEnv {
  readonly sys: ProductSystem;
  readonly app: AppSpace;
}

/** A snapshot as it completes: the raw product state, and its recorded cut S* and final state S_final. */
export interface CompletedSnapshot {
  readonly vec: Int32Array;
  /** Distinct cuts of one search are numbered from 0 in the order met (the same cut, the same id): a key for memos. */
  readonly cutId: number;
  /** S* and S_final as application vectors, and their numbers in R (-1: not in R). */
  readonly cut: Int32Array;
  readonly cutIndex: number;
  readonly final: Int32Array;
  readonly finalIndex: number;
  cutView(): AppView<unknown, unknown>;
  finalView(): AppView<unknown, unknown>;
}

/** Where a finding was seen, for its explanation: at the end of a path of `steps` steps. */
export interface ExplainAt {
  readonly viewer: Viewer;
  readonly steps: number;
  /** The last state of the path. */
  readonly last: Int32Array;
  /** The step list as text, for naming a step. */
  readonly stepText: (i: number) => string | undefined;
  /** The guilty message, as a sentence beginning with a space, or ''. */
  guilt(): string;
}

export interface Check {
  readonly name: CheckName;
  /** One line, for documentation. */
  readonly summary: string;
  readonly inspects: readonly Inspects[];
  /** Whether the check applies to a model (default: always); one that does not is reported `n/a`. */
  readonly applies?: (model: Model) => boolean;
  /**
   * Whether judging needs all of R, not only the states a path visits (reachable asks whether S* is in R; the ghost
   * checks compare with R's failure-free ends). Where R could not be enumerated, such a check is not decided along a
   * path (simulate says so); the others are.
   */
  readonly needsWholeR?: boolean;
  /** On R: findings of the exploration of R (verify), each with where it is. */
  readonly application?: (app: AppSpace) => readonly AppFinding[];
  /**
   * Along a given path: a judge of each application state in turn (`previous` is the state before, null at the
   * start), as `application` judges R.
   */
  readonly alongPath?: (env: CheckEnv) => (view: AppView<unknown, unknown>, previous: AppView<unknown, unknown> | null) => readonly Finding[];
  /** Prepared once per search: a judge of each completed snapshot. */
  readonly snapshot?: (env: CheckEnv) => (s: CompletedSnapshot) => readonly Finding[];
  /** Prepared once per search: a judge of each dead end (a state with no step enabled). */
  readonly terminal?: (env: CheckEnv) => (vec: Int32Array) => readonly Finding[];
  /** One or more sentences for a finding seen at the end of a path. */
  readonly explain: (f: Finding, at: ExplainAt) => string;
}
