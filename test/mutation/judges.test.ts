// What each check's judges find, and what they say, on models made to fail them one way at a time: a workload
// whose declared stable property and invariant break with no snapshot involved, an inconsistent cut that reports a
// stable property too early and denies another, and each way a snapshot can fail to terminate. Findings along a
// path are listed whole, so a judge that reports too much fails as surely as one that reports too little.
import { describe, expect, it } from 'vitest';
import { execute, replayTrace, traceSteps, traceViolation, verify, type ModelSpec, type ScriptStep, type Workload } from '../../src/index.ts';
import { PathChecker } from '../../src/check/path.ts';
import { resolveModel } from '../../src/model/define.ts';
import { model, must, topology } from './models.ts';

const count = (x: unknown): number => x as number;

/** P0 counts up twice on its own, telling P1 each time; P1 counts what it is told. */
const counting: Workload<unknown, unknown> = {
  name: 'counting',
  init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && count(s) < 2 ? [{ label: 'up', next: count(s) + 1, sends: [{ to: 1, msg: 'm' }] }] : []),
  receive: (s) => ({ next: count(s) + 1 }),
};

const spec = (workload: Partial<Workload<unknown, unknown>>, more: Partial<ModelSpec<unknown, unknown>> = {}): ModelSpec<unknown, unknown> => ({
  name: 'judged',
  topology: topology('edges:0>1,1>0'),
  workload: { ...counting, ...workload },
  ...more,
});

/** Every finding along the scripted path, as `step check name kind`. */
const along = (s: ModelSpec<unknown, unknown>, steps: readonly ScriptStep[]): string[] => {
  const checker = new PathChecker(must(resolveModel(s)), 64);
  return checker.check(must(checker.resolve(steps))).map(({ at, finding: f }) =>
    [at, f.check, f.source, f.name ?? '-', f.kind ?? '-', f.detail === undefined ? '-' : JSON.stringify(f.detail)].join(' '));
};

const up: ScriptStep = { kind: 'act', process: 0 };
const tell: ScriptStep = { kind: 'deliver', from: 0, to: 1 };

describe('a stable property and an invariant that break with no snapshot involved', () => {
  const broken = spec({
    stable: { 'P0 at one': (v) => v.locals[0] === 1, 'P1 told': (v) => count(v.locals[1]) >= 1 },
    invariants: { 'P0 below two': (v) => count(v.locals[0]) < 2, 'under nine': (v) => count(v.locals[0]) + count(v.locals[1]) < 9 },
  });

  it('are found along a path exactly where they break, and only there', () => {
    expect(along(broken, [up, tell, up, tell])).toEqual([
      '3 stable app P0 at one not-stable -',
      '3 invariant app P0 below two - -',
      '4 invariant app P0 below two - -',
    ]);
  });

  it('are each reported by verify with the step that breaks them and a trace that ends there', () => {
    const r = must(verify(broken, { workers: 1, stopAtFirst: false }));
    expect(r.checks).toMatchObject({ stable: 'violated', invariant: 'violated', consistent: 'holds', reachable: 'holds', terminates: 'holds' });
    expect(r.violations.map((v) => [v.check, v.explanation, v.trace.steps.length])).toEqual([
      ['stable', "'P0 at one' is declared stable but is not: it holds after step 1 and no longer holds after step 2 (P0: up), with no snapshot involved.", 2],
      ['invariant', "invariant 'P0 below two' fails on a reachable application state, after step 2, with no snapshot involved.", 2],
    ]);
  });

  it('replay from their trace documents to the same violation', () => {
    const r = must(verify(broken, { workers: 1, stopAtFirst: false }));
    for (const v of r.violations) {
      const t = must(traceViolation(broken, v));
      const again = must(replayTrace(broken, t.doc));
      expect(again.recurs).toBe(true);
      expect(again.violation?.explanation).toBe(v.explanation);
      expect(t.doc.violation?.signature).toBe(v.check === 'stable' ? 'stable|state|P0 at one|not-stable' : 'invariant|state|P0 below two|');
    }
  });

  it('name the stable property a scripted run breaks, one step later than it last held', () => {
    const t = must(traceSteps(broken, [up, tell, up]));
    expect(t.shown?.explanation).toBe("'P0 at one' is declared stable but is not: it holds after step 2 and no longer holds after step 3 (P0: up), with no snapshot involved.");
  });

  it('say so when an invariant fails on the initial state', () => {
    const r = must(verify(spec({ invariants: { 'P0 positive': (v) => count(v.locals[0]) > 0 } }), { workers: 1, stopAtFirst: false }));
    expect(r.violations.map((v) => [v.check, v.explanation, v.trace.steps.length])).toEqual([
      ['invariant', "invariant 'P0 positive' fails on a reachable application state, after step 0 (the initial state), with no snapshot involved.", 0],
    ]);
  });
});

describe('an inconsistent cut judged against stable properties', () => {
  // On unordered channels P0's message after it recorded overtakes its marker, so P1 records having heard of a
  // step P0's recorded state has not taken.
  const unordered = { network: { discipline: 'unordered' as const } };
  const overtaken: ScriptStep[] = [{ kind: 'initiate', process: 0 }, up, { kind: 'deliver', from: 0, to: 1, message: 'm' }, tell, { kind: 'deliver', from: 1, to: 0 }];
  const early = { 'P1 ahead of P0': (v: { locals: readonly unknown[] }) => count(v.locals[1]) >= 1 && v.locals[0] === 0 };
  const denied = { 'P1 behind P0': (v: { locals: readonly unknown[] }) => count(v.locals[1]) <= count(v.locals[0]) };
  const always = { 'P1 not negative': (v: { locals: readonly unknown[] }) => count(v.locals[1]) >= 0 };

  it('reports one true on the cut and false at completion too early, denies one that held from the start, and leaves one always true alone', () => {
    expect(along(spec({ stable: { ...early, ...denied, ...always } }, unordered), overtaken)).toEqual([
      '5 consistent product - - -',
      '5 reachable product - - {"inR":false,"finalInR":true}',
      '5 stable product P1 ahead of P0 cut-final -',
      '5 stable product P1 behind P0 cut-init -',
    ]);
  });

  it('finds nothing to say about stable properties when none is declared', () => {
    expect(along(spec({}, unordered), overtaken)).toEqual(['5 consistent product - - -', '5 reachable product - - {"inR":false,"finalInR":true}']);
  });

  it('explains a property reported too early', () => {
    const r = must(verify(spec({ stable: { ...early, ...always } }, unordered), { workers: 1, stopAtFirst: false }));
    const v = r.violations.find((x) => x.check === 'stable');
    expect(v?.explanation).toMatch(/^Stable property 'P1 ahead of P0' holds on the cut recorded at step 5 but not on the state when the snapshot completed, so the snapshot reports it too early\. Message #2 /);
  });

  it('explains a property denied', () => {
    const r = must(verify(spec({ stable: { ...denied, ...always } }, unordered), { workers: 1, stopAtFirst: false }));
    const v = r.violations.find((x) => x.check === 'stable');
    expect(v?.explanation).toMatch(/^Stable property 'P1 behind P0' is false on the cut recorded at step 5 although it already held initially, so the snapshot denies it\. Message #2 /);
  });

  it('holds on every cut for a property true everywhere', () => {
    const r = must(verify(spec({ stable: always }, unordered), { workers: 1, stopAtFirst: false }));
    expect(r.checks.stable).toBe('holds');
    expect(r.checks.consistent).toBe('violated');
  });

  it('judges each invariant on the cut, naming the first that fails', () => {
    const s = spec({ invariants: { 'P1 behind P0': denied['P1 behind P0'], 'P1 ahead of P0': (v) => !early['P1 ahead of P0'](v) } }, unordered);
    expect(along(s, overtaken)).toEqual([
      '5 consistent product - - -',
      '5 reachable product - - {"inR":false,"finalInR":true}',
      '5 invariant product P1 behind P0 - -',
    ]);
    const v = must(verify(s, { workers: 1, stopAtFirst: false })).violations.find((x) => x.check === 'invariant');
    expect(v?.explanation).toMatch(/^Invariant 'P1 behind P0' fails on the cut recorded at step 5\. Message #2 /);
  });
});

describe('a snapshot that does not terminate is explained by what it lacks', () => {
  const lossy = { discipline: 'fifo' as const, faults: { lossy: true } };
  const cases: readonly [string, ModelSpec<unknown, unknown>, string][] = [
    ['processes that never record, and channels left open', model('line:3', 'bank:1,1', { network: lossy }),
      'P1, P2 never record (channels still open: P0→P1, P1→P0, P1→P2, P2→P1).'],
    ['one channel held back by its receiver', model('fanin:2', 'token:1', { algorithm: 'abs', network: lossy }),
      'sum never records; s0→sum is held back by its receiver, waiting for barriers that cannot come (channels still open: s0→sum, s1→sum).'],
    ['two channels held back by their receivers', model('fanin:3', 'records:1', { algorithm: 'abs', network: lossy }),
      'sum never records; s1→sum, s2→sum are held back by their receivers, waiting for barriers that cannot come (channels still open: s0→sum, s1→sum, s2→sum).'],
    ['a channel never closed', model('fanin:2', 'bank:1,1', { algorithm: 'unaligned', network: lossy }),
      'every process recorded but s1→sum never closed.'],
    ['a process that never finishes', model('fanin:2', 'records:1', { algorithm: 'unaligned/no-channel-state', network: lossy }),
      'every process recorded but sum never finished.'],
  ];
  it.each(cases)('%s', (_, s, text) => {
    const r = must(verify(s, { workers: 1, stopAtFirst: false }));
    const v = r.violations.find((x) => x.check === 'terminates');
    expect(v?.explanation.endsWith(text)).toBe(true);
    expect(v?.explanation).toMatch(/^After step \d+ no step is enabled, yet the snapshot is not complete: /);
  });
});

describe('a path checked step by step', () => {
  const lossy = spec({}, { network: { discipline: 'fifo', faults: { lossy: true } } });
  const dropped: ScriptStep[] = [{ kind: 'initiate', process: 0 }, { kind: 'drop', from: 0, to: 1 }, up, up, tell, tell];

  it('reports a snapshot left unfinished at a dead end, once, at the end', () => {
    expect(along(lossy, dropped)).toEqual(['6 terminates product-state - - -']);
  });

  it('refuses a step after a dead end, saying nothing is enabled', () => {
    const r = traceSteps(lossy, [...dropped, up]);
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual(['CC009', 'step 7 of 7 {"kind":"act","process":0} does not apply after step 6 (no step is enabled there)']);
  });

  it('refuses, in a script, a second snapshot of a model that takes one', () => {
    const alone = model('edges:1:', 'token:1');
    const r = execute(alone, [{ kind: 'initiate', process: 0 }, { kind: 'initiate', process: 0 }]);
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual(['CC009', 'step 2 of 2 {"kind":"initiate","process":0} does not apply after step 1 (no step is enabled there)']);
  });

  it('runs a script past a completed snapshot into the next, and reports each', () => {
    const twice = model('edges:0>1,1>0', 'token:1', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } });
    const marker = (from: number, to: number): ScriptStep => ({ kind: 'deliver', from, to, message: 'marker' });
    const r = must(execute(twice, [
      { kind: 'initiate', process: 0 }, marker(0, 1), marker(1, 0),
      { kind: 'act', process: 0 }, { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, message: 'app' }, marker(0, 1), marker(1, 0),
    ]));
    expect(r.snapshots.map((s) => [s.snapshot, s.completedAt, s.consistent])).toEqual([[0, 3, true], [1, 8, true]]);
    expect([r.completedAt, r.cut, r.consistent]).toEqual([3, r.snapshots[0]?.cut, true]);
    // The first snapshot recorded the token at P0; the second, after P0 passed it on, at P1.
    expect(r.snapshots.map((s) => s.cut.processes.map((p) => p.state).join(' | '))).toEqual(['holds token, 1 hops | idle', 'idle | holds token, 0 hops']);
  });

  it('grows the channels it replays on until the trace fits, and no further', () => {
    // Doubling from 1: one message in flight fits at capacity 2, two at 4.
    expect(must(traceSteps(spec({}), [up], { capacity: 1 })).doc.capacity).toBe(2);
    expect(must(traceSteps(spec({}), [up, up], { capacity: 1 })).doc.capacity).toBe(4);
    expect(must(traceSteps(spec({}), [up, up], { capacity: 4 })).doc.capacity).toBe(4);
  });

  it('refuses a trace that would put more in a channel than any search allows', () => {
    const chatty = spec({ actions: (s, ctx) => (ctx.self === 0 && count(s) < 300 ? [{ label: 'up', next: count(s) + 1, sends: [{ to: 1, msg: 'm' }] }] : []) });
    const r = traceSteps(chatty, Array.from({ length: 257 }, () => up), { capacity: 64 });
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual(['CC008', 'a channel would hold more than 256 messages along this trace']);
  });
});
