// Merging the shards of a partitioned search (`verify --shard I/N`, then `cutcheck merge`): the verdicts, the facts
// (each distinct cut once, by fingerprint, over every shard) and the shortest counterexample of each check, as one
// VerifyResult: the result a single search of the same model gives. Work the shards did twice is measured, not hidden.

import { type Result, capture, err, fail } from '../errors.ts';
import type { Model, ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { replayCodes } from '../system/replay.ts';
import { CHECKS, type CheckName, type CheckStatus, type Facts, type ShardPart, type Stats, type VerifyResult, type Violation } from './result.ts';
import { PathChecker } from './path.ts';
import { describeViolationAlong } from './violations.ts';

/** One shard's result, as `verify --shard` writes it (without the output's framing). */
export interface ShardResult {
  readonly model: VerifyResult['model'];
  /** The model's identity fingerprint (trace/build.ts identityOf): shards of one merge must agree on it. */
  readonly fingerprint: string;
  readonly checks: Readonly<Record<CheckName, CheckStatus>>;
  readonly facts: Facts;
  readonly factsComplete: boolean;
  readonly stats: Stats;
  /** Each violation's shortest run the shard found: its check and step codes. */
  readonly violations: readonly { readonly check: CheckName; readonly codes: readonly number[] }[];
  readonly shard: ShardPart;
}

/** What merging found about the shards themselves: how the space was split, and how much work was done twice. */
export interface MergeInfo {
  readonly shards: number;
  readonly splitDepth: number | null;
  /** States down to the split, which every shard searched. */
  readonly prefixStates: number;
  /** States the shards stored, summed. */
  readonly statesSummed: number;
  /** Distinct states over all shards, estimated from the 1-in-256 samples (exact when the samples are the whole). */
  readonly statesDistinct: number;
  /** The slowest shard's time: the merged search's time when the shards ran side by side. */
  readonly slowestMs: number;
  readonly summedMs: number;
}

/** The merged result: the VerifyResult a single search gives, and what merging measured. */
export interface Merged {
  readonly result: VerifyResult;
  readonly merge: MergeInfo;
}

/** Merges the shards of one partitioned search of `spec`, every shard present once; the counterexamples are rebuilt on `spec`. */
export function mergeShards<S, M>(spec: ModelSpec<S, M>, shards: readonly ShardResult[]): Result<Merged> {
  const first = shards[0];
  if (first === undefined) return err('CC007', 'merge needs the result of every shard, and got none');
  const n = first.shard.count;
  for (const s of shards) {
    if (s.fingerprint !== first.fingerprint || JSON.stringify(s.model) !== JSON.stringify(first.model))
      return err('CC014', `shard ${s.shard.index}/${s.shard.count} is of another model than shard ${first.shard.index}/${n} (fingerprint ${s.fingerprint}, not ${first.fingerprint})`);
    if (s.shard.count !== n) return err('CC014', `shard ${s.shard.index}/${s.shard.count} belongs to a search split ${s.shard.count} ways, not ${n}`);
    if (s.shard.splitDepth !== first.shard.splitDepth)
      return err('CC014', `shard ${s.shard.index}/${n} split at depth ${s.shard.splitDepth ?? 'none'}, shard ${first.shard.index}/${n} at ${first.shard.splitDepth ?? 'none'}: they were not run with the same options`);
  }
  const seen = new Set<number>();
  for (const s of shards) {
    if (seen.has(s.shard.index)) return err('CC014', `shard ${s.shard.index}/${n} is given twice`);
    seen.add(s.shard.index);
  }
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) return err('CC014', `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${n}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: the merge needs every shard`);
  const model = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  return capture(() => merge(model.value, [...shards].sort((a, b) => a.shard.index - b.shard.index)));
}

function merge(model: Model, shards: readonly ShardResult[]): Merged {
  const first = shards[0] as ShardResult;
  // Each distinct cut once: recorded inconsistently if any shard saw it so; in R or not, as the cut itself decides.
  const cuts = new Map<string, { bad: boolean; inR: boolean }>();
  for (const s of shards)
    for (const c of s.shard.cuts) {
      const had = cuts.get(c.fp);
      cuts.set(c.fp, { bad: c.bad || had?.bad === true, inR: c.inR });
    }
  const all = [...cuts.values()];
  const shortest = shards.map((s) => s.facts.shortestInconsistent).filter((d): d is number => d !== null);
  const facts: Facts = {
    appStates: first.facts.appStates,
    cuts: cuts.size,
    inconsistentCuts: all.filter((c) => c.bad).length,
    unreachableCuts: all.filter((c) => !c.inR).length,
    shortestInconsistent: shortest.length === 0 ? null : Math.min(...shortest),
  };
  const exhaustive = shards.every((s) => s.stats.exhaustive);
  const checks = Object.fromEntries(
    CHECKS.map((c): [CheckName, CheckStatus] => {
      const each = shards.map((s) => s.checks[c]);
      return [c, each.includes('violated') ? 'violated' : each.every((x) => x === 'n/a') ? 'n/a' : each.every((x) => x === 'holds') ? 'holds' : 'unknown'];
    }),
  ) as Record<CheckName, CheckStatus>;
  // The shortest run of each violated check over all shards (the first shard's, on a tie): breadth-first, each is
  // the shortest from its own share of the split level, so the least of them is the shortest overall.
  const violations: Violation[] = [];
  for (const c of CHECKS) {
    let best: { readonly codes: readonly number[] } | null = null;
    for (const s of shards) for (const v of s.violations) if (v.check === c && (best === null || v.codes.length < best.codes.length)) best = v;
    if (best !== null) violations.push(violationFromCodes(model, c, best.codes, first.stats.capacity));
  }
  const statesSummed = shards.reduce((a, s) => a + s.stats.productStates, 0);
  const sampled = shards.reduce((a, s) => a + s.shard.sample.length, 0);
  const union = new Set(shards.flatMap((s) => s.shard.sample)).size;
  const statesDistinct = sampled === 0 ? statesSummed : Math.round((statesSummed * union) / sampled);
  const slowestMs = Math.max(...shards.map((s) => s.stats.elapsedMs));
  const stoppedBy = exhaustive ? null : (shards.find((s) => s.stats.stoppedBy !== null)?.stats.stoppedBy ?? null);
  const transitions = shards.reduce((a, s) => a + s.stats.transitions, 0);
  const stats: Stats = {
    ...first.stats,
    productStates: statesSummed,
    transitions,
    depth: Math.max(...shards.map((s) => s.stats.depth)),
    completions: shards.reduce((a, s) => a + s.stats.completions, 0),
    elapsedMs: slowestMs,
    statesPerSecond: Math.round(statesSummed / Math.max(slowestMs / 1000, 1e-9)),
    collisionProbability: shards.reduce((a, s) => a + s.stats.collisionProbability, 0),
    storeBytes: shards.reduce((a, s) => a + s.stats.storeBytes, 0),
    exhaustive,
    stoppedBy,
  };
  return {
    result: {
      model: first.model,
      verdict: violations.length > 0 ? 'violated' : exhaustive ? 'holds' : 'incomplete',
      checks: Object.fromEntries(CHECKS.map((c) => [c, checks[c] === 'unknown' && exhaustive ? 'holds' : checks[c]])) as Record<CheckName, CheckStatus>,
      facts,
      factsComplete: shards.every((s) => s.factsComplete),
      stats,
      violations,
    },
    merge: {
      shards: shards.length,
      splitDepth: first.shard.splitDepth,
      prefixStates: first.shard.prefixStates,
      statesSummed,
      statesDistinct,
      slowestMs,
      summedMs: shards.reduce((a, s) => a + s.stats.elapsedMs, 0),
    },
  };
}

/** A counterexample found elsewhere (a shard's, a simulation member's) as verify reports it, rebuilt from its step codes on the model. */
export function violationFromCodes(model: Model, check: CheckName, codes: readonly number[], capacity: number): Violation {
  const checker = new PathChecker(model, capacity);
  const replay = replayCodes(checker.sys, codes);
  if (!replay.ok) return fail('CC009', `a counterexample for '${check}' from another process does not replay on this model: ${replay.error.message}`);
  const found = checker.check({ codes, ...replay.value }).find((f) => f.at === codes.length && f.finding.check === check);
  if (found === undefined) return fail('CC009', `a counterexample for '${check}' from another process does not fail '${check}' on this model`);
  return describeViolationAlong(found.finding, codes, checker.sys);
}
