// Overlapping snapshots, followed one at a time (proofs/overlapping-snapshots.md): the cuts each snapshot can record when the
// harness runs every snapshot at once, found here by a naive search written for this test alone, are exactly the
// cuts cutcheck finds following that snapshot alone, on random scripts with snapshots that overlap, on FIFO and
// unordered links; and `admit`, searching for one file's cut alone, admits exactly those.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admit, trackedCuts } from '../src/admit/admit.ts';
import { verify } from '../src/check/verify.ts';
import type { RecordedSnapshot, ScenarioEvent, ScenarioTopology } from '../src/admit/formats.ts';
import { scenarioModel } from '../src/admit/scenario.ts';
import { resolveModel } from '../src/model/define.ts';
import type { ModelSpec } from '../src/model/types.ts';
import type { ScriptOrder } from '../src/workloads/script.ts';
import { must } from './mutation/models.ts';

type Item = { readonly token: number } | { readonly marker: number };
type Discipline = 'fifo' | 'unordered';
/** Messages recorded in flight: in arrival order on a FIFO link, as a multiset (sorted) on an unordered one. */
const inFlight = (d: Discipline, m: readonly number[]): number[] => (d === 'fifo' ? [...m] : [...m].sort((a, b) => a - b));

interface Snap {
  /** Each server's recorded tokens, or null before it records. */
  readonly rec: (number | null)[];
  /** Per link: recording it (its receiver recorded, its marker not yet in). */
  readonly recording: boolean[];
  /** Per link: its marker arrived. */
  readonly marked: boolean[];
  readonly chan: number[][];
  completed: boolean;
}

interface Joint {
  readonly next: number[];
  turn: number;
  readonly tokens: number[];
  readonly queues: Item[][];
  readonly snaps: Snap[];
}

/**
 * Every cut each snapshot can record, the harness running all of them at once with markers that carry their ids,
 * each snapshot with its own recording state (Chandy-Lamport on FIFO links, in the script's order).
 */
function naiveCuts(topology: ScenarioTopology, events: readonly ScenarioEvent[], order: ScriptOrder, discipline: Discipline = 'fifo'): Set<string>[] {
  const servers = topology.servers.map((s) => s.id);
  const n = servers.length;
  const links = topology.links.map((l) => ({ src: servers.indexOf(l.src), dst: servers.indexOf(l.dst) }));
  const script = events.flatMap((e) => (e.kind === 'tick' ? [] : [e]));
  const owner = script.map((e) => servers.indexOf(e.kind === 'send' ? e.src : e.server));
  const own = servers.map((_, p) => script.flatMap((_e, i) => (owner[i] === p ? [i] : [])));
  const ids = script.flatMap((e) => (e.kind === 'snapshot' ? [e.id] : []));
  const found = ids.map(() => new Set<string>());
  const snap = (): Snap => ({ rec: servers.map(() => null), recording: links.map(() => false), marked: links.map(() => false), chan: links.map(() => []), completed: false });
  const start: Joint = { next: servers.map(() => 0), turn: 0, tokens: topology.servers.map((s) => s.tokens), queues: links.map(() => []), snaps: ids.map(snap) };
  const copy = (j: Joint): Joint => structuredClone(j);
  const record = (j: Joint, id: number, p: number, closed: number) => {
    const s = j.snaps[id] as Snap;
    s.rec[p] = j.tokens[p] as number;
    links.forEach((l, c) => {
      if (l.dst === p && c !== closed) s.recording[c] = true;
      if (l.src === p) j.queues[c]?.push({ marker: id });
    });
  };
  const complete = (j: Joint) => {
    j.snaps.forEach((s, id) => {
      if (s.completed || s.rec.some((r) => r === null) || s.marked.some((m) => !m)) return;
      s.completed = true;
      found[id]?.add(JSON.stringify({ tokens: s.rec, channels: s.chan.map((m) => inFlight(discipline, m)) }));
    });
  };
  const successors = (j: Joint): Joint[] => {
    out.length = 0;
    for (let p = 0; p < n; p++) {
      const i = own[p]?.[j.next[p] as number];
      if (i === undefined || (order === 'global' && i !== j.turn)) continue;
      const e = script[i] as Exclude<ScenarioEvent, { kind: 'tick' }>;
      if (e.kind === 'send' && (j.tokens[p] as number) < e.tokens) continue;
      const k = copy(j);
      k.next[p]!++;
      k.turn++;
      if (e.kind === 'send') {
        k.tokens[p]! -= e.tokens;
        k.queues[links.findIndex((l) => l.src === p && l.dst === servers.indexOf(e.dst))]?.push({ token: e.tokens });
      } else record(k, ids.indexOf(e.id), p, -1);
      complete(k);
      out.push(k);
    }
    links.forEach((l, c) => {
      // FIFO: the head only; unordered: any message in flight.
      const positions = discipline === 'fifo' ? Math.min(1, (j.queues[c] as Item[]).length) : (j.queues[c] as Item[]).length;
      for (let at = 0; at < positions; at++) deliver(j, l, c, at);
    });
    return out;
  };
  const out: Joint[] = [];
  const deliver = (j: Joint, l: { src: number; dst: number }, c: number, at: number) => {
    const k = copy(j);
    const item = (k.queues[c] as Item[]).splice(at, 1)[0] as Item;
    if ('token' in item) {
      k.tokens[l.dst]! += item.token;
      for (const s of k.snaps) if (s.recording[c] === true) s.chan[c]?.push(item.token);
    } else {
      const s = k.snaps[item.marker] as Snap;
      s.marked[c] = true;
      if (s.rec[l.dst] === null) record(k, item.marker, l.dst, c);
      else s.recording[c] = false;
    }
    complete(k);
    out.push(k);
  };
  const seen = new Set<string>([JSON.stringify(start)]);
  for (let frontier = [start]; frontier.length > 0; ) {
    const next: Joint[] = [];
    for (const j of frontier)
      for (const k of [...successors(j)]) {
        const key = JSON.stringify(k);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(k);
        }
      }
    frontier = next;
  }
  return found;
}

/** cutcheck's cuts of each snapshot, each found following that snapshot alone. */
function trackedPerSnapshot(topology: ScenarioTopology, events: readonly ScenarioEvent[], order: ScriptOrder, discipline: Discipline = 'fifo'): Set<string>[] {
  const ids = events.filter((e) => e.kind === 'snapshot').length;
  return Array.from({ length: ids }, (_, k) => {
    const model = must(resolveModel(must(scenarioModel(topology, events, { order, discipline, track: k })) as unknown as ModelSpec<unknown, unknown>));
    const r = trackedCuts(model, 1_000_000);
    expect(r.exhaustive).toBe(true);
    return new Set(r.cuts.map((c) => JSON.stringify({ tokens: c.cut.locals, channels: c.cut.channels.map((ch) => inFlight(discipline, ch.messages as number[])) })));
  });
}

/** A ring over 2 or 3 servers with optional chords, a few sends and 2 or 3 snapshot lines placed anywhere. */
const scenarios = fc
  .record({
    n: fc.integer({ min: 2, max: 3 }),
    chords: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { maxLength: 2 }),
    tokens: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
    sends: fc.array(fc.record({ link: fc.nat(5), tokens: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 4 }),
    snapshots: fc.array(fc.record({ at: fc.nat(2), place: fc.nat(6) }), { minLength: 2, maxLength: 3 }),
    order: fc.constantFrom<ScriptOrder>('global', 'process'),
    discipline: fc.constantFrom<Discipline>('fifo', 'fifo', 'unordered'),
  })
  .map(({ n, chords, tokens, sends: allSends, snapshots: allSnapshots, order, discipline }) => {
    // Unordered links multiply the naive search's states: fewer events there.
    const sends = discipline === 'fifo' ? allSends : allSends.slice(0, 3);
    const snapshots = discipline === 'fifo' ? allSnapshots : allSnapshots.slice(0, 2);
    const servers = Array.from({ length: n }, (_, i) => ({ id: `N${i + 1}`, tokens: tokens[i] as number }));
    const pairs = new Set(Array.from({ length: n }, (_, i) => `${i},${(i + 1) % n}`));
    for (const [a, b] of chords) if (a < n && b < n && a !== b) pairs.add(`${a},${b}`);
    const links = [...pairs].map((p) => p.split(',').map(Number) as [number, number]).map(([a, b]) => ({ src: `N${a + 1}`, dst: `N${b + 1}` }));
    const events: ScenarioEvent[] = sends.map((s, i) => {
      const l = links[s.link % links.length] as { src: string; dst: string };
      return { kind: 'send', src: l.src, dst: l.dst, tokens: s.tokens, line: i + 1 };
    });
    [...snapshots].sort((a, b) => a.place - b.place).forEach((s, id) => {
      events.splice(Math.min(s.place + id, events.length), 0, { kind: 'snapshot', server: `N${(s.at % n) + 1}`, id, line: 0 });
    });
    // Snapshot ids follow the order of the snapshot lines.
    let id = 0;
    const numbered = events.map((e, i) => (e.kind === 'snapshot' ? { ...e, id: id++, line: i + 1 } : { ...e, line: i + 1 }));
    return { topology: { servers, links }, events: numbered, order, discipline };
  });

describe('snapshots that overlap, each followed alone', () => {
  it('record exactly the cuts they record when the harness runs them all at once, on random scripts', () => {
    fc.assert(
      fc.property(scenarios, ({ topology, events, order, discipline }) => {
        const naive = naiveCuts(topology, events, order, discipline);
        const tracked = trackedPerSnapshot(topology, events, order, discipline);
        expect(tracked.map((s) => [...s].sort())).toEqual(naive.map((s) => [...s].sort()));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('are each judged by verify, whose cuts of each snapshot are the harness\'s, on random scripts', () => {
    fc.assert(
      fc.property(scenarios, ({ topology, events, order, discipline }) => {
        const naive = naiveCuts(topology, events, order, discipline);
        const r = must(verify(must(scenarioModel(topology, events, { order, discipline })) as unknown as ModelSpec<unknown, unknown>, { stopAtFirst: false, cuts: true, workers: 1 }));
        expect([r.snapshotRuns, r.perSnapshot?.length, r.factsComplete]).toEqual(['each alone', naive.length, true]);
        const per = naive.map((_, k) =>
          [...new Set((r.cuts ?? []).filter((c) => c.snapshot === k).map((c) => JSON.stringify({ tokens: c.cut.locals, channels: c.cut.channels.map((ch) => inFlight(discipline, ch.messages as number[])) })))].sort(),
        );
        expect(per).toEqual(naive.map((s) => [...s].sort()));
        // A check fails for the script when it fails for one of its snapshots.
        expect(r.checks.consistent === 'violated').toBe(r.perSnapshot?.some((x) => x.facts.inconsistentCuts > 0));
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it('give some snapshot a cut only an overlapping run records, on a script built for it', () => {
    // N2 starts snapshot 1 right after N1 started snapshot 0: in a run where N2 records for 1 before 0's marker
    // arrives, snapshot 0 records N2 after its send of 1 token, a cut no run with snapshot 1 after 0 can give.
    const topology: ScenarioTopology = { servers: [{ id: 'N1', tokens: 2 }, { id: 'N2', tokens: 2 }], links: [{ src: 'N1', dst: 'N2' }, { src: 'N2', dst: 'N1' }] };
    const events: ScenarioEvent[] = [
      { kind: 'snapshot', server: 'N1', id: 0, line: 1 },
      { kind: 'snapshot', server: 'N2', id: 1, line: 2 },
      { kind: 'send', src: 'N2', dst: 'N1', tokens: 1, line: 3 },
    ];
    const naive = naiveCuts(topology, events, 'global');
    const tracked = trackedPerSnapshot(topology, events, 'global');
    expect(tracked.map((s) => [...s].sort())).toEqual(naive.map((s) => [...s].sort()));
    expect(tracked[0]).toContain(JSON.stringify({ tokens: [2, 1], channels: [[], [1]] }));
  });
});

describe("admit's search for one file's cut alone", () => {
  /** A cut in the naive search's form, as the assignment's snapshot file `id` for `topology`. */
  const snapshotOf = (topology: ScenarioTopology, id: number, cut: { tokens: number[]; channels: number[][] }): RecordedSnapshot => ({
    file: `s${id}.txt`,
    id,
    tokens: new Map(topology.servers.map((s, p) => [s.id, cut.tokens[p] as number])),
    messages: topology.links.flatMap((l, i) => ((cut.channels[i] ?? []).length === 0 ? [] : [{ src: l.src, dst: l.dst, tokens: cut.channels[i] as number[] }])),
  });

  it('admits exactly the cuts the naive search finds, and refuses altered ones, on random scripts', () => {
    const verdicts = new Set<string>();
    fc.assert(
      fc.property(scenarios, fc.nat(), fc.constantFrom('move', 'drop', 'add', 'swap', 'none'), ({ topology, events, order, discipline }, pick, how) => {
        const naive = naiveCuts(topology, events, order, discipline);
        const candidates = naive.flatMap((set, id) => {
          const cuts = [...set].map((c) => JSON.parse(c) as { tokens: number[]; channels: number[][] });
          const real = cuts[pick % Math.max(1, cuts.length)];
          if (real === undefined) return [];
          // The same cut with a token moved between the first two servers, a message dropped from a channel, one
          // added, two swapped on a channel, or as it is.
          const busy = real.channels.findIndex((m) => m.length > 0);
          const channels = real.channels.map((m, i) =>
            i !== Math.max(0, busy) ? m : how === 'drop' ? m.slice(1) : how === 'add' ? [...m, 1] : how === 'swap' ? [...m].reverse() : m,
          );
          const altered = { tokens: real.tokens.map((t, p) => (how !== 'move' ? t : p === 0 ? t + 1 : p === 1 ? t - 1 : t)), channels };
          const normal = (c: { tokens: number[]; channels: number[][] }) => JSON.stringify({ tokens: c.tokens, channels: c.channels.map((m) => inFlight(discipline, m)) });
          return [real, altered].map((c) => ({ id, cut: c, admissible: set.has(normal(c)) }));
        });
        fc.pre(candidates.length > 0);
        // A bound of one state on the search for every cut: each file is searched for alone.
        const r = must(admit(topology, events, candidates.map((c) => snapshotOf(topology, c.id, c.cut)), { order, discipline, everyCutStates: 1 }));
        expect(r.snapshots.map((s) => s.verdict)).toEqual(candidates.map((c) => (c.admissible ? 'admitted' : 'refused')));
        expect(r.searches.some((s) => s.file !== undefined)).toBe(true);
        for (const s of r.snapshots) verdicts.add(s.verdict);
      }),
      { numRuns: 80, seed: 12 },
    );
    expect([...verdicts].sort()).toEqual(['admitted', 'refused']);
  });
});
