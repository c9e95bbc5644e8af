// admit(): is each recorded snapshot one the scenario could have recorded? Explores every timing of the scenario's
// script (the product search alone: admission needs the cuts, not R), collects every distinct cut of each snapshot,
// and judges each recorded snapshot against the cuts of its id: admitted, with a run that records exactly it and
// whether it is the only outcome; or refused, with the closest admissible cut and one sentence per difference.
// Results as data; nothing here prints.

import { type Result, capture } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { CutCollector } from '../check/cuts.ts';
import type { RecordedCut, Trace } from '../check/result.ts';
import { DEFAULT_CAPACITY, DEFAULT_MAX_STATES, MAX_CAPACITY, type PhaseProgress, withGrowingCapacity } from '../check/verify.ts';
import type { Progress } from '../explore/search.ts';
import { exploreProduct } from '../reduce/product.ts';
import { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import type { ScriptOrder, ScriptState } from '../workloads/script.ts';
import type { RecordedSnapshot, ScenarioEvent, ScenarioTopology } from './formats.ts';
import { scenarioModel } from './scenario.ts';

export interface AdmitOptions {
  readonly order?: ScriptOrder;
  readonly discipline?: 'fifo' | 'unordered';
  /** Bound on stored states (default as verify's); reaching it leaves the verdicts undecided, never wrong. */
  readonly maxStates?: number;
  readonly interrupt?: () => boolean;
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

/** Why a refusal is only undecided when the script's snapshots may overlap. */
export const OVERLAP =
  'the script may start a snapshot while the one before it is still running; cutcheck explores snapshots one after another for now, so a snapshot no such run records is undecided, not refused';

export interface AdmitResult {
  readonly model: ModelSpec<ScriptState, number>;
  /** The script may start a snapshot while the one before it runs: only runs in which they do not overlap were explored. */
  readonly overlapping: boolean;
  readonly snapshots: readonly SnapshotVerdict[];
  readonly states: number;
  readonly exhaustive: boolean;
  /** Snapshots the script starts. */
  readonly started: number;
  readonly elapsedMs: number;
}

export function admit(
  topology: ScenarioTopology,
  events: readonly ScenarioEvent[],
  recorded: readonly RecordedSnapshot[],
  options: AdmitOptions = {},
): Result<AdmitResult> {
  const spec = scenarioModel(topology, events, {
    ...(options.order === undefined ? {} : { order: options.order }),
    ...(options.discipline === undefined ? {} : { discipline: options.discipline }),
  });
  if (!spec.ok) return spec;
  const model = resolveModel(spec.value as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  const start = performance.now();
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const started = events.filter((e) => e.kind === 'snapshot').length;
  return capture(() =>
    withGrowingCapacity(model.value, DEFAULT_CAPACITY, MAX_CAPACITY, (cap) => {
      const sys = new ProductSystem(model.value, new WorkloadTable(model.value), model.value.algorithm.impl, cap, model.value.algorithm.snapshots);
      const collector = new CutCollector(sys);
      const search = exploreProduct(
        sys,
        {
          onEvent(vec, _event, parent, code, depth) {
            collector.add(vec, parent, code, depth, sys.isInconsistent(vec), true);
            return false;
          },
        },
        {
          partialOrder: false,
          symmetry: false,
          workers: 1,
          maxStates,
          ...(options.interrupt === undefined ? {} : { interrupt: options.interrupt }),
          ...(options.onProgress === undefined ? {} : { onProgress: (p: Progress) => options.onProgress?.({ ...p, phase: 'snapshot', maxStates }) }),
        },
      );
      const exhaustive = !search.truncated && !search.stopped;
      const cuts = [...collector.entries(search.store)];
      const names = topology.servers.map((s) => s.id);
      const links = topology.links.map((l) => `${l.src}→${l.dst}`);
      // Each cut in the assignment's terms, made once for every snapshot file judged against it.
      const seen = cuts.map((cut) => ({ cut, view: scenarioCut(cut, names, links) }));
      const judged = recorded.map((r) => judge(r, seen.filter((s) => s.cut.snapshot === r.id), names, links, exhaustive, started, spec.value.network?.discipline ?? 'fifo'));
      return {
        model: spec.value,
        // Snapshots that could overlap were explored one after another: a cut found is a real outcome, but one not
        // found might come from a run in which they overlap, so a refusal, or a claim that an outcome is the only
        // one, would claim too much.
        snapshots: sys.heldBack ? judged.map((v) => (v.verdict === 'refused' ? { ...v, verdict: 'undecided' as const, reason: OVERLAP } : { ...v, unique: false })) : judged,
        overlapping: sys.heldBack,
        states: search.states,
        exhaustive,
        started,
        elapsedMs: performance.now() - start,
      };
    }),
  );
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
