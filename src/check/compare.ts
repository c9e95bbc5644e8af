// `compare`: several snapshot algorithms on one model, over all its executions. For each: every check's verdict
// with the shortest counterexample where one fails (verify, exploring everything), and what its snapshots cost
// (costs.ts). Results as data; the report layer draws the table.

import { type Result, capture, echo, err, ok } from '../errors.ts';
import { resolveModel } from '../model/define.ts';
import { type Model, type ModelSpec, channelName } from '../model/types.ts';
import type { SnapshotAlgorithm } from '../snapshot/api.ts';
import { BUILTIN_ALGORITHMS, CORRECT_ALGORITHMS, builtinAlgorithm } from '../snapshot/registry.ts';
import { type Costs, measureCosts } from './costs.ts';
import { type Straggler, measureStraggler } from './straggler.ts';
import { hasGhosts } from './ghosts.ts';
import { findChannel } from '../model/topology.ts';
import { type CheckName, type CheckOutcome, type ModelInfo, type Verdict, type VerifyResult, type Violation, checkOutcomes } from './result.ts';
import { DEFAULT_CAPACITY, type PhaseProgress, defaultMaxMemory, defaultMaxStates, memoryGuard, verify, withGrowingCapacity, type VerifyOptions } from './verify.ts';
import type { Progress } from '../explore/search.ts';

export type StoppedBy = 'state-bound' | 'memory-bound' | 'interrupt' | null;

/** An algorithm to compare: a built-in's name, the model's own algorithm's name, or a value. */
export type AlgorithmChoice = string | SnapshotAlgorithm;

/** A check's status, and the steps of its shortest counterexample when violated. */
export type ComparedCheck = CheckOutcome;

export interface ComparedAlgorithm {
  readonly name: string;
  readonly summary: string | null;
  readonly broken: boolean;
  readonly verdict: Verdict;
  readonly checks: Readonly<Record<CheckName, ComparedCheck>>;
  /** The shortest counterexample of each violated check, in the order of CHECKS. */
  readonly violations: readonly Violation[];
  readonly costs: Costs;
  /** Why the measuring search stopped short, when it did (its figures then count only what it explored). */
  readonly costsStoppedBy: StoppedBy;
  /** The straggler measurement, when one was asked for (straggler.ts). */
  readonly straggler: Straggler | null;
  /** verify's whole result for this algorithm (facts, statistics). */
  readonly result: VerifyResult;
}

export interface Comparison {
  /** The model as verified with the first algorithm. */
  readonly model: ModelInfo;
  /** The name of the model's own algorithm (what verify runs on the model as given). */
  readonly modelAlgorithm: string;
  readonly algorithms: readonly ComparedAlgorithm[];
  /** The slow channel of the straggler measurement, when one was asked for. */
  readonly straggler: SlowChannel | null;
}

export interface SlowChannel {
  /** Its index in the topology. */
  readonly index: number;
  /** `a→join`. */
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export type CompareOptions = Pick<VerifyOptions, 'maxStates' | 'capacity' | 'onProgress' | 'partialOrder' | 'symmetry' | 'workers' | 'interrupt' | 'maxMemoryBytes'> & {
  /**
   * A slow channel (`FROM>TO`, by process numbers or names): each algorithm is measured once more with that channel
   * lagging by up to L records, for every L (straggler.ts).
   */
  readonly straggler?: string;
};

/**
 * The algorithms `compare` takes when none are named: the correct built-ins of the model's kind (barrier
 * algorithms for a dataflow job, whose workload has ghost ids; the others otherwise), and the model's own if it is
 * not among them.
 */
export function defaultChoices(model: Model): string[] {
  const family = hasGhosts(model) ? 'dataflow' : 'message-passing';
  // Stryker disable next-line OptionalChaining: every name in CORRECT_ALGORITHMS is a built-in's, so the lookup never misses
  const correct = CORRECT_ALGORITHMS.filter((a) => builtinAlgorithm(a)?.family === family);
  const own = model.algorithm.impl.name;
  return correct.includes(own) ? correct : [...correct, own];
}

/** Compares `choices` (default: `defaultChoices` of the model's own algorithm) on the model. */
export function compareAlgorithms<S, M>(spec: ModelSpec<S, M>, given?: readonly AlgorithmChoice[], options: CompareOptions = {}): Result<Comparison> {
  const resolved = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!resolved.ok) return resolved;
  const own = resolved.value.algorithm.impl;
  const choices = given ?? defaultChoices(resolved.value);
  if (choices.length === 0) return err('CC007', 'compare needs at least one algorithm');
  const impls: SnapshotAlgorithm[] = [];
  for (const choice of choices) {
    // A value is checked by resolveModel below; a name must be a built-in's or the model's own algorithm's.
    const impl = typeof choice !== 'string' ? choice : choice === own.name ? own : builtinAlgorithm(choice)?.algorithm;
    if (impl === undefined) {
      const known = [...BUILTIN_ALGORITHMS, ...(BUILTIN_ALGORITHMS.includes(own.name) ? [] : [`${own.name} (the model's own)`])];
      return err('CC007', `unknown algorithm ${echo(String(choice))}; the known ones are ${known.join(', ')}`);
    }
    if (impls.some((a) => a.name === impl.name)) return err('CC007', `algorithm '${String(impl.name)}' is listed twice`);
    impls.push(impl);
  }
  let slow: SlowChannel | null = null;
  if (options.straggler !== undefined) {
    const t = resolved.value.topology;
    const found = findChannel(t, options.straggler);
    if (!found.ok) return err(found.error.code, `--straggler: ${found.error.message}`);
    const ch = t.channels[found.value]!;
    slow = { index: found.value, name: channelName(t, ch), from: ch.from, to: ch.to };
  }
  const { initiators, snapshots } = resolved.value.algorithm;
  const rows: ComparedAlgorithm[] = [];
  for (const impl of impls) {
    const one: ModelSpec<S, M> = { ...spec, algorithm: { kind: impl, initiators: [...initiators], snapshots } };
    const model = resolveModel(one as unknown as ModelSpec<unknown, unknown>);
    // Stryker disable next-line ConditionalExpression: verify resolves this same spec first, and its error is returned below with the same prefix
    if (!model.ok) return err(model.error.code, `${impl.name}: ${model.error.message}`);
    const onProgress = options.onProgress;
    const tagged = onProgress === undefined ? {} : { onProgress: (p: PhaseProgress) => onProgress({ ...p, of: impl.name }) };
    const r = verify(one, { ...options, ...tagged, stopAtFirst: false });
    if (!r.ok) return err(r.error.code, `${impl.name}: ${r.error.message}`);
    const res = r.value;
    // The measuring searches honour the same bounds as verify's: states (verify's default included), memory, Ctrl-C.
    const memory = memoryGuard(options.maxMemoryBytes ?? defaultMaxMemory());
    const maxStates = options.maxStates ?? defaultMaxStates(memory.limit);
    const measuring = (phase: PhaseProgress['phase']) => ({
      maxStates,
      interrupt: () => options.interrupt?.() === true || memory.exceeded(),
      ...(onProgress === undefined ? {} : { onProgress: (p: Progress) => onProgress({ ...p, phase, of: impl.name, maxStates }) }),
    });
    const limit = options.capacity ?? DEFAULT_CAPACITY;
    const costs = capture(() => withGrowingCapacity(model.value, res.stats.capacity, limit, (cap) => measureCosts(model.value, cap, measuring('costs'))));
    if (!costs.ok) return err(costs.error.code, `${impl.name}: ${costs.error.message}`);
    const costsStopped: StoppedBy = costs.value.complete ? null : memory.hit ? 'memory-bound' : options.interrupt?.() === true ? 'interrupt' : 'state-bound';
    const straggler =
      slow === null ? null : capture(() => withGrowingCapacity(model.value, res.stats.capacity, limit, (cap) => measureStraggler(model.value, slow.index, cap, measuring('straggler'))));
    if (straggler !== null && !straggler.ok) return err(straggler.error.code, `${impl.name}: ${straggler.error.message}`);
    rows.push({
      name: impl.name,
      summary: impl.summary ?? null,
      broken: model.value.algorithm.broken,
      verdict: res.verdict,
      checks: checkOutcomes(res),
      violations: res.violations,
      costs: costs.value,
      costsStoppedBy: costsStopped,
      straggler: straggler === null ? null : straggler.value,
      result: res,
    });
  }
  const first = rows[0] as ComparedAlgorithm;
  return ok({ model: first.result.model, modelAlgorithm: own.name, algorithms: rows, straggler: slow });
}
