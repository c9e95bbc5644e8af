// simulate(): random executions of the product system, for models whose state space outgrows exhaustive search.
// fast-check drives it: a run is a list of scheduler choices (an fast-check arbitrary), so a failing run is reported
// with the seed and path that replay it, and is shrunk by fast-check before cutcheck's own minimiser sees it. Every
// check a single path can decide runs along every run (walker.ts); what it covered is counted (coverage.ts).
// Returns results as data; never prints.

import fc from 'fast-check';
import { type Result, capture, err, fail } from '../errors.ts';
import type { Model, ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { FingerprintIndex } from '../explore/fpindex.ts';
import { CapacityOverflow } from '../network/channels.ts';
import { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import { AppSpace } from '../check/appspace.ts';
import { applicableChecks } from '../check/checks/registry.ts';
import type { Check } from '../check/checks/check.ts';
import { CHECKS, type CheckName, type VerifyResult, type Violation } from '../check/result.ts';
import { placedSnapshots } from '../check/each-snapshot.ts';
import { DEFAULT_CAPACITY, MAX_CAPACITY, modelSummary } from '../check/verify.ts';
import { describeViolationAlong } from '../check/violations.ts';
import { channelName } from '../model/types.ts';
import { followingSnapshot } from '../trace/api.ts';
import { type Coverage, CoverageCounter } from './coverage.ts';
import { type Shared, Walker, type WalkOutcome } from './walker.ts';
import type { SimulatePart } from './merge.ts';

export const DEFAULT_RUNS = 10_000;
export const DEFAULT_DEPTH = 1_000;
export const MAX_DEPTH = 100_000;
/** R is enumerated up to this many states by default, for the checks that need all of it (reachable). */
export const DEFAULT_APP_BOUND = 2_000_000;

export interface SimulateOptions {
  /** Random runs to generate (default 10,000). */
  readonly runs?: number;
  /** Most steps in one run (default 1,000); a run also ends where no step is enabled. */
  readonly depth?: number;
  /** fast-check's seed (default: one drawn at random, reported in the result). */
  readonly seed?: number;
  /** With `seed`, fast-check's path of a failing run, as a result reports it: replays that run alone. */
  readonly path?: string;
  /** Stop generating runs after this many milliseconds (the runs made so far are reported). */
  readonly timeLimitMs?: number;
  /** Most states of R to enumerate for the checks that need all of it (default 2,000,000). */
  readonly maxAppStates?: number;
  /** Most messages one channel may hold (default 8); more is an error, never a silent drop. */
  readonly capacity?: number;
  /** Counts an exhaustive search found, for the share covered (`verify`'s facts of the same model). */
  readonly known?: { readonly cuts: number };
  /** Asked between runs: true stops generating runs. */
  readonly interrupt?: () => boolean;
  readonly onProgress?: (p: SimulateProgress) => void;
  /** How a choice picks among the enabled steps: `forward` counts from the first (default), `reverse` from the last. */
  readonly order?: StepOrder;
  /** Also return what merging with other simulations needs (`SimulateResult.part`). */
  readonly part?: boolean;
}

export type StepOrder = 'forward' | 'reverse';

export interface SimulateProgress {
  readonly runs: number;
  readonly steps: number;
  readonly cuts: number;
  readonly elapsedMs: number;
}

/**
 * `violated`: some run broke the check. `not-violated`: no run did (a simulation proves nothing; verify does).
 * `not-checked`: no run could decide it (reachable when R could not be enumerated). `n/a`: it does not apply.
 */
export type SimulatedStatus = 'violated' | 'not-violated' | 'not-checked' | 'n/a';

export interface SimulateResult {
  readonly model: VerifyResult['model'];
  readonly verdict: 'violated' | 'no-violation-found';
  readonly checks: Readonly<Record<CheckName, SimulatedStatus>>;
  /** Why each `not-checked` check was not. */
  readonly notChecked: readonly { readonly check: CheckName; readonly reason: string }[];
  /** The failing run, as fast-check shrank it; null when none failed. */
  readonly violation: Violation | null;
  /** What replays the simulation (`seed`), and its failing run alone (`seed` with `path`). */
  readonly replay: { readonly seed: number; readonly path: string | null };
  /** The failing run: which run it was, its steps before and after fast-check shrank it, and how many shrinks it made. */
  readonly shrink: { readonly atRun: number; readonly fromSteps: number; readonly toSteps: number; readonly shrinks: number } | null;
  readonly coverage: Coverage;
  readonly settings: { readonly runs: number; readonly depth: number; readonly timeLimitMs: number | null; readonly maxAppStates: number };
  readonly stats: {
    readonly elapsedMs: number;
    readonly stepsPerSecond: number;
    readonly capacity: number;
    /** |R| when it was enumerated within the bound, else null. */
    readonly appStates: number | null;
    readonly stoppedBy: 'runs' | 'time-limit' | 'violation' | 'interrupt';
  };
  /** With the `part` option: what merging needs (simulate/merge.ts), the member's settings and fingerprint aside. */
  readonly part?: Omit<SimulatePart, 'member' | 'result' | 'fingerprint'>;
}

export function simulate<S, M>(spec: ModelSpec<S, M>, options: SimulateOptions = {}): Result<SimulateResult> {
  const resolved = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!resolved.ok) return resolved;
  const runs = options.runs ?? DEFAULT_RUNS;
  const depth = options.depth ?? DEFAULT_DEPTH;
  if (!Number.isInteger(runs) || runs < 1) return err('CC003', `runs must be a whole number of at least 1, got ${runs}`);
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) return err('CC003', `depth must be a whole number from 1 to ${MAX_DEPTH}, got ${depth}`);
  const cap = options.capacity ?? DEFAULT_CAPACITY;
  if (!Number.isInteger(cap) || cap < 1 || cap > MAX_CAPACITY) return err('CC008', `channel capacity must be a whole number from 1 to ${MAX_CAPACITY}, got ${cap}`);
  if (options.path !== undefined && options.seed === undefined) return err('CC003', 'a path replays a failing run only with the seed it was found with');
  // Each placed snapshot of a script is followed by runs of its own, as verify follows it (each-snapshot.ts).
  const placed = placedSnapshots(resolved.value);
  const models: Model[] = [];
  if (placed > 1) {
    for (let k = 0; k < placed; k++) {
      const m = resolveModel(followingSnapshot(spec, k) as unknown as ModelSpec<unknown, unknown>);
      if (!m.ok) return m;
      models.push(m.value);
    }
  } else models.push(resolved.value);
  return capture(() => {
    try {
      return run(resolved.value, models, { ...options, runs, depth }, cap);
    } catch (e) {
      if (!(e instanceof CapacityOverflow)) throw e;
      const ch = resolved.value.topology.channels[e.channel];
      const name = ch === undefined ? 'a channel' : `channel ${channelName(resolved.value.topology, ch)}`;
      return fail('CC008', `${name} would hold more than ${cap} messages; raise the capacity (--capacity, up to ${MAX_CAPACITY}) or bound the workload's sends`);
    }
  });
}

function run(model: Model, models: readonly Model[], options: SimulateOptions & { runs: number; depth: number }, cap: number): SimulateResult {
  const start = performance.now();
  const maxAppStates = options.maxAppStates ?? DEFAULT_APP_BOUND;
  const table = new WorkloadTable(model);
  const interrupted = (): boolean => options.interrupt?.() === true;
  const app = new AppSpace(model, table, cap, { maxStates: maxAppStates, interrupt: interrupted });
  const wholeR = !app.outcome.truncated;
  const applicable = applicableChecks(model);
  const decided: readonly Check[] = wholeR ? applicable : applicable.filter((c) => c.needsWholeR !== true);
  const coverage = new CoverageCounter(model);
  const shared = { app, cuts: new FingerprintIndex(1024), appIds: new FingerprintIndex(1 << 12), cleanEdges: new FingerprintIndex(1 << 12), coverage };
  // One walker per placed snapshot followed (one in all for any other model); the workload's values are shared.
  const walkers = models.map((m) => new Walker(new ProductSystem(m, table, m.algorithm.impl, cap, m.algorithm.snapshots), shared, decided));

  let generating = true;
  let firstFailure: WalkOutcome | null = null;
  let failedAt = 0;
  let lastProgress = start;
  let thrown: { error: unknown } | null = null;
  const reverse = options.order === 'reverse';
  const walk = (track: number, choices: readonly number[]): WalkOutcome => (walkers[track] as Walker).walk(choices, options.depth, false, reverse);
  const judge = (track: number, choices: readonly number[]): boolean => {
    if (!generating) return walk(track, choices).finding === null;
    // A run the user interrupted passes untried: fast-check then finishes at once.
    if (interrupted()) return true;
    const out = (walkers[track] as Walker).walk(choices, options.depth, true, reverse);
    const now = performance.now();
    if (options.onProgress !== undefined && now - lastProgress > 250) {
      lastProgress = now;
      options.onProgress({ runs: coverage.runs, steps: coverage.steps, cuts: shared.cuts.size, elapsedMs: now - start });
    }
    if (out.finding === null) return true;
    // From here on fast-check shrinks: its runs are not the simulation's, and are not counted.
    generating = false;
    firstFailure = out;
    failedAt = coverage.runs;
    return false;
  };
  const property = fc.property(
    fc.noBias(fc.tuple(fc.nat({ max: walkers.length - 1 }), fc.array(fc.nat({ max: 0xffff }), { maxLength: options.depth, size: 'max' }))),
    ([track, choices]) => {
      // An error (a workload handler that throws, a channel over capacity) is the simulation's, not a failing run:
      // it is kept and thrown once fast-check is done, and every later run passes untried.
      if (thrown !== null) return true;
      try {
        return judge(track, choices);
      } catch (e) {
        thrown = { error: e };
        return true;
      }
    },
  );
  const details = fc.check(property, {
    numRuns: options.runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.path === undefined ? {} : { path: options.path, endOnFailure: true }),
    ...(options.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false }),
  });
  if (thrown !== null) throw (thrown as { error: unknown }).error;

  let violation: Violation | null = null;
  let shrink: SimulateResult['shrink'] = null;
  const failedChecks = new Set<CheckName>();
  let failing: SimulatePart['failing'] = null;
  const counterexample = details.failed ? details.counterexample?.[0] : undefined;
  if (counterexample !== undefined) {
    const [track, choices] = counterexample;
    const out = walk(track, choices);
    // fast-check's counterexample fails by construction; its walk is the same pure function of the choices.
    if (out.finding === null) throw new Error('internal: the shrunk run no longer fails');
    const walker = walkers[track] as Walker;
    violation = describeViolationAlong(out.finding, out.codes, walker.sys);
    failing = { check: out.finding.check, codes: out.codes, track: walker.sys.track >= 0 ? walker.sys.track : null };
    // Every check the failing run broke at that point (the same cut may break several).
    for (const f of out.findings) failedChecks.add(f.check);
    shrink = { atRun: failedAt, fromSteps: (firstFailure as WalkOutcome | null)?.codes.length ?? out.codes.length, toSteps: out.codes.length, shrinks: details.numShrinks };
  }

  const elapsedMs = performance.now() - start;
  const notChecked = wholeR
    ? []
    : applicable
        .filter((c) => c.needsWholeR === true)
        .map((c) => ({ check: c.name, reason: `needs all of R, which has more than ${maxAppStates.toLocaleString('en-US')} states (raise --max-states)` }));
  const applies = new Set(applicable.map((c) => c.name));
  const skipped = new Set(notChecked.map((n) => n.check));
  const checks = Object.fromEntries(
    CHECKS.map((c): [CheckName, SimulatedStatus] => [c, !applies.has(c) ? 'n/a' : failedChecks.has(c) ? 'violated' : skipped.has(c) ? 'not-checked' : 'not-violated']),
  ) as Record<CheckName, SimulatedStatus>;
  const result = coverage.result({ appStates: wholeR ? app.size : null, cuts: options.known?.cuts ?? null }, models.some((m) => m.algorithm.name !== 'none'));
  return {
    model: modelSummary(model),
    verdict: violation === null ? 'no-violation-found' : 'violated',
    checks,
    notChecked,
    violation,
    replay: { seed: details.seed, path: details.failed ? details.counterexamplePath : null },
    shrink,
    coverage: result,
    settings: { runs: options.runs, depth: options.depth, timeLimitMs: options.timeLimitMs ?? null, maxAppStates },
    stats: {
      elapsedMs,
      stepsPerSecond: Math.round(result.steps / Math.max(elapsedMs / 1000, 1e-9)),
      capacity: cap,
      appStates: wholeR ? app.size : null,
      stoppedBy: violation !== null ? 'violation' : interrupted() ? 'interrupt' : details.interrupted ? 'time-limit' : 'runs',
    },
    ...(options.part === true ? { part: partOf(shared, coverage, failing) } : {}),
  };
}

/** What merging needs of a simulation: its cuts with their counts, the application states seen, a sample of the product states. */
function partOf(shared: Shared, coverage: CoverageCounter, failing: SimulatePart['failing']): Omit<SimulatePart, 'member' | 'result' | 'fingerprint'> {
  const cuts: { fp: string; count: number; bad: boolean }[] = [];
  coverage.cutCount.forEach((count, id) => {
    if (count > 0) cuts.push({ fp: shared.cuts.hex(id), count, bad: coverage.cutBad[id] === true });
  });
  const appStates = Array.from({ length: coverage.appStates.size }, (_, id) => coverage.appStates.hex(id));
  const productSample: string[] = [];
  for (let id = 0; id < coverage.productStates.size; id++) if ((coverage.productStates.low(id) & 255) === 0) productSample.push(coverage.productStates.hex(id));
  return { cuts, appStates, productSample, failing };
}
