// admit(): is each recorded snapshot one the scenario could have recorded? Explores every timing of the scenario's
// script (the product search alone: admission needs the cuts, not R), collects every distinct cut of each snapshot,
// and judges each recorded snapshot against the cuts of its id: admitted, with a run that records exactly it and
// whether it is the only outcome; or refused, with the closest admissible cut and one sentence per difference.
// Results as data; nothing here prints.

import { type Result, capture, ok } from '../errors.ts';
import type { AppView, Model, ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { CutCollector } from '../check/cuts.ts';
import type { Trace } from '../check/result.ts';
import { DEFAULT_CAPACITY, DEFAULT_MAX_STATES, MAX_CAPACITY, type PhaseProgress, withGrowingCapacity } from '../check/verify.ts';
import { type Progress, search as searchStates } from '../explore/search.ts';
import { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import type { ScriptOrder, ScriptState } from '../workloads/script.ts';
import type { RecordedSnapshot, ScenarioEvent, ScenarioTopology } from './formats.ts';
import { CutExpander, type CutTarget } from './eager.ts';
import { scenarioModel } from './scenario.ts';

export interface AdmitOptions {
  readonly order?: ScriptOrder;
  readonly discipline?: 'fifo' | 'unordered';
  /** Bound on stored states (default as verify's); reaching it leaves the verdicts undecided, never wrong. */
  readonly maxStates?: number;
  readonly interrupt?: () => boolean;
  /** States the search for every cut of a snapshot may store before each file is searched for alone (default EVERY_CUT_STATES). */
  readonly everyCutStates?: number;
  /** The reductions of the cut search (src/admit/eager.ts, proofs/overlapping-snapshots.md); default on. */
  readonly partialOrder?: boolean;
  /** Progress of the search, as verify reports its phases (phase `snapshot`). */
  readonly onProgress?: (p: PhaseProgress) => void;
}

/** A cut as the assignment writes it: each server's tokens, and the tokens in flight on each link, in arrival order. */
export interface ScenarioCut {
  readonly tokens: Readonly<Record<string, number>>;
  readonly channels: Readonly<Record<string, readonly number[]>>;
}

export type Difference =
  | { readonly kind: 'moved'; readonly from: string; readonly to: string; readonly tokens: number; readonly text: string }
  | { readonly kind: 'more' | 'fewer'; readonly server: string; readonly recorded: number; readonly closest: number; readonly text: string }
  | { readonly kind: 'invented' | 'lost'; readonly channel: string; readonly message: number; readonly text: string }
  | { readonly kind: 'order'; readonly channel: string; readonly recorded: readonly number[]; readonly closest: readonly number[]; readonly text: string };

export interface SnapshotVerdict {
  readonly file: string;
  readonly id: number;
  /** `undecided`: the search stopped before it saw every cut; nothing is claimed. */
  readonly verdict: 'admitted' | 'refused' | 'undecided';
  /** How many distinct cuts the scenario can record for this snapshot: all of them when `outcomesExhaustive`, else those found. */
  readonly outcomes: number;
  /** The search for every cut of this snapshot explored every timing (else it stopped at EVERY_CUT_STATES or the bound). */
  readonly outcomesExhaustive: boolean;
  /** Admitted, and the only cut the scenario can record for this snapshot: the outcome does not depend on timing. */
  readonly unique: boolean;
  /** Admitted: a run that records exactly this snapshot. */
  readonly witness?: Trace;
  /** Refused: the admissible cut that differs least (of those found, unless `outcomesExhaustive`), a run that records it, and each difference in a sentence. */
  readonly closest?: { readonly cut: ScenarioCut; readonly witness: Trace; readonly differences: readonly Difference[] };
  /** Refused with no cut to compare: why (the script starts no such snapshot, or never completes it). */
  readonly reason?: string;
}

/** One search: every timing of the script, following one snapshot (see proofs/overlapping-snapshots.md). */
export interface SnapshotSearch {
  readonly snapshot: number;
  /** Absent: the search for every cut. A file: the search for that file's cut alone, pruning every run that departs from it. */
  readonly file?: string;
  readonly states: number;
  readonly exhaustive: boolean;
  readonly elapsedMs: number;
  /** 'on', or why partial-order reduction is off. */
  readonly partialOrder: string;
}

export interface AdmitResult {
  readonly model: ModelSpec<ScriptState, number>;
  readonly snapshots: readonly SnapshotVerdict[];
  /** The searches, in the order they ran: for each snapshot id some file names, one for every cut, then any for one file's cut. */
  readonly searches: readonly SnapshotSearch[];
  /** States stored, over every search. */
  readonly states: number;
  /** Every search for every cut explored every timing. */
  readonly exhaustive: boolean;
  /** Snapshots the script starts. */
  readonly started: number;
  readonly elapsedMs: number;
}

/**
 * The states the search for every cut of a snapshot may store before `admit` turns to each file's cut alone (which
 * prunes every run that departs from it, and may store up to the state bound).
 */
export const EVERY_CUT_STATES = 1_000_000;

/**
 * Judges each recorded snapshot. Snapshots may overlap, as the harness starts each at its place in the script: each
 * snapshot id that some file names is searched on its own, following that snapshot alone (proofs/overlapping-snapshots.md
 * shows that it can record exactly the cuts it can record among the others). A first search looks for every cut,
 * up to EVERY_CUT_STATES states; a file it does not decide gets a search of its own, for its cut alone.
 */
export function admit(
  topology: ScenarioTopology,
  events: readonly ScenarioEvent[],
  recorded: readonly RecordedSnapshot[],
  options: AdmitOptions = {},
): Result<AdmitResult> {
  const how = {
    ...(options.order === undefined ? {} : { order: options.order }),
    ...(options.discipline === undefined ? {} : { discipline: options.discipline }),
  };
  const spec = scenarioModel(topology, events, how);
  if (!spec.ok) return spec;
  const start = performance.now();
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const started = events.filter((e) => e.kind === 'snapshot').length;
  const discipline = spec.value.network?.discipline ?? 'fifo';
  const terms: Terms = { names: topology.servers.map((s) => s.id), links: topology.links.map((l) => `${l.src}→${l.dst}`), unordered: discipline === 'unordered' };
  const { names, links } = terms;
  const ids = [...new Set(recorded.map((r) => r.id).filter((id) => id < started))].sort((a, b) => a - b);
  const searches: SnapshotSearch[] = [];
  const verdicts = new Map<RecordedSnapshot, SnapshotVerdict>();
  const stats = (found: TrackedCuts, snapshot: number, file?: string): SnapshotSearch => ({
    snapshot,
    ...(file === undefined ? {} : { file }),
    states: found.states,
    exhaustive: found.exhaustive,
    elapsedMs: found.elapsedMs,
    partialOrder: found.partialOrder,
  });
  for (const id of ids) {
    if (options.interrupt?.() === true) break;
    const tracked = scenarioModel(topology, events, { ...how, track: id });
    const model = tracked.ok ? resolveModel(tracked.value as unknown as ModelSpec<unknown, unknown>) : tracked;
    if (!model.ok) return model;
    const every = capture(() => trackedCuts(model.value, Math.min(maxStates, options.everyCutStates ?? EVERY_CUT_STATES), options));
    if (!every.ok) return every;
    searches.push(stats(every.value, id));
    // Each cut in the assignment's terms, made once for every snapshot file judged against them.
    const seen = every.value.cuts.map((found) => ({ found, view: scenarioCut(found, terms) }));
    for (const r of recorded.filter((x) => x.id === id)) {
      const first = judge(r, seen, every.value, terms, started, discipline);
      if (first.verdict !== 'undecided' || options.interrupt?.() === true) {
        verdicts.set(r, first);
        continue;
      }
      const want = recordedCut(r, terms);
      const target = { locals: names.map((n) => want.tokens[n] as number), channels: links.map((l) => want.channels[l] ?? []) };
      const alone = capture(() => trackedCuts(model.value, maxStates, { ...options, target }));
      if (!alone.ok) return alone;
      searches.push(stats(alone.value, id, r.file));
      const match = alone.value.cuts.find((c) => same(scenarioCut(c, terms), want));
      const base = { file: r.file, id: r.id, outcomes: seen.length, outcomesExhaustive: false };
      verdicts.set(
        r,
        match !== undefined
          ? // Every cut seen differs from this one, so with any seen the outcome depends on timing; with none, it is not known.
            { ...base, verdict: 'admitted', unique: false, witness: alone.value.witness(match) }
          : alone.value.exhaustive
            ? refusal(r, want, seen, every.value, discipline, base)
            : first,
      );
    }
  }
  const snapshots = recorded.map((r) => verdicts.get(r) ?? judge(r, [], null, terms, started, discipline));
  const everyCut = searches.filter((s) => s.file === undefined);
  return ok({
    model: spec.value,
    snapshots,
    searches,
    states: searches.reduce((a, s) => a + s.states, 0),
    exhaustive: everyCut.length === ids.length && everyCut.every((s) => s.exhaustive),
    started,
    elapsedMs: performance.now() - start,
  });
}

/** A cut a search found: what it records, and which of the search's entries it is (see TrackedCuts.witness). */
export interface FoundCut {
  readonly cut: AppView<unknown, unknown>;
  readonly entry: number;
}

export interface TrackedCuts {
  readonly cuts: readonly FoundCut[];
  /** The trace of the first run found that records a found cut. */
  witness(cut: FoundCut): Trace;
  readonly states: number;
  readonly exhaustive: boolean;
  readonly elapsedMs: number;
  readonly partialOrder: string;
}

/**
 * Every distinct cut of the one snapshot `model` follows (`algorithm.track`, see proofs/overlapping-snapshots.md),
 * over every timing of its script; with a `target`, only the runs that can still record exactly it are followed.
 */
export function trackedCuts(model: Model, maxStates: number, options: AdmitOptions & { readonly target?: CutTarget } = {}): TrackedCuts {
  const snapshot = model.algorithm.track ?? 0;
  return withGrowingCapacity(model, DEFAULT_CAPACITY, MAX_CAPACITY, (cap) => {
    const sys = new ProductSystem(model, new WorkloadTable(model), model.algorithm.impl, cap, model.algorithm.snapshots);
    const collector = new CutCollector(sys);
    const expander = new CutExpander(sys, options.partialOrder !== false, options.target);
    const search = searchStates(
      expander,
      {
        onEvent(vec, _event, parent, code, depth) {
          collector.add(vec, parent, code, depth, sys.isInconsistent(vec), true);
          return false;
        },
      },
      {
        maxStates,
        ...(options.interrupt === undefined ? {} : { interrupt: options.interrupt }),
        ...(options.onProgress === undefined ? {} : { onProgress: (p: Progress) => options.onProgress?.({ ...p, phase: 'snapshot', of: `snapshot ${snapshot}`, maxStates }) }),
      },
    );
    return {
      cuts: [...collector.runs()].map(({ cut, entry }) => ({ cut, entry })),
      witness: (found) => collector.witness(collector.codesOf(search.store, found.entry)),
      states: search.states,
      exhaustive: !search.truncated && !search.stopped,
      elapsedMs: search.elapsedMs,
      partialOrder: expander.partialOrder,
    };
  });
}

/** The assignment's terms: servers and links by name; on unordered links, messages in flight have no order. */
export interface Terms {
  readonly names: readonly string[];
  readonly links: readonly string[];
  readonly unordered: boolean;
}

export const inFlight = (t: Terms, messages: readonly number[]): readonly number[] => (t.unordered ? [...messages].sort((a, b) => a - b) : messages);

/** A cut of the search in the assignment's terms. */
function scenarioCut(c: FoundCut, t: Terms): ScenarioCut {
  return {
    tokens: Object.fromEntries(t.names.map((n, p) => [n, c.cut.locals[p] as number])),
    channels: Object.fromEntries(t.links.map((l, i) => [l, inFlight(t, (c.cut.channels[i]?.messages ?? []) as number[])])),
  };
}

/** A recorded snapshot in the same terms. */
export function recordedCut(r: RecordedSnapshot, t: Terms): ScenarioCut {
  const on = new Map(r.messages.map((m) => [`${m.src}→${m.dst}`, m.tokens]));
  return { tokens: Object.fromEntries(t.names.map((n) => [n, r.tokens.get(n) ?? 0])), channels: Object.fromEntries(t.links.map((l) => [l, inFlight(t, on.get(l) ?? [])])) };
}

export const same = (a: ScenarioCut, b: ScenarioCut): boolean => JSON.stringify(a) === JSON.stringify(b);

type Seen = readonly { readonly found: FoundCut; readonly view: ScenarioCut }[];
type Base = Pick<SnapshotVerdict, 'file' | 'id' | 'outcomes' | 'outcomesExhaustive'>;

/**
 * A recorded snapshot judged against the cuts `seen` by the search for every cut of its snapshot (`every`; null when
 * none ran, for a snapshot the script never starts, or after an interruption).
 */
function judge(
  r: RecordedSnapshot,
  seen: Seen,
  every: TrackedCuts | null,
  terms: Terms,
  started: number,
  discipline: 'fifo' | 'unordered',
): SnapshotVerdict {
  const exhaustive = every?.exhaustive === true;
  const base = { file: r.file, id: r.id, outcomes: seen.length, outcomesExhaustive: exhaustive || r.id >= started };
  if (r.id >= started)
    return { ...base, verdict: 'refused', unique: false, reason: `the script starts ${started === 0 ? 'no snapshot' : `only snapshot${started === 1 ? ' 0' : `s 0 to ${started - 1}`}`}, so it cannot record snapshot ${r.id}` };
  const want = recordedCut(r, terms);
  const match = seen.find((c) => same(c.view, want));
  if (match !== undefined && every !== null) return { ...base, verdict: 'admitted', unique: exhaustive && seen.length === 1, witness: every.witness(match.found) };
  if (!exhaustive || every === null) return { ...base, verdict: 'undecided', unique: false };
  return refusal(r, want, seen, every, discipline, base);
}

/** A snapshot no run records: refused, with the closest of the cuts seen (all of them, when `base.outcomesExhaustive`). */
function refusal(r: RecordedSnapshot, want: ScenarioCut, seen: Seen, every: TrackedCuts, discipline: 'fifo' | 'unordered', base: Base): SnapshotVerdict {
  if (seen.length === 0)
    return {
      ...base,
      verdict: 'refused',
      unique: false,
      reason: base.outcomesExhaustive ? `snapshot ${r.id} never completes in any run of the script` : `no run of the script records it; no cut of snapshot ${r.id} was found to compare it with`,
    };
  let best: { found: FoundCut; view: ScenarioCut; distance: number } | null = null;
  for (const c of seen) {
    const d = distance(want, c.view);
    if (best === null || d < best.distance) best = { ...c, distance: d };
  }
  const closest = best as { found: FoundCut; view: ScenarioCut };
  return { ...base, verdict: 'refused', unique: false, closest: { cut: closest.view, witness: every.witness(closest.found), differences: differences(want, closest.view, discipline) } };
}

/** Tokens in `a` not matched in `b`, as a multiset difference. */
function minus(a: readonly number[], b: readonly number[]): number[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** How far a recorded snapshot is from a cut: tokens misplaced at servers and on links, and links out of order. */
function distance(want: ScenarioCut, got: ScenarioCut): number {
  let d = 0;
  for (const [s, t] of Object.entries(want.tokens)) d += Math.abs(t - (got.tokens[s] ?? 0));
  for (const [l, msgs] of Object.entries(want.channels)) {
    const other = got.channels[l] ?? [];
    const extra = minus(msgs, other);
    const missing = minus(other, msgs);
    d += sum(extra) + sum(missing);
    if (extra.length === 0 && missing.length === 0 && JSON.stringify(msgs) !== JSON.stringify(other)) d += 1;
  }
  return d;
}

const tokens = (n: number): string => `${n} token${n === 1 ? '' : 's'}`;
const list = (xs: readonly number[]): string => `[${xs.map((x) => `token(${x})`).join(', ')}]`;

/** Each way the recorded snapshot differs from a cut (`cut` names it: the closest admissible cut, by default), as a sentence. */
export function differences(want: ScenarioCut, got: ScenarioCut, discipline: 'fifo' | 'unordered', cut = 'the closest admissible cut'): Difference[] {
  const out: Difference[] = [];
  const more: { server: string; by: number }[] = [];
  const fewer: { server: string; by: number }[] = [];
  for (const [s, t] of Object.entries(want.tokens)) {
    const c = got.tokens[s] ?? 0;
    if (t > c) more.push({ server: s, by: t - c });
    if (t < c) fewer.push({ server: s, by: c - t });
  }
  // A server with too many and another with as many too few, and nothing else amiss at servers: tokens moved.
  const pair = more.length === 1 && fewer.length === 1 && more[0]?.by === fewer[0]?.by;
  if (pair) {
    const [to, from] = [more[0] as { server: string; by: number }, fewer[0] as { server: string; by: number }];
    out.push({
      kind: 'moved',
      from: from.server,
      to: to.server,
      tokens: to.by,
      text: `${tokens(to.by)} moved from ${from.server} to ${to.server}: the snapshot records ${from.server} with ${want.tokens[from.server]} and ${to.server} with ${want.tokens[to.server]}, where ${cut} has ${got.tokens[from.server]} and ${got.tokens[to.server]}; no run has ${to.server} hold those tokens while ${from.server} has already given them up`,
    });
  } else {
    for (const m of more)
      out.push({
        kind: 'more',
        server: m.server,
        recorded: want.tokens[m.server] as number,
        closest: got.tokens[m.server] as number,
        text: `${m.server} records ${want.tokens[m.server]} tokens, ${m.by} more than ${cut} (${got.tokens[m.server]}): ${tokens(m.by)} would have to reach ${m.server} before it recorded without having left their sender before it recorded (orphaned), or be invented`,
      });
    for (const f of fewer)
      out.push({
        kind: 'fewer',
        server: f.server,
        recorded: want.tokens[f.server] as number,
        closest: got.tokens[f.server] as number,
        text: `${f.server} records ${want.tokens[f.server]} tokens, ${f.by} fewer than ${cut} (${got.tokens[f.server]}): ${tokens(f.by)} would have to leave ${f.server} before it recorded and be found nowhere in the cut (lost)`,
      });
  }
  for (const [l, msgs] of Object.entries(want.channels)) {
    const other = got.channels[l] ?? [];
    const extra = minus(msgs, other);
    const missing = minus(other, msgs);
    for (const m of extra)
      out.push({ kind: 'invented', channel: l, message: m, text: `${l} records token(${m}) in flight, which ${cut} does not: that message would have to be invented, or counted twice (a phantom)` });
    for (const m of missing)
      out.push({ kind: 'lost', channel: l, message: m, text: `token(${m}) is in flight on ${l} in ${cut}, and the snapshot does not record it: that message would be lost` });
    if (extra.length === 0 && missing.length === 0 && JSON.stringify(msgs) !== JSON.stringify(other))
      out.push({
        kind: 'order',
        channel: l,
        recorded: msgs,
        closest: other,
        text: `${l} records ${list(msgs)} in flight, the right messages in the wrong order: ${discipline === 'fifo' ? 'the link is FIFO, and they were sent, and arrive,' : `${cut} records them`} as ${list(other)}`,
      });
  }
  return out;
}
