// Exactly-once through ghost ids: at every quiescent end of an execution of the product (crashes and recoveries
// included), what each process has absorbed, as the workload's ghost ids (a multiset), is compared with the ends of
// the failure-free runs (R's quiescent dead ends). The end is exactly-once when it matches one of them on every
// process; it loses a record when every failure-free end has an id it lacks, and duplicates one when every
// failure-free end has fewer copies of an id than it has. An end can be neither and still match none (clear of a
// loss against one end, of a duplicate against another): then it is only not exactly-once. The checks
// `exactly-once`, `no-loss` and `no-duplicate` are each this judge and a way of differing (ghostCheck).

import type { Model } from '../model/types.ts';
import { type Check, type CheckEnv, type ExplainAt, type Finding, NONE } from './checks/check.ts';
import type { CheckName } from './result.ts';
import { describeThrown, fail } from '../errors.ts';
import { processName } from '../model/types.ts';
import { watched } from '../system/watch.ts';

/** One difference between an end and a failure-free end: process p absorbed `id` `got` times where it should `want`. */
export interface GhostDifference {
  readonly process: number;
  readonly id: string;
  readonly got: number;
  readonly want: number;
}

/**
 * What one quiescent end shows: the first record lost and the first duplicated, against the closest failure-free
 * end; and, when it matches no failure-free end, its first difference from the first one it differs from.
 */
export interface GhostVerdict {
  readonly loss: GhostDifference | null;
  readonly duplicate: GhostDifference | null;
  readonly mismatch: GhostDifference | null;
}

const FINE: GhostVerdict = Object.freeze({ loss: null, duplicate: null, mismatch: null });

/** The checks apply to a model whose workload declares ghost ids. */
export const hasGhosts = (model: Model): boolean => model.workload.ghosts !== undefined;

type Counts = ReadonlyMap<string, number>;

/** The first id whose count differs in the given direction (more in `a` than in `b`), in a fixed order. */
function firstExcess(a: Counts, b: Counts): { id: string; got: number; want: number } | null {
  let best: { id: string; got: number; want: number } | null = null;
  for (const [id, k] of a) {
    const w = b.get(id) ?? 0;
    if (k > w && (best === null || id < best.id)) best = { id, got: k, want: w };
  }
  return best;
}

export class GhostJudge {
  private readonly counts = new Map<number, Counts>();
  private readonly memo = new Map<string, GhostVerdict>();

  private constructor(private readonly env: CheckEnv) {}

  private static readonly judges = new WeakMap<CheckEnv['app'], GhostJudge>();

  /** One judge per search (the checks that share it find it by R). */
  static of(env: CheckEnv): GhostJudge {
    let j = GhostJudge.judges.get(env.app);
    // Stryker disable next-line ConditionalExpression: a judge made afresh on every call works the same verdicts out again, without its memo
    if (j === undefined) {
      j = new GhostJudge(env);
      GhostJudge.judges.set(env.app, j);
    }
    return j;
  }

  /** What the quiescent end `vec` shows; null when `vec` is not quiescent (a stuck job: `terminates` says so). */
  judge(vec: Int32Array): GhostVerdict | null {
    const { sys, app } = this.env;
    if (!sys.isQuiescent(vec) || app.quiescent.length === 0) return null;
    const locals = Array.from({ length: sys.n }, (_, p) => vec[sys.layout.local + p] as number);
    const key = locals.join(',');
    const hit = this.memo.get(key);
    // Stryker disable next-line ConditionalExpression: without the memo the same verdict is worked out again
    if (hit !== undefined) return hit;
    let loss: GhostDifference | null = null;
    let duplicate: GhostDifference | null = null;
    let lossless = false;
    let duplicateFree = false;
    // Stryker disable next-line BooleanLiteral: set on every pass of the loop below, which runs at least once (R has a quiescent end here)
    let matched = false;
    let mismatch: GhostVerdict['mismatch'] = null;
    for (const ref of app.quiescent) {
      let l: GhostDifference | null = null;
      let d: GhostDifference | null = null;
      for (let p = 0; p < sys.n; p++) {
        const got = this.ghosts(locals[p] as number, p);
        const want = this.ghosts(ref[p] as number, p);
        if (l === null) {
          const x = firstExcess(want, got);
          if (x !== null) l = { process: p, id: x.id, got: x.want, want: x.got };
        }
        if (d === null) {
          const x = firstExcess(got, want);
          if (x !== null) d = { process: p, id: x.id, got: x.got, want: x.want };
        }
      }
      if (l === null) lossless = true;
      else loss ??= l;
      if (d === null) duplicateFree = true;
      else duplicate ??= d;
      mismatch ??= l ?? d;
      matched = l === null && d === null;
      if (matched) break;
    }
    const verdict = matched ? FINE : { loss: lossless ? null : loss, duplicate: duplicateFree ? null : duplicate, mismatch };
    this.memo.set(key, verdict);
    return verdict;
  }

  /** The ghost ids of local state `id` (of process p), counted; each local state's once. */
  private ghosts(id: number, p: number): Counts {
    const hit = this.counts.get(id);
    // Stryker disable next-line ConditionalExpression: without the memo the same counts are worked out again (ghosts is pure)
    if (hit !== undefined) return hit;
    const { sys } = this.env;
    const workload = sys.model.workload;
    const where = `workload '${workload.name}' ghosts at ${processName(sys.model.topology, p)}`;
    let list: unknown;
    try {
      // A ghosts function that returns nothing is refused below like any other non-list; only a workload without one absorbs nothing.
      const ghosts = workload.ghosts;
      // Stryker disable next-line ArrayDeclaration: without a ghosts function every local state absorbs the same list, so every end matches whichever list it is
      list = ghosts === undefined ? [] : watched(where, () => ghosts.call(workload, sys.table.locals.values[id]));
    } catch (e) {
      return fail('CC006', `${where} threw: ${describeThrown(e)}`);
    }
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) return fail('CC006', `${where} must return a list of strings`);
    const counts = new Map<string, number>();
    for (const g of list as string[]) counts.set(g, (counts.get(g) ?? 0) + 1);
    this.counts.set(id, counts);
    return counts;
  }
}

/** The sentence for a difference, e.g. "join absorbed 0.2>1 twice, where every failure-free run absorbs it once". */
export function differenceText(model: Model, d: GhostDifference): string {
  const times = (k: number): string => (k === 0 ? 'not at all' : k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);
  return `${processName(model.topology, d.process)} absorbed ${d.id} ${times(d.got)}, where the failure-free run${d.want === 0 ? ' never absorbs it' : ` absorbs it ${times(d.want)}`}`;
}

/** Which way of differing a ghost check fails on: a lost record, a duplicated one, or either (a loss first). */
export type GhostWatch = 'loss' | 'duplicate' | 'either';

/** A check of the quiescent ends through the shared judge: `exactly-once`, `no-loss` and `no-duplicate` are each one. */
export function ghostCheck(name: CheckName, summary: string, watch: GhostWatch): Check {
  return {
    name,
    summary,
    inspects: ['terminal'],
    applies: hasGhosts,
    needsWholeR: true,
    terminal: (env) => {
      const judge = GhostJudge.of(env);
      return (vec) => {
        const v = judge.judge(vec);
        if (v === null) return NONE;
        const loss = watch === 'duplicate' ? null : v.loss;
        const duplicate = watch === 'loss' ? null : v.duplicate;
        if (loss !== null) return [ghostFinding(name, 'loss', loss)];
        if (duplicate !== null) return [ghostFinding(name, 'duplicate', duplicate)];
        // Neither lost nor duplicated against every failure-free end, yet equal to none of them.
        return watch === 'either' && v.mismatch !== null ? [ghostFinding(name, 'mismatch', v.mismatch)] : NONE;
      };
    },
    explain: explainGhosts,
  };
}

/** A finding of the ghost checks: which way the end differs, and where. */
const ghostFinding = (check: CheckName, kind: 'loss' | 'duplicate' | 'mismatch', d: GhostDifference): Finding => ({
  check,
  // Stryker disable next-line StringLiteral: a finding's source is only ever compared with 'app' and 'product'
  source: 'product-state',
  kind,
  detail: { process: d.process, id: d.id, got: d.got, want: d.want },
});

function explainGhosts(f: Finding, at: ExplainAt): string {
  const d = f.detail ?? {};
  const diff: GhostDifference = { process: Number(d['process']), id: String(d['id']), got: Number(d['got']), want: Number(d['want']) };
  const what =
    f.kind === 'loss'
      ? 'a record is lost'
      : f.kind === 'duplicate'
        ? 'a record is counted more than once'
        : 'what it absorbed equals no failure-free run (it has all of one, and nothing beyond another), so against the first';
  return `After step ${at.steps} the job is done (nothing left to do, nothing in flight), and ${what}: ${differenceText(at.viewer.model, diff)}.`;
}
