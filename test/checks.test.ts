// Each check, caught where it should be and with the counterexample one would expect.
import { describe, expect, it } from 'vitest';
import { bank, complete, defineModel, edges, parseTopology, ring, token, verify, type Workload, type ModelSpec } from '../src/index.ts';

const run = <S, M>(spec: ModelSpec<S, M>, stopAtFirst = true) => {
  const r = verify(spec, { stopAtFirst });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('Chandy-Lamport on FIFO channels', () => {
  it.each(['complete:3', 'ring:3', 'star:4', 'line:3', 'biring:3'])('holds for bank:1,1 on %s', (t) => {
    const top = parseTopology(t);
    if (!top.ok) throw new Error(top.error.message);
    const r = run({ name: t, topology: top.value, workload: bank(1, 1) }, false);
    expect(r.verdict).toBe('holds');
    expect(r.facts.inconsistentCuts).toBe(0);
    expect(r.facts.unreachableCuts).toBe(0);
    expect(r.stats.exhaustive).toBe(true);
  });

  it('holds with two initiators that may start concurrently', () => {
    const r = run({ name: 'two', topology: complete(3), workload: bank(1, 1), algorithm: { kind: 'chandy-lamport', initiators: [0, 2] } }, false);
    expect(r.verdict).toBe('holds');
  });
});

describe('unordered channels', () => {
  const twoProcess = { name: 'two', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' as const } };

  it('gives the textbook counterexample: a marker overtakes a transfer and the cut loses money', () => {
    const r = run(twoProcess);
    expect(r.verdict).toBe('violated');
    const v = r.violations.find((x) => x.check === 'consistent');
    expect(v?.trace.steps.map((s) => s.text)).toEqual([
      'P0: transfer to P1',
      'P0 initiates the snapshot',
      'P1 receives marker on P0→P1',
      'P0 receives marker on P1→P0',
    ]);
    expect(v?.explanation).toMatch(/\$1 on P0→P1/);
    expect(v?.explanation).toMatch(/The marker on P0→P1 was sent after it, at step 2, but arrived first, at step 3/);
    expect(v?.cut?.summary).toBe('holds $1 in all; the bank started with $2');
  });

  it('fails consistent and reachable, with the shortest trace of 4 steps', () => {
    const r = run(twoProcess, false);
    expect(r.checks.consistent).toBe('violated');
    expect(r.checks.reachable).toBe('violated');
    expect(r.facts.shortestInconsistent).toBe(4);
    expect(r.violations.find((v) => v.check === 'consistent')?.trace.steps).toHaveLength(4);
  });

  it('can also gain money: a transfer overtakes a marker and is counted twice (an orphan)', () => {
    const r = run({ ...twoProcess, workload: bank(2, 2) }, false);
    expect(r.facts.inconsistentCuts).toBeGreaterThan(0);
    const story = r.violations.map((v) => v.explanation).join(' ');
    expect(story).toMatch(/lost|orphan|phantom/);
  });
});

describe('terminates', () => {
  it('names the processes the markers never reach', () => {
    const r = run({ name: 'cut off', topology: edges([[0, 1], [2, 0]]), workload: bank(1, 1) });
    expect(r.checks.terminates).toBe('violated');
    expect(r.violations[0]?.explanation).toMatch(/P2 never records/);
    expect(r.violations[0]?.explanation).toMatch(/P2→P0/);
  });

  it('is violated when no process may initiate', () => {
    const r = run({ name: 'none', topology: ring(3), workload: token(1), algorithm: { kind: 'chandy-lamport', initiators: [] } });
    expect(r.checks.terminates).toBe('violated');
    expect(r.violations[0]?.explanation).toMatch(/P0, P1, P2 never record/);
  });
});

describe('declared properties', () => {
  // A counter that goes up and then down again: "high" is declared stable but is not.
  const updown: Workload<number, never> = {
    name: 'updown',
    init: () => 0,
    actions: (s) => (s === 0 ? [{ label: 'up', next: 1 }] : s === 1 ? [{ label: 'down', next: 2 }] : []),
    receive: (s) => ({ next: s }),
    stable: { high: (g) => g.locals[0] === 1 },
    invariants: { 'at most one': (g) => (g.locals[0] ?? 0) <= 1 },
  };
  const model = defineModel({ name: 'updown', topology: edges([[0, 1]]), workload: updown });

  it('shows where a "stable" predicate turns false, with a trace', () => {
    const r = run(model, false);
    const v = r.violations.find((x) => x.check === 'stable');
    expect(v?.explanation).toMatch(/'high' is declared stable but is not/);
    expect(v?.trace.steps.map((s) => s.text)).toEqual(['P0: up', 'P0: down']);
  });

  it('catches an invariant failing on a reachable state', () => {
    const r = run(model, false);
    const v = r.violations.find((x) => x.check === 'invariant');
    expect(v?.explanation).toMatch(/invariant 'at most one' fails on a reachable application state, after step 2/);
  });

  it('reports a throwing predicate as a workload error, not a crash', () => {
    const bad = defineModel({ ...model, workload: { ...updown, invariants: { boom: () => { throw new Error('kaboom'); } } } });
    const r = verify(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'CC006', message: "predicate 'boom' threw: kaboom" });
  });
});

describe('models written by hand', () => {
  it('takes a custom workload in a few lines', () => {
    const ping: Workload<{ sent: boolean; got: number }, 'ping'> = {
      name: 'ping',
      init: () => ({ sent: false, got: 0 }),
      actions: (s, ctx) => (s.sent ? [] : ctx.out.map((to) => ({ label: `ping P${to}`, next: { ...s, sent: true }, sends: [{ to, msg: 'ping' as const }] }))),
      receive: (s) => ({ next: { ...s, got: s.got + 1 } }),
    };
    const r = run({ name: 'ping', topology: complete(3), workload: ping }, false);
    expect(r.verdict).toBe('holds');
    expect(r.facts.appStates).toBeGreaterThan(10);
  });

  it('rejects a send to a process it has no channel to', () => {
    const stray: Workload<number, number> = {
      name: 'stray',
      init: () => 0,
      actions: (s) => (s === 0 ? [{ label: 'stray', next: 1, sends: [{ to: 2, msg: 1 }] }] : []),
      receive: (s) => ({ next: s }),
    };
    const r = verify({ name: 'stray', topology: edges([[0, 1], [1, 0]]), workload: stray });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/no channel 0>2/);
  });

  it('rejects an initiator outside the topology', () => {
    const r = verify({ name: 'x', topology: ring(3), workload: token(1), algorithm: { kind: 'chandy-lamport', initiators: [5] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CC005' });
  });

  it('rejects a workload that sends forever, naming the bound', () => {
    const flood: Workload<number, number> = { name: 'flood', init: () => 0, actions: (s, ctx) => ctx.out.map((to) => ({ label: 'send', next: s, sends: [{ to, msg: 0 }] })), receive: (s) => ({ next: s }) };
    const r = verify({ name: 'flood', topology: edges([[0, 1]]), workload: flood });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CC008' });
  });

  it('says incomplete, not holds, when the state bound cuts the search short', () => {
    const r = verify({ name: 'b', topology: complete(3), workload: bank(1, 1) }, { maxStates: 50 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.verdict).toBe('incomplete');
    expect(r.value.factsComplete).toBe(false);
  });
});
