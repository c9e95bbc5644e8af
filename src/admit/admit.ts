// admit(): is each recorded snapshot one the scenario could have recorded? Explores every timing of the scenario's
// script (the product search alone: admission needs the cuts, not R), collects every distinct cut of each snapshot,
// and judges each recorded snapshot against the cuts of its id: admitted, with a run that records exactly it and
// whether it is the only outcome; or refused, with the closest admissible cut and one sentence per difference.
// Results as data; nothing here prints.

import { type Result, capture, ok } from '../errors.ts';
import type { Model, ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { CutCollector } from '../check/cuts.ts';
import type { RecordedCut, Trace } from '../check/result.ts';
import { DEFAULT_CAPACITY, DEFAULT_MAX_STATES, MAX_CAPACITY, type PhaseProgress, withGrowingCapacity } from '../check/verify.ts';
import { type Progress, search as searchStates } from '../explore/search.ts';
import { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import type { ScriptOrder, ScriptState } from '../workloads/script.ts';
import type { RecordedSnapshot, ScenarioEvent, ScenarioTopology } from './formats.ts';
import { CutExpander } from './eager.ts';
import { scenarioModel } from './scenario.ts';

export interface AdmitOptions {
  readonly order?: ScriptOrder;
  readonly discipline?: 'fifo' | 'unordered';
  /** Bound on stored states (default as verify's); reaching it leaves the verdicts undecided, never wrong. */
  readonly maxStates?: number;
  readonly interrupt?: () => boolean;
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
  /** How many distinct cuts the scenario can record for this snapshot (all of them when the search was exhaustive). */
  readonly outcomes: number;
  /** Admitted, and the only cut the scenario can record for this snapshot: the outcome does not depend on timing. */
  readonly unique: boolean;
  /** Admitted: a run that records exactly this snapshot. */
  readonly witness?: Trace;
  /** Refused: the admissible cut that differs least, a run that records it, and each difference in a sentence. */
  readonly closest?: { readonly cut: ScenarioCut; readonly witness: Trace; readonly differences: readonly Difference[] };
  /** Refused with no cut to compare: why (the script starts no such snapshot, or never completes it). */
  readonly reason?: string;
}

/** One search: every timing of the script, following one snapshot (see proofs/overlapping-snapshots.md). */
export interface SnapshotSearch {
  readonly snapshot: number;
  readonly states: number;
  readonly exhaustive: boolean;
  readonly elapsedMs: number;
  /** 'on', or why partial-order reduction is off. */
  readonly partialOrder: string;
}

export interface AdmitResult {
  readonly model: ModelSpec<ScriptState, number>;
  readonly snapshots: readonly SnapshotVerdict[];
  /** One search per snapshot id some file names and the script starts, in id order. */
  readonly searches: readonly SnapshotSearch[];
  /** States stored, over every search. */
  readonly states: number;
  /** Every search explored every timing. */
  readonly exhaustive: boolean;
  /** Snapshots the script starts. */
  readonly started: number;
  readonly elapsedMs: number;
}

/**
 * Judges each recorded snapshot. Snapshots may overlap, as the harness starts each at its place in the script: each
 * snapshot id that some file names is searched on its own, following that snapshot alone (proofs/overlapping-snapshots.md shows
 * that it can record exactly the cuts it can record among the others). A search stops following a run once its
 * snapshot has completed: what the run does next cannot change the cut.
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
  const names = topology.servers.map((s) => s.id);
  const links = topology.links.map((l) => `${l.src}→${l.dst}`);
  const ids = [...new Set(recorded.map((r) => r.id).filter((id) => id < started))].sort((a, b) => a - b);
  const searches: SnapshotSearch[] = [];
  // Each snapshot's cuts in the assignment's terms, made once for every snapshot file judged against them.
  const seen = new Map<number, readonly { readonly cut: RecordedCut; readonly view: ScenarioCut }[]>();
  for (const id of ids) {
    const tracked = scenarioModel(topology, events, { ...how, track: id });
    const model = tracked.ok ? resolveModel(tracked.value as unknown as ModelSpec<unknown, unknown>) : tracked;
    if (!model.ok) return model;
    const found = capture(() => trackedCuts(model.value, maxStates, options));
    if (!found.ok) return found;
    const { states, exhaustive, elapsedMs, partialOrder } = found.value;
    searches.push({ snapshot: id, states, exhaustive, elapsedMs, partialOrder });
    seen.set(id, found.value.cuts.map((cut) => ({ cut, view: scenarioCut(cut, names, links) })));
    if (options.interrupt?.() === true) break;
  }
  const discipline = spec.value.network?.discipline ?? 'fifo';
  const snapshots = recorded.map((r) => {
    const search = searches.find((s) => s.snapshot === r.id);
    // A snapshot the script starts but no search reached (an interruption) is undecided.
    const exhaustive = r.id >= started || search?.exhaustive === true;
    return judge(r, seen.get(r.id) ?? [], names, links, exhaustive, started, discipline);
  });
  return ok({
    model: spec.value,
    snapshots,
    searches,
    states: searches.reduce((a, s) => a + s.states, 0),
    exhaustive: searches.length === ids.length && searches.every((s) => s.exhaustive),
    started,
    elapsedMs: performance.now() - start,
  });
}

/** Every distinct cut of the one snapshot `model` follows (`algorithm.track`, see proofs/overlapping-snapshots.md), over every timing of its script. */
export function trackedCuts(
  model: Model,
  maxStates: number,
  options: AdmitOptions = {},
): { cuts: RecordedCut[]; states: number; exhaustive: boolean; elapsedMs: number; partialOrder: string } {
  const snapshot = model.algorithm.track ?? 0;
  return withGrowingCapacity(model, DEFAULT_CAPACITY, MAX_CAPACITY, (cap) => {
    const sys = new ProductSystem(model, new WorkloadTable(model), model.algorithm.impl, cap, model.algorithm.snapshots);
    const collector = new CutCollector(sys);
    const expander = new CutExpander(sys, options.partialOrder !== false);
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
      cuts: [...collector.entries(search.store)],
      states: search.states,
      exhaustive: !search.truncated && !search.stopped,
      elapsedMs: search.elapsedMs,
      partialOrder: expander.partialOrder,
    };
  });
}

/** A cut of the search in the assignment's terms. */
function scenarioCut(c: RecordedCut, names: readonly string[], links: readonly string[]): ScenarioCut {
  return {
    tokens: Object.fromEntries(names.map((n, p) => [n, c.cut.locals[p] as number])),
    channels: Object.fromEntries(links.map((l, i) => [l, (c.cut.channels[i]?.messages ?? []) as number[]])),
  };
}

/** A recorded snapshot in the same terms. */
function recordedCut(r: RecordedSnapshot, names: readonly string[], links: readonly string[]): ScenarioCut {
  const on = new Map(r.messages.map((m) => [`${m.src}→${m.dst}`, m.tokens]));
  return { tokens: Object.fromEntries(names.map((n) => [n, r.tokens.get(n) ?? 0])), channels: Object.fromEntries(links.map((l) => [l, on.get(l) ?? []])) };
}

const same = (a: ScenarioCut, b: ScenarioCut): boolean => JSON.stringify(a) === JSON.stringify(b);

function judge(
  r: RecordedSnapshot,
  cuts: readonly { readonly cut: RecordedCut; readonly view: ScenarioCut }[],
  names: readonly string[],
  links: readonly string[],
  exhaustive: boolean,
  started: number,
  discipline: 'fifo' | 'unordered',
): SnapshotVerdict {
  const base = { file: r.file, id: r.id, outcomes: cuts.length };
  const want = recordedCut(r, names, links);
  const match = cuts.find((c) => same(c.view, want));
  if (match !== undefined) return { ...base, verdict: 'admitted', unique: exhaustive && cuts.length === 1, witness: match.cut.witness };
  if (!exhaustive) return { ...base, verdict: 'undecided', unique: false };
  if (r.id >= started)
    return { ...base, verdict: 'refused', unique: false, reason: `the script starts ${started === 0 ? 'no snapshot' : `only snapshot${started === 1 ? ' 0' : `s 0 to ${started - 1}`}`}, so it cannot record snapshot ${r.id}` };
  if (cuts.length === 0) return { ...base, verdict: 'refused', unique: false, reason: `snapshot ${r.id} never completes in any run of the script` };
  let best: { cut: RecordedCut; view: ScenarioCut; distance: number } | null = null;
  for (const c of cuts) {
    const d = distance(want, c.view);
    if (best === null || d < best.distance) best = { ...c, distance: d };
  }
  const closest = best as { cut: RecordedCut; view: ScenarioCut };
  return { ...base, verdict: 'refused', unique: false, closest: { cut: closest.view, witness: closest.cut.witness, differences: differences(want, closest.view, discipline) } };
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

/** Each way the recorded snapshot differs from the closest admissible cut, as a sentence. */
function differences(want: ScenarioCut, got: ScenarioCut, discipline: 'fifo' | 'unordered'): Difference[] {
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
      text: `${tokens(to.by)} moved from ${from.server} to ${to.server}: the snapshot records ${from.server} with ${want.tokens[from.server]} and ${to.server} with ${want.tokens[to.server]}, where the closest admissible cut has ${got.tokens[from.server]} and ${got.tokens[to.server]}; no run has ${to.server} hold those tokens while ${from.server} has already given them up`,
    });
  } else {
    for (const m of more)
      out.push({
        kind: 'more',
        server: m.server,
        recorded: want.tokens[m.server] as number,
        closest: got.tokens[m.server] as number,
        text: `${m.server} records ${want.tokens[m.server]} tokens, ${m.by} more than the closest admissible cut (${got.tokens[m.server]}): ${tokens(m.by)} would have to reach ${m.server} before it recorded without having left their sender before it recorded (orphaned), or be invented`,
      });
    for (const f of fewer)
      out.push({
        kind: 'fewer',
        server: f.server,
        recorded: want.tokens[f.server] as number,
        closest: got.tokens[f.server] as number,
        text: `${f.server} records ${want.tokens[f.server]} tokens, ${f.by} fewer than the closest admissible cut (${got.tokens[f.server]}): ${tokens(f.by)} would have to leave ${f.server} before it recorded and be found nowhere in the cut (lost)`,
      });
  }
  for (const [l, msgs] of Object.entries(want.channels)) {
    const other = got.channels[l] ?? [];
    const extra = minus(msgs, other);
    const missing = minus(other, msgs);
    for (const m of extra)
      out.push({ kind: 'invented', channel: l, message: m, text: `${l} records token(${m}) in flight, which the closest admissible cut does not: that message would have to be invented, or counted twice (a phantom)` });
    for (const m of missing)
      out.push({ kind: 'lost', channel: l, message: m, text: `token(${m}) is in flight on ${l} in the closest admissible cut, and the snapshot does not record it: that message would be lost` });
    if (extra.length === 0 && missing.length === 0 && JSON.stringify(msgs) !== JSON.stringify(other))
      out.push({
        kind: 'order',
        channel: l,
        recorded: msgs,
        closest: other,
        text: `${l} records ${list(msgs)} in flight, the right messages in the wrong order: ${discipline === 'fifo' ? 'the link is FIFO, and they were sent, and arrive,' : 'the closest admissible cut records them'} as ${list(other)}`,
      });
  }
  return out;
}
