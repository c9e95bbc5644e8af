// verify's own decisions, beside the checks': under stop-at-first (the default) a violation in R ends the run before
// the product search, and a model that holds is searched to the end; with every violation asked for, the first
// finding of a check is the one reported; the example run is the first consistent one that records a message in
// flight, or none; progress names its phase; and the figures of a result (the time, the rate, the model line) are
// what they say.
import { describe, expect, it } from 'vitest';
import { verify, type ModelSpec, type PhaseProgress, type Workload } from '../../src/index.ts';
import { model, must, topology } from './models.ts';
import { chandyLamport, type ClState } from '../../src/snapshot/chandy-lamport.ts';
import type { SnapshotAlgorithm } from '../../src/snapshot/api.ts';
import { defaultMaxMemory, defaultMaxStates } from '../../src/check/verify.ts';

const num = (x: unknown): number => x as number;

/** P0 counts up twice on its own, telling P1 each time; P1 counts what it is told. */
const counting: Workload<unknown, unknown> = {
  name: 'counting',
  init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && num(s) < 2 ? [{ label: 'up', next: num(s) + 1, sends: [{ to: 1, msg: 'm' }] }] : []),
  receive: (s) => ({ next: num(s) + 1 }),
};
const spec = (workload: Partial<Workload<unknown, unknown>>, t = 'edges:0>1,1>0'): ModelSpec<unknown, unknown> => ({
  name: 'v',
  topology: topology(t),
  workload: { ...counting, ...workload },
});

describe('a violation in R under stop-at-first, the default', () => {
  const broken = spec({ stable: { 'P0 at one': (v) => v.locals[0] === 1 } });

  it('is the only one reported, with no product search and every other check unknown', () => {
    const r = must(verify(broken, { workers: 1 }));
    expect(r.violations.map((v) => v.check)).toEqual(['stable']);
    expect(r.checks).toEqual({
      consistent: 'unknown', reachable: 'unknown', stable: 'violated', invariant: 'unknown', terminates: 'unknown',
      'exactly-once': 'n/a', 'no-loss': 'n/a', 'no-duplicate': 'n/a',
    });
    expect([r.verdict, r.factsComplete, r.stats.exhaustive, r.stats.stoppedBy]).toEqual(['violated', false, false, 'first-violation']);
    expect([r.stats.productStates, r.stats.completions, r.stats.statesPerSecond, r.stats.reductions]).toEqual([
      0, 0, 0, { partialOrder: 'off (no product search)', symmetry: 'off (no product search)', threads: 0 },
    ]);
  });

  it('gives no example run, there being no product search', () => {
    const r = must(verify(broken, { workers: 1, example: true }));
    expect(r.example).toBeNull();
  });
});

describe('a dead end that leaves the snapshot unfinished, under stop-at-first', () => {
  it('ends the search there, the checks it has not settled unknown', () => {
    // P2 is on no channel: no snapshot ever completes, and every run ends stuck.
    const stuck = spec({}, 'edges:3:0>1,1>0');
    const r = must(verify(stuck, { workers: 1 }));
    expect(r.violations.map((v) => v.check)).toEqual(['terminates']);
    expect([r.checks.consistent, r.checks.reachable, r.checks.terminates, r.stats.stoppedBy]).toEqual(['unknown', 'unknown', 'violated', 'first-violation']);
  });
});

describe('a model that holds, under stop-at-first', () => {
  it('is searched to the end, every check holding', () => {
    const r = must(verify(model('edges:0>1,1>0', 'bank:1,1'), { workers: 1 }));
    expect([r.verdict, r.factsComplete, r.stats.exhaustive, r.stats.stoppedBy]).toEqual(['holds', true, true, null]);
    expect(Object.values(r.checks).filter((c) => c !== 'n/a')).toEqual(['holds', 'holds', 'holds', 'holds', 'holds']);
  });
});

describe('several findings of one check', () => {
  it('report the first one found: an invariant failing at the start before one failing later', () => {
    const r = must(
      verify(spec({ invariants: { 'P0 moved': (v) => num(v.locals[0]) > 0, 'P0 still': (v) => v.locals[0] === 0 } }), { workers: 1, stopAtFirst: false }),
    );
    expect(r.violations.filter((v) => v.check === 'invariant').map((v) => v.explanation)).toEqual([
      "invariant 'P0 moved' fails on a reachable application state, after step 0 (the initial state), with no snapshot involved.",
    ]);
  });
});

describe('the example run', () => {
  it('is the first consistent completion whose cut records a message in flight, though inconsistent ones come sooner', () => {
    const r = must(verify(model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered' } }), { workers: 1, stopAtFirst: false, example: true }));
    expect(r.facts.shortestInconsistent).toBe(4);
    expect(r.example?.steps.map((s) => s.text)).toEqual([
      'P1: transfer to P0',
      'P0 initiates the snapshot',
      'P1 receives marker on P0→P1',
      'P0 receives $1 on P1→P0',
      'P0 receives marker on P1→P0',
    ]);
  });

  it('is none when no snapshot ever completes', () => {
    // P2 is on no channel: no marker reaches it, so it never records.
    const r = must(verify(spec({}, 'edges:3:0>1,1>0'), { workers: 1, stopAtFirst: false, example: true }));
    expect([r.stats.completions, r.example]).toEqual([0, null]);
  });
});

describe('progress', () => {
  const stall = (ms: number): void => {
    const t = performance.now();
    while (performance.now() - t < ms);
  };

  it('names the phase it reports on, once a phase has run a quarter of a second', () => {
    // The invariant holds, but takes its time the first time it sees P0 at one in R; the algorithm takes its time
    // the first time a marker arrives, which only the product search asks (its handlers are asked on demand).
    let slowR = true;
    let slowMarker = true;
    const slowAlgorithm: SnapshotAlgorithm<ClState, null, null, never> = {
      ...chandyLamport,
      name: 'slow markers',
      control: (s, msg, ctx) => (slowMarker && (slowMarker = false, stall(260)), chandyLamport.control(s, msg, ctx)),
    };
    const slow = { ...spec({ invariants: { slow: (v) => (slowR && v.locals[0] === 1 && (slowR = false, stall(260)), true) } }), algorithm: slowAlgorithm };
    const seen: PhaseProgress[] = [];
    const r = must(verify(slow, { workers: 1, stopAtFirst: false, onProgress: (p) => seen.push(p) }));
    expect(r.verdict).toBe('holds');
    expect([...new Set(seen.map((p) => `${p.phase} ${p.maxStates}`))]).toEqual([`application ${defaultMaxStates(defaultMaxMemory())}`, `snapshot ${defaultMaxStates(defaultMaxMemory())}`]);
  });
});

describe('the figures of a result', () => {
  it('time the run from its start to its end', () => {
    const before = performance.now();
    const r = must(verify(model('edges:0>1,1>0', 'bank:1,1'), { workers: 1 }));
    const after = performance.now();
    expect(r.stats.elapsedMs).toBeGreaterThan(0);
    expect(r.stats.elapsedMs).toBeLessThanOrEqual(after - before);
    // The rate divides the states by the product search's time, which a real search spends more than a microsecond on.
    expect(r.stats.statesPerSecond).toBeGreaterThan(0);
    expect(r.stats.statesPerSecond).toBeLessThan(r.stats.productStates * 1e6);
  });

  it('count a topology given without a spec by its processes', () => {
    const t = { n: 2, channels: [{ from: 0, to: 1 }, { from: 1, to: 0 }] };
    const r = must(verify({ ...model('edges:0>1,1>0', 'bank:1,1'), topology: t }, { workers: 1, maxStates: 1 }));
    expect(r.model.topology).toBe('2 processes');
  });

  it.each([
    ['of markers only', { messages: 'markers' as const }],
    ['on some channels', { channels: ['0>1'] }],
  ])('say crashes alone when the network faults, %s, are not asked for', (_, more) => {
    const r = must(verify(model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'fifo', faults: { crash: true, ...more } } }), { workers: 1, maxStates: 1 }));
    expect(r.model.faults).toBe('crashes, budget 1');
  });
});
