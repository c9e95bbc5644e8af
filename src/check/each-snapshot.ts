// verify on a script that places several snapshots. The harness starts each at its place in the script, whether or
// not the ones before it have completed, so snapshots overlap. verify follows each placed snapshot alone
// (`algorithm.track`): proofs/overlapping-snapshots.md shows that, for an algorithm that never blocks a channel, a
// snapshot records exactly the cuts it records among the others. Every check is judged on every snapshot, and the
// results merge into one: a check holds when it holds for every snapshot, and the facts are given per snapshot id
// and over all of them, where SEMANTICS.md counts each distinct S* once, whichever snapshots recorded it.
//
// An algorithm that blocks channels (abs) holds overlapping snapshots up: they cannot be followed one at a time, and
// such a script runs its snapshots one after another, as before, which the result says.

import { CutcheckFailure, jsonText } from '../errors.ts';
import type { AppView, Model } from '../model/types.ts';
import { Interner } from '../system/intern.ts';
import { CHECKS, type CheckName, type CheckStatus, type Facts, type SnapshotRun, type VerifyResult, type Violation } from './result.ts';

/** How many snapshots a script places, when verify follows each alone: a scripted workload, two or more, none followed already. */
export function placedSnapshots(model: Model): number {
  return model.workload.scripted === true && model.algorithm.track === undefined && model.algorithm.snapshots >= 2 ? model.algorithm.snapshots : 0;
}

/** Whether a failure is a tracked search meeting an algorithm that blocks channels (ProductSystem refuses to follow it). */
const blocks = (model: Model, e: { readonly code: string; readonly message: string }): boolean =>
  e.code === 'CC005' && e.message.startsWith(`${model.algorithm.name} blocks channels`);

/**
 * The distinct cuts of several searches, with whether some run recorded each inconsistently and whether it lies
 * outside R. Each search interns values in its own order, so cuts are compared by value, as the interner compares
 * states, with a multiset channel's messages put in one order first.
 */
export class CutUnion {
  private readonly cuts = new Interner<AppView<unknown, unknown>>();
  private readonly bad = new Set<number>();
  private readonly unreachable = new Set<number>();

  constructor(private readonly unordered: readonly boolean[]) {}

  add(cut: AppView<unknown, unknown>, inconsistent: boolean, inR: boolean): void {
    const channels = cut.channels.map((c, i) => (this.unordered[i] === true ? { ...c, messages: [...c.messages].sort((a, b) => jsonText(a).localeCompare(jsonText(b))) } : c));
    const id = this.cuts.id({ ...cut, channels });
    if (inconsistent) this.bad.add(id);
    if (!inR) this.unreachable.add(id);
  }

  get counts(): Pick<Facts, 'cuts' | 'inconsistentCuts' | 'unreachableCuts'> {
    return { cuts: this.cuts.values.length, inconsistentCuts: this.bad.size, unreachableCuts: this.unreachable.size };
  }
}

/**
 * Runs `verifyOne` once per placed snapshot of `model`, following each alone and adding its distinct cuts to one
 * union, and merges the results; under `stopAtFirst`, the snapshots after the first violated one are not searched.
 * `interrupted` stops between searches.
 */
export function verifyEachSnapshot(model: Model, count: number, verifyOne: (m: Model, union?: CutUnion) => VerifyResult, stopAtFirst: boolean, interrupted: () => boolean): VerifyResult {
  const results: VerifyResult[] = [];
  const union = new CutUnion(model.disciplines.map((d) => d === 'unordered'));
  for (let k = 0; k < count; k++) {
    let r: VerifyResult;
    try {
      r = verifyOne({ ...model, algorithm: { ...model.algorithm, track: k } }, union);
    } catch (e) {
      // Snapshots that hold each other up run one after another, as the script's harness would have to run them.
      if (k === 0 && e instanceof CutcheckFailure && blocks(model, e.error)) return verifyOne(model);
      throw e;
    }
    results.push(r);
    if ((stopAtFirst && r.verdict === 'violated') || interrupted()) break;
  }
  return merge(results, count, union);
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function merge(results: readonly VerifyResult[], count: number, union: CutUnion): VerifyResult {
  const first = results[0] as VerifyResult;
  const all = results.length === count;
  const status = (c: CheckName): CheckStatus => {
    const s = results.map((r) => r.checks[c]);
    if (s.every((x) => x === 'n/a')) return 'n/a';
    if (s.includes('violated')) return 'violated';
    return all && s.every((x) => x === 'holds') ? 'holds' : 'unknown';
  };
  const checks = Object.fromEntries(CHECKS.map((c) => [c, status(c)])) as Record<CheckName, CheckStatus>;
  // Each check's counterexample from the first snapshot that violates it (its trace follows that snapshot: Trace.track).
  const violations = CHECKS.flatMap((c): Violation[] => {
    const v = results.find((r) => r.checks[c] === 'violated')?.violations.find((x) => x.check === c);
    return v === undefined ? [] : [v];
  });
  const shortest = results.map((r) => r.facts.shortestInconsistent).filter((x): x is number => x !== null);
  // Each distinct S* once, over every snapshot (SEMANTICS.md): a cut two snapshots record is one cut.
  const facts: Facts = { appStates: first.facts.appStates, ...union.counts, shortestInconsistent: shortest.length === 0 ? null : Math.min(...shortest) };
  const stats = results.map((r) => r.stats);
  const productStates = sum(stats.map((s) => s.productStates));
  const elapsedMs = sum(stats.map((s) => s.elapsedMs));
  const exhaustive = all && stats.every((s) => s.exhaustive);
  const perSnapshot: SnapshotRun[] = results.map((r, snapshot) => ({
    snapshot,
    verdict: r.verdict,
    facts: r.facts,
    factsComplete: r.factsComplete,
    productStates: r.stats.productStates,
  }));
  const example = results.find((r) => r.example !== undefined && r.example !== null)?.example;
  return {
    model: first.model,
    verdict: violations.length > 0 ? 'violated' : exhaustive && results.every((r) => r.verdict === 'holds') ? 'holds' : 'incomplete',
    checks,
    facts,
    factsComplete: all && results.every((r) => r.factsComplete),
    stats: {
      ...first.stats,
      productStates,
      transitions: sum(stats.map((s) => s.transitions)),
      depth: Math.max(...stats.map((s) => s.depth)),
      completions: sum(stats.map((s) => s.completions)),
      elapsedMs,
      statesPerSecond: Math.round(productStates / Math.max(elapsedMs / 1000, 1e-9)),
      capacity: Math.max(...stats.map((s) => s.capacity)),
      collisionProbability: sum(stats.map((s) => s.collisionProbability)),
      // The searches run one after another: the largest store is what the run needed at once.
      storeBytes: Math.max(...stats.map((s) => s.storeBytes)),
      exhaustive,
      stoppedBy: exhaustive ? null : (stats.find((s) => s.stoppedBy !== null)?.stoppedBy ?? 'first-violation'),
    },
    violations,
    snapshotRuns: 'each alone',
    perSnapshot,
    ...(first.example === undefined ? {} : { example: example ?? null }),
    ...(first.cuts === undefined ? {} : { cuts: results.flatMap((r) => r.cuts ?? []) }),
  };
}
