// Discharges a bounded theorem: every graph of its class, each workload and initiator set it names, one verify()
// each, and the conclusion judged on every row. The rows make its certificate (certificate.ts). Returns data; never
// prints.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { match } from 'ts-pattern';
import { type Result, err, ok } from '../errors.ts';
import type { AlgorithmSpec, AppView, ModelSpec } from '../model/types.ts';
import { parseWorkload } from '../workloads/registry.ts';
import { verify } from '../check/verify.ts';
import { CHECKS, type CheckName, type Facts, type Trace, type Verdict } from '../check/result.ts';
import { type Digraph, digraphs, initialComponents, initiatorSets, reachable, topologyOf } from './digraphs.ts';
import type { Conclusion, GraphClass, InitiatorRule, ShapeFunction, Theorem } from './theorems.ts';

/** Each row's search is bounded; a row that reaches the bound is undecided, and the theorem with it. */
export const ROW_MAX_STATES = 5_000_000;

export interface ProveOptions {
  /** Only graphs of at most this many processes (default: the theorem's own bound). */
  readonly maxProcesses?: number;
  /** Every graph below `from` processes, and `count` graphs drawn with `seed` from those of `from` or more. */
  readonly sample?: { readonly from: number; readonly count: number; readonly seed: number };
  /**
   * Replaces the theorem's algorithm: a built-in's name (a variant broken on purpose, to see the theorem fail) or an
   * algorithm value of the user's own (defineAlgorithm).
   */
  readonly algorithm?: AlgorithmSpec['kind'];
  readonly maxStates?: number;
  /** Told after each row. */
  readonly onRow?: (row: Row, done: number, total: number) => void;
  /** Asked between rows: true stops the proof, which is then undecided. */
  readonly interrupt?: () => boolean;
}

/** One graph, workload and initiator set: what verify found, and whether the conclusion holds there. */
export interface Row {
  readonly graph: string;
  /** The graph on the command line: `cutcheck verify --topology edges:…`. */
  readonly topology: string;
  readonly channels: number;
  readonly stronglyConnected: boolean;
  readonly workload: string;
  readonly initiators: readonly number[];
  readonly verdict: Verdict;
  /** The checks that fail on this row, in the order of CHECKS. */
  readonly violated: readonly CheckName[];
  readonly facts: Facts;
  readonly factsComplete: boolean;
  /** Product states stored by a one-thread search, which stores the same states every run. */
  readonly productStates: number;
  /** SHA-256 of the recorded cuts' texts, sorted, one per line (see cutText). */
  readonly cutsHash: string;
  /** some-cut-inconsistent: the shortest execution recording an inconsistent cut, and the length the theorem says. */
  readonly shortest?: number | null;
  readonly predicted?: number;
  /** terminates-iff-reachable: whether the initiators reach every process. */
  readonly reachesAll?: boolean;
  /** The conclusion holds on this row. */
  readonly holds: boolean;
  /** It does not hold only because the search was cut short (a bound): the row is undecided, not a counterexample. */
  readonly undecided?: true;
  /** Why not, when it does not. */
  readonly why?: string;
}

/** A row where the conclusion fails, with an execution that shows it when there is one. */
export interface Refutation {
  readonly row: Row;
  readonly check: CheckName | null;
  readonly trace: Trace | null;
  /**
   * The trace is a shortest one (a breadth-first search without partial-order reduction found it). Only the first
   * refutation is searched for again that way, since it can cost more than the row itself; the others keep the
   * row's own counterexample.
   */
  readonly shortest: boolean;
}

export interface Proof {
  readonly theorem: Theorem;
  /** The algorithm the rows ran: the theorem's, or the one that replaced it. */
  readonly algorithm: string;
  readonly graphs: number;
  readonly rows: readonly Row[];
  /** proved: every row holds; refuted: some row fails; undecided: no row fails but some search was cut short. */
  readonly outcome: 'proved' | 'refuted' | 'undecided';
  readonly refutations: readonly Refutation[];
  /** Graphs left out by --processes, a sample or an interruption: the proof covers only the others. */
  readonly partial: boolean;
  /** Stopped by `interrupt` (Ctrl-C) after `rows.length` of the `planned` rows; the row it was on is left out. */
  readonly interrupted: boolean;
  readonly planned: number;
  readonly elapsedMs: number;
}

const inClass = (g: Digraph, c: GraphClass): boolean =>
  match(c)
    .with('all', () => true)
    .with('with-channel', () => g.arcs.length > 0)
    .with('strongly-connected', () => g.stronglyConnected)
    .with('acyclic', () => g.acyclic)
    .exhaustive();

/** The graphs a theorem ranges over, within the options' bounds, smallest first. */
export function graphsOf(theorem: Theorem, options: Pick<ProveOptions, 'maxProcesses' | 'sample'> = {}): { graphs: Digraph[]; partial: boolean } {
  const { from, to } = theorem.hypotheses.processes;
  const top = Math.min(to, options.maxProcesses ?? to);
  let all: Digraph[] = [];
  for (let n = from; n <= top; n++) all = all.concat(digraphs(n).filter((g) => inClass(g, theorem.hypotheses.graphs)).reverse());
  let graphs = all;
  const s = options.sample;
  if (s !== undefined) {
    const small = all.filter((g) => g.n < s.from);
    const big = all.filter((g) => g.n >= s.from);
    // fast-check draws the sample: the same seed gives the same graphs on every machine.
    const picked = big.length <= s.count ? big : (fc.sample(fc.shuffledSubarray(big, { minLength: s.count, maxLength: s.count }), { seed: s.seed, numRuns: 1 })[0] ?? []);
    const chosen = new Set(picked.map((g) => g.id));
    graphs = [...small, ...big.filter((g) => chosen.has(g.id))];
  }
  return { graphs, partial: top < to || graphs.length < all.length };
}

const initiatorsFor = (g: Digraph, rule: InitiatorRule): (readonly number[] | undefined)[] =>
  match(rule)
    .with('first', () => [[0]])
    .with('all', () => [Array.from({ length: g.n }, (_, p) => p)])
    .with('every-set', () => initiatorSets(g))
    .with('default', () => [undefined])
    .exhaustive();

/** A cut as text anyone can recompute: locals and channels in order, an unordered channel's messages sorted. */
export function cutText(cut: AppView<unknown, unknown>, ordered: boolean): string {
  const channels = cut.channels.map((c) => {
    const texts = c.messages.map((m) => JSON.stringify(m));
    return [c.from, c.to, ordered ? texts : [...texts].sort()];
  });
  return JSON.stringify({ locals: cut.locals, channels });
}

export const shapeValue = (f: ShapeFunction, g: Digraph): number =>
  (f.channels ?? 0) * g.arcs.length + (f.processes ?? 0) * g.n + (f.initialComponents ?? 0) * initialComponents(g) + (f.constant ?? 0);

/** Whether the conclusion holds on a row, and why not. */
function judge(conclusion: Conclusion, r: Omit<Row, 'holds' | 'why'>, reachesAll: boolean): Pick<Row, 'holds' | 'undecided' | 'why'> {
  const undecided = (): Pick<Row, 'holds' | 'undecided' | 'why'> => ({
    holds: false,
    undecided: true,
    why: `the search stopped at ${r.productStates.toLocaleString('en-US')} states before deciding; raise the bound (--max-states)`,
  });
  return match(conclusion)
    .with({ kind: 'every-check-holds' }, () => {
      const failed = r.violated;
      if (failed.length > 0) return { holds: false, why: `${failed.join(', ')} ${failed.length === 1 ? 'fails' : 'fail'}` };
      return r.verdict === 'holds' ? { holds: true } : undecided();
    })
    .with({ kind: 'some-cut-inconsistent' }, (c) => {
      // Stopping at the first violation, another check's may come first: consistent is then not settled.
      if (!r.violated.includes('consistent')) return r.verdict === 'holds' ? { holds: false, why: 'every recorded cut is consistent' } : undecided();
      if (c.shortest === undefined || r.shortest === r.predicted) return { holds: true };
      return { holds: false, why: `the shortest inconsistent execution has ${String(r.shortest)} steps, not the ${String(r.predicted)} the theorem says` };
    })
    .with({ kind: 'terminates-iff-reachable' }, () => {
      // The search runs to the end (no stop at the first violation), so terminates is settled unless it was cut short.
      const terminates = !r.violated.includes('terminates');
      if (terminates && r.verdict === 'incomplete') return undecided();
      if (terminates === reachesAll) return { holds: true };
      return { holds: false, why: reachesAll ? 'every process is reachable from the initiators, yet some execution ends without completing the snapshot' : 'some process is unreachable from the initiators, yet every execution completes the snapshot' };
    })
    .exhaustive();
}

/** The model of one row. */
function specOf(theorem: Theorem, algorithm: AlgorithmSpec['kind'], g: Digraph, workload: string, initiators: readonly number[] | undefined): Result<ModelSpec<unknown, unknown>> {
  const w = parseWorkload(workload);
  if (!w.ok) return err('CC012', `theorem ${theorem.id}: ${w.error.message}`);
  const h = theorem.hypotheses;
  return ok({
    name: `${theorem.id} on ${g.id}`,
    topology: topologyOf(g),
    workload: w.value,
    network: { discipline: h.channels, ...(h.crashes > 0 ? { faults: { crash: true, budget: h.crashes } } : {}) },
    // The algorithm's name alone starts it where it starts by default; an object must name its initiators.
    algorithm: initiators === undefined ? algorithm : { kind: algorithm, initiators },
  });
}

/**
 * The shortest execution on which `check` fails: breadth-first without partial-order reduction, which may lengthen
 * paths (symmetry reduction keeps lengths). Null when that search reaches the bound first.
 */
function shortestTrace(spec: ModelSpec<unknown, unknown>, check: CheckName, maxStates: number): Trace | null {
  const r = verify(spec, { workers: 1, partialOrder: false, stopAtFirst: true, maxStates });
  return r.ok ? (r.value.violations.find((x) => x.check === check)?.trace ?? null) : null;
}

/** Discharges `theorem` on every graph it ranges over (within the options' bounds). */
export function prove(theorem: Theorem, options: ProveOptions = {}): Result<Proof> {
  const start = performance.now();
  const algorithm = options.algorithm ?? theorem.hypotheses.algorithm;
  const h = theorem.hypotheses;
  const { graphs, partial } = graphsOf(theorem, options);
  const jobs = graphs.flatMap((g) => h.workloads.flatMap((w) => initiatorsFor(g, h.initiators).map((i) => ({ g, w, i }))));
  const rows: Row[] = [];
  const refutations: Refutation[] = [];
  const exhaustiveRun = theorem.conclusion.kind !== 'some-cut-inconsistent';
  let stopped = false;
  for (const { g, w, i } of jobs) {
    if (options.interrupt?.() === true) {
      stopped = true;
      break;
    }
    const spec = specOf(theorem, algorithm, g, w, i);
    if (!spec.ok) return spec;
    // The distinct recorded cuts, whichever snapshot of an execution recorded them.
    const cuts = new Set<string>();
    const r = verify(spec.value, {
      workers: 1,
      stopAtFirst: !exhaustiveRun,
      maxStates: options.maxStates ?? ROW_MAX_STATES,
      ...(h.partialOrder === undefined ? {} : { partialOrder: h.partialOrder }),
      onCut: (c) => cuts.add(cutText(c.cut, h.channels === 'fifo')),
      ...(options.interrupt === undefined ? {} : { interrupt: options.interrupt }),
    });
    if (!r.ok) return err(r.error.code, `theorem ${theorem.id} on ${g.id} (${topologyOf(g).spec ?? ''}, ${w}): ${r.error.message}`);
    const v = r.value;
    // A search cut short by the interruption decides nothing: its row is left out, not reported as undecided.
    if (v.stats.stoppedBy === 'interrupt') {
      stopped = true;
      break;
    }
    const initiators = v.model.initiators;
    const reachesAll = reachable(g.arcs, initiators).size === g.n;
    const c = theorem.conclusion;
    const base = {
      graph: g.id,
      topology: topologyOf(g).spec ?? '',
      channels: g.arcs.length,
      stronglyConnected: g.stronglyConnected,
      workload: w,
      initiators,
      verdict: v.verdict,
      violated: CHECKS.filter((k) => v.checks[k] === 'violated'),
      facts: v.facts,
      factsComplete: v.factsComplete,
      productStates: v.stats.productStates,
      cutsHash: createHash('sha256').update([...cuts].sort().join('\n')).digest('hex'),
      ...(c.kind === 'some-cut-inconsistent' ? { shortest: v.facts.shortestInconsistent } : {}),
      ...(c.kind === 'some-cut-inconsistent' && c.shortest !== undefined ? { predicted: shapeValue(c.shortest, g) } : {}),
      ...(c.kind === 'terminates-iff-reachable' ? { reachesAll } : {}),
    };
    const verdict = judge(c, base, reachesAll);
    const row: Row = { ...base, ...verdict };
    rows.push(row);
    if (!row.holds && row.undecided !== true) {
      const violation = v.violations.find((x) => c.kind !== 'some-cut-inconsistent' || x.check === 'consistent') ?? null;
      const check = violation?.check ?? null;
      const shortest = check !== null && refutations.length === 0 ? shortestTrace(spec.value, check, options.maxStates ?? ROW_MAX_STATES) : null;
      refutations.push({ row, check, trace: shortest ?? violation?.trace ?? null, shortest: shortest !== null });
    }
    options.onRow?.(row, rows.length, jobs.length);
  }
  const undecided = stopped || rows.some((r) => r.undecided === true);
  const refuted = rows.some((r) => !r.holds && r.undecided !== true);
  return ok({
    theorem,
    algorithm: typeof algorithm === 'string' ? algorithm : algorithm.name,
    graphs: graphs.length,
    rows,
    outcome: refuted ? 'refuted' : undecided ? 'undecided' : 'proved',
    refutations,
    partial: partial || stopped,
    interrupted: stopped,
    planned: jobs.length,
    elapsedMs: performance.now() - start,
  });
}
