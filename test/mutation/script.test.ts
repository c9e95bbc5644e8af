// Scripted workloads: a script's sends and snapshot starts, in one global order or in each process's own, sends
// that wait for tokens, snapshots placed by the script (and numbered in its order), and the model contract behind
// them (an action's turn and the snapshot it starts).
import { describe, expect, it } from 'vitest';
import { edges, execute, followingSnapshot, ring, stepLists, verify, type ModelSpec, type ProcessContext, type RecordedCut, type Workload } from '../../src/index.ts';
import { scriptModel, type ScriptEvent, type ScriptOrder } from '../../src/workloads/script.ts';
import { readFileSync } from 'node:fs';
import { parseEvents, parseTopology } from '../../src/admit/formats.ts';
import { scenarioModel } from '../../src/admit/scenario.ts';
import { must } from './models.ts';

const two = edges([[0, 1], [1, 0]]);
const send = (from: number, to: number, tokens: number): ScriptEvent => ({ kind: 'send', from, to, tokens });
const snapshot = (at: number): ScriptEvent => ({ kind: 'snapshot', at });
const spec = (events: readonly ScriptEvent[], order: ScriptOrder = 'global', tokens = [10, 10], discipline: 'fifo' | 'unordered' = 'fifo') =>
  must(scriptModel('script', two, tokens, events, { order, discipline })) as ModelSpec<unknown, unknown>;
const run = (s: ModelSpec<unknown, unknown>) => must(verify(s, { stopAtFirst: false, cuts: true, workers: 1 }));
/** Each cut as `snapshot: tokens | in flight on each channel`. */
const cutText = (c: RecordedCut): string => `${c.snapshot}: ${c.cut.locals.join(' ')} | ${c.cut.channels.map((ch) => `[${ch.messages.join(',')}]`).join(' ')}`;

describe('a script in one global order', () => {
  const events = [send(0, 1, 3), snapshot(1), send(1, 0, 2)];

  it('records only the cuts its order allows, and every check holds on FIFO channels', () => {
    const r = run(spec(events));
    expect(r.verdict).toBe('holds');
    // P0 sent 3 before P1 started the snapshot: they are in P1's state or recorded in flight; P1's 2 come after.
    expect(r.cuts?.map(cutText).sort()).toEqual(['0: 7 10 | [3] []', '0: 7 13 | [] []']);
    expect(r.model.scripted).toBe(true);
    // The script says what each process may still do (ahead), and partial-order reduction reads it.
    expect(r.stats.reductions.partialOrder).toBe('on');
  });

  it('in each process\'s own order allows more: P1 may start the snapshot before P0 sends', () => {
    const r = run(spec(events, 'process'));
    expect(r.verdict).toBe('holds');
    expect(r.cuts?.map(cutText).sort()).toEqual(['0: 10 10 | [] []', '0: 7 10 | [3] []', '0: 7 13 | [] []']);
  });

  it('judges reachability against the application alone, which the harness does not order', () => {
    // P0's post-snapshot send comes before P1's pre-snapshot send in the script; the recorded cut holds P1's send
    // but not P0's, a state the script's order never passes through, and the application's own executions do.
    const r = run(spec([snapshot(0), send(0, 1, 1), send(1, 0, 1)]));
    expect(r.checks.reachable).toBe('holds');
    expect(r.cuts?.map(cutText)).toContain('0: 10 9 | [] [1]');
  });

  it('finds the unordered-channel counterexample, its snapshot started by a script event', () => {
    const r = must(verify(spec([snapshot(0), send(0, 1, 3), send(1, 0, 2)], 'global', [10, 10], 'unordered'), { workers: 1 }));
    expect(r.checks.consistent).toBe('violated');
    const first = r.violations[0]?.trace.steps[0];
    expect([first?.text, first?.effects[0]]).toEqual(['P0: start snapshot 0', 'P0 records its state (10 tokens (1 event done))']);
  });
});

describe('a send the sender cannot afford yet', () => {
  it('waits for tokens to arrive, holding up the global order behind it', () => {
    // P0 starts with nothing: its send waits for P1's 3 tokens to arrive; the snapshot after it waits too.
    const s = spec([send(1, 0, 3), send(0, 1, 2), snapshot(0)], 'global', [0, 5]);
    const r = run(s);
    expect(r.verdict).toBe('holds');
    for (const c of r.cuts ?? []) expect(c.witness.steps.map((x) => x.text).slice(0, 3)).toEqual(['P1: send 3 to P0', 'P0 receives token(3) on P1→P0', 'P0: send 2 to P1']);
    const stuck = execute(s, [{ kind: 'act', process: 0 }]);
    expect(stuck.ok ? null : stuck.error.message).toMatch(/^step 1 of 1 \{"kind":"act","process":0\} does not apply in the initial state \(enabled there: P1: send 3 to P0\)$/);
  });
});

describe('snapshots placed by the script', () => {
  it('are numbered in the script\'s order, and verify follows each alone, as they overlap', () => {
    const r = run(spec([snapshot(1), send(0, 1, 4), snapshot(0)], 'global'));
    expect(r.model.snapshots).toBe(2);
    expect(r.snapshotRuns).toBe('each alone');
    expect(r.perSnapshot?.map((s) => [s.snapshot, s.verdict, s.factsComplete])).toEqual([
      [0, 'holds', true],
      [1, 'holds', true],
    ]);
    expect([...new Set(r.cuts?.map((c) => c.snapshot))]).toEqual([0, 1]);
    // Each cut's witness follows its snapshot alone: the other's start takes its turn and starts nothing.
    for (const c of r.cuts ?? []) expect(c.witness.track).toBe(c.snapshot);
    const others = (r.cuts ?? []).filter((c) => c.snapshot === 1).flatMap((c) => c.witness.steps.filter((x) => x.text === 'P1: start snapshot 0'));
    expect(others.length).toBeGreaterThan(0);
    for (const x of others) expect(x.effects).toEqual([]);
  });

  it('count a cut two snapshots record once in the facts, as SEMANTICS.md counts distinct cuts', () => {
    // Snapshot 0 (P0, then P1 on its marker) records P1 before or after P1's turn; snapshot 1 (P1, then P0) records
    // both after their turns: the second of snapshot 0's two cuts is snapshot 1's one cut.
    const r = run(spec([snapshot(0), snapshot(1)], 'global', [2, 2]));
    expect(r.perSnapshot?.map((s) => s.facts.cuts)).toEqual([2, 1]);
    expect(r.facts.cuts).toBe(2);
  });

  it('run ten snapshots around a ring, each followed alone, and a cut\'s witness replays on the model that follows its snapshot', () => {
    const events = Array.from({ length: 10 }, (_, k) => [send(k % 5, (k + 1) % 5, 1), snapshot(k % 5)]).flat();
    const s = must(scriptModel('ring', ring(5), [3, 3, 3, 3, 3], events)) as ModelSpec<unknown, unknown>;
    const r = must(verify(s, { workers: 1, stopAtFirst: false, cuts: true }));
    expect(r.verdict).toBe('holds');
    expect(r.model.snapshots).toBe(10);
    expect(r.perSnapshot?.map((x) => x.snapshot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const last = r.cuts?.find((c) => c.snapshot === 9);
    expect(last?.witness.track).toBe(9);
    const replayed = must(execute(followingSnapshot(s, 9), must(must(stepLists(s))(last?.witness.codes ?? [], 9))));
    expect(replayed.snapshots.map((x) => [x.snapshot, x.consistent])).toEqual([[9, true]]);
  });

  it('run one after another in execute(), which goes on past each completed snapshot', () => {
    const s = spec([snapshot(0), send(0, 1, 1), snapshot(0)], 'global', [2, 2]);
    const marker = (from: number, to: number) => ({ kind: 'deliver' as const, from, to, message: 'marker' });
    const replayed = must(
      execute(s, [
        { kind: 'act', process: 0 },
        marker(0, 1),
        marker(1, 0),
        { kind: 'act', process: 0 },
        { kind: 'act', process: 0 },
        { kind: 'deliver', from: 0, to: 1, message: 'app' },
        marker(0, 1),
        marker(1, 0),
      ]),
    );
    expect(replayed.snapshots.map((x) => [x.snapshot, x.completedAt, x.consistent])).toEqual([
      [0, 3, true],
      [1, 8, true],
    ]);
  });
});

describe('the model contract behind scripts', () => {
  const base: Workload<number, string> = { name: 'plain', init: () => 0, actions: () => [], receive: (s) => ({ next: s }) };
  const withAction = (action: object, scripted = true, snapshots = 1) =>
    verify({
      name: 'm',
      topology: two,
      workload: { ...base, scripted, actions: (s) => (s === 0 ? [{ label: 'go', next: 1, ...action }] : []) } as Workload<unknown, unknown>,
      algorithm: { kind: 'chandy-lamport', initiators: [], snapshots },
    });
  const refusal = (r: ReturnType<typeof withAction>) => (r.ok ? null : `${r.error.code} ${r.error.message}`);

  it('refuses a turn or a snapshot on an action of a workload that is not scripted', () => {
    expect(refusal(withAction({ turn: 0 }, false))).toBe("CC006 workload 'plain': action 'go' at P0 has a turn, which only a scripted workload's actions may have (scripted: true)");
    expect(refusal(withAction({ snapshot: 0 }, false))).toBe("CC006 workload 'plain': action 'go' at P0 has a snapshot, which only a scripted workload's actions may have (scripted: true)");
  });

  it('refuses a snapshot the model does not take, and turns that are not whole numbers', () => {
    expect(refusal(withAction({ snapshot: 2 }, true, 2))).toBe("CC006 workload 'plain': action 'go' at P0 starts snapshot 2, but the model takes 2 snapshots (0 to 1; algorithm.snapshots)");
    expect(refusal(withAction({ snapshot: 1 }))).toBe("CC006 workload 'plain': action 'go' at P0 starts snapshot 1, but the model takes one snapshot (snapshot 0; algorithm.snapshots)");
    expect(refusal(withAction({ turn: -1 }))).toBe("CC006 workload 'plain': action 'go' at P0 has turn -1; it must be a whole number from 0");
    expect(refusal(withAction({ turn: 1_000_001 }))).toBe("CC006 workload 'plain': action 'go' at P0 has turn 1000001; turns go up to 1000000");
    expect(refusal(withAction({ turn: 1.5 }))).toBe("CC006 workload 'plain': action 'go' at P0 has turn 1.5; it must be a whole number from 0");
    expect(refusal(withAction({ turn: '0' }))).toBe('CC006 workload \'plain\': action \'go\' at P0 has turn "0"; it must be a whole number from 0');
  });

  it('refuses a scripted workload with crashes, and scripted that is not a boolean', () => {
    const m = must(scriptModel('s', two, [1, 1], [snapshot(0)]));
    const crashing = verify({ ...m, network: { discipline: 'fifo', faults: { crash: true } } } as ModelSpec<unknown, unknown>);
    expect(refusal(crashing)).toBe("CC005 model 's': a scripted workload cannot be combined with crashes");
    const yes = verify({ ...m, workload: { ...m.workload, scripted: 'yes' } } as unknown as ModelSpec<unknown, unknown>);
    expect(refusal(yes)).toBe("CC005 model 's': workload.scripted must be true or false, got string");
  });

  it('refuses a script that names a process or a link the topology does not have', () => {
    const bad = (events: ScriptEvent[], tokens = [1, 1]) => {
      const r = scriptModel('s', edges([[0, 1]]), tokens, events);
      return r.ok ? null : `${r.error.code} ${r.error.message}`;
    };
    expect(bad([send(1, 0, 1)])).toBe('CC005 event 1 of the script sends on P1→P0, a channel the topology does not have');
    expect(bad([snapshot(2)])).toBe('CC005 event 1 of the script starts a snapshot at 2, which is not a process of the topology (0..1)');
    expect(bad([send(0, 1, 0)])).toBe('CC005 event 1 of the script sends 0 tokens; a send moves a whole number from 1');
    expect(bad([], [1])).toBe('CC005 the script gives tokens for 1 process, and the topology has 2');
    expect(bad([], [1, -1])).toBe('CC005 P1 starts with -1 tokens; it must be a whole number from 0');
  });
});

describe("the assignment's scenario files, as models", () => {
  const scenario = (dir: string, order: ScriptOrder) => {
    const read = (f: string) => readFileSync(new URL(`../fixtures/admit/${dir}/${f}`, import.meta.url), 'utf8');
    const t = must(parseTopology(read('topology.txt'), 'topology.txt'));
    return must(scenarioModel(t, must(parseEvents(read('events.txt'), 'events.txt', t)), { order })) as ModelSpec<unknown, unknown>;
  };

  // The facts count distinct cuts by whole local states (a script's position included), over both snapshots; the cuts
  // as data, by what an implementation records (the tokens), per snapshot. three's two snapshots overlap, and each
  // is followed alone.
  it.each([
    ['two', 'global', 4, 4],
    ['two', 'process', 6, 6],
    ['three', 'global', 36, 31],
    ['three', 'process', 108, 87],
  ] as const)('%s in the %s order records %i distinct cuts (%i as recorded), every check holding', (dir, order, cuts, recorded) => {
    const s = scenario(dir, order);
    const r = run(s);
    expect([r.verdict, r.facts.cuts, r.cuts?.length]).toEqual(['holds', cuts, recorded]);
    // Servers keep their ids, and what is recorded of each is its tokens.
    expect(s.topology.names?.[0]).toBe('N1');
    expect(r.cuts?.every((c) => c.cut.locals.every((x) => typeof x === 'number'))).toBe(true);
  });
});

describe('a script searched by several threads', () => {
  it('gives the cuts one thread gives: the workers keep the order and the snapshot starts', () => {
    const s = spec([send(0, 1, 3), snapshot(1), send(1, 0, 2), send(0, 1, 1)], 'global');
    const cuts = (workers: number) => must(verify(s, { stopAtFirst: false, cuts: true, workers, parallelFrom: 1 })).cuts?.map(cutText).sort();
    expect(cuts(2)).toEqual(cuts(1));
  });
});

describe('a script whose snapshots overlap, followed one at a time (algorithm.track)', () => {
  const refusal = (r: ReturnType<typeof verify>) => (r.ok ? null : `${r.error.code} ${r.error.message}`);
  // P0 starts snapshot 0, then P1 starts snapshot 1 at once, then P1 sends P0 one token.
  const events = [snapshot(0), snapshot(1), send(1, 0, 1)];
  const tracked = (track: number, algorithm?: string, topology = two, tokens = [2, 2]) =>
    must(scriptModel('s', topology, tokens, events, { track, ...(algorithm === undefined ? {} : { algorithm }) })) as ModelSpec<unknown, unknown>;

  it('records, for the first snapshot, a cut only a run in which the second one overlaps it can give', () => {
    // verify follows each placed snapshot alone: its cuts are those of the two tracked searches below.
    expect(run(spec(events, 'global', [2, 2])).cuts?.map(cutText).sort()).toEqual(['0: 2 1 | [] [1]', '0: 2 2 | [] []', '1: 2 2 | [] []']);
    // Overlapping: P1's send may go out before the first snapshot's marker reaches P1.
    expect(run(tracked(0)).cuts?.map(cutText).sort()).toEqual(['0: 2 1 | [] [1]', '0: 2 2 | [] []']);
    expect(run(tracked(1)).cuts?.map(cutText)).toEqual(['1: 2 2 | [] []']);
  });

  it('tells the markers apart by their snapshot in every trace', () => {
    const r = run(tracked(1));
    expect(r.cuts?.[0]?.witness.steps.map((s) => s.text)).toContain('P0 receives marker 1 on P1→P0');
  });

  it('follows one snapshot of an algorithm that takes one per execution, and refuses one that blocks channels', () => {
    expect(run(tracked(0, 'lai-yang')).verdict).toBe('holds');
    const three = edges([[0, 1], [1, 2], [2, 0], [0, 2]]);
    const abs = must(scriptModel('s', three, [2, 2, 2], [snapshot(0), send(1, 2, 1), snapshot(1)], { track: 0, algorithm: 'abs' })) as ModelSpec<unknown, unknown>;
    expect(refusal(verify(abs, { workers: 1 }))).toBe('CC005 abs blocks channels, so its overlapping snapshots hold each other up: they cannot be followed one at a time');
    // Not followed: verify runs its snapshots one after another, and says so.
    const untracked = Object.fromEntries(Object.entries(abs.algorithm as object).filter(([k]) => k !== 'track'));
    const sequential = must(verify({ ...abs, algorithm: untracked } as ModelSpec<unknown, unknown>, { workers: 1 }));
    expect(sequential.snapshotRuns).toBe('one after another');
    expect(sequential.perSnapshot?.map((x) => [x.snapshot, x.verdict])).toEqual([[0, undefined]]);
  });

  it('refuses a track that names no snapshot, or a workload that places none', () => {
    const m = tracked(0);
    const track = (t: unknown) => refusal(verify({ ...m, algorithm: { ...(m.algorithm as object), track: t } } as unknown as ModelSpec<unknown, unknown>));
    expect(track(2)).toBe('CC005 algorithm.track must name one of the snapshots (0 to 1), got 2');
    expect(track(-1)).toBe('CC005 algorithm.track must name one of the snapshots (0 to 1), got -1');
    expect(track('1')).toBe('CC005 algorithm.track must name one of the snapshots (0 to 1), got string');
    const plain = { ...m, workload: { ...m.workload, scripted: false, ahead: undefined } } as unknown as ModelSpec<unknown, unknown>;
    expect(refusal(verify(plain))).toBe("CC005 model 's': algorithm.track follows one snapshot a script places, and the workload is not scripted");
  });
});

describe("a script's ahead, which partial-order reduction trusts and checks", () => {
  const m = must(scriptModel('s', two, [2, 2], [send(0, 1, 1), snapshot(1), send(1, 0, 1)])) as ModelSpec<unknown, unknown>;
  const real = m.workload.ahead as NonNullable<Workload<unknown, unknown>['ahead']>;
  const answer = (ahead: unknown, extra: object = {}) => {
    const r = verify({ ...m, workload: { ...m.workload, ahead, ...extra } } as ModelSpec<unknown, unknown>, { workers: 1 });
    return r.ok ? r.value.verdict : `${r.error.code} ${r.error.message}`;
  };
  const w = "CC006 workload 'script (3 events, global order)'";

  it('lets the reduction on, and leaves the verdict as it is', () => {
    const r = must(verify(m, { workers: 1 }));
    expect([r.verdict, r.stats.reductions.partialOrder]).toEqual(['holds', 'on']);
  });

  it('refuses an answer that misses a send, a turn, or lets a process send more later than now', () => {
    expect(answer((s: unknown, ctx: ProcessContext) => ({ ...real(s, ctx), sendsTo: [] }))).toBe(`${w} ahead at P0: it sends to P1, which ahead did not list`);
    expect(answer((s: unknown, ctx: ProcessContext) => ({ ...real(s, ctx), turn: null }))).toBe(`${w} ahead at P0: it took turn 0, and ahead gave no turn`);
    const growing = (s: { done: number }, ctx: ProcessContext) => ({ ...real(s, ctx), sendsTo: s.done === 0 ? [] : [1 - ctx.self] });
    expect(answer(growing)).toBe(`${w} ahead at P0: after one of its steps it may send on more channels than before it, which ahead must not allow`);
  });

  it('refuses a receive that sends where reactsTo did not say, and reactsTo that grows after a receive', () => {
    // A receive at 2 tokens passes one of them back (once or twice in a run: the application stays finite).
    const receive = (s: { tokens: number; done: number }, from: number, msg: number) =>
      s.tokens === 2 ? { next: { ...s, tokens: s.tokens + msg - 1 }, sends: [{ to: from, msg: 1 }] } : { next: { ...s, tokens: s.tokens + msg } };
    expect(answer(real, { receive })).toMatch(/ahead at P[01]: a receive of it sends to P[01], which ahead did not list \(reactsTo\)$/);
    const growing = (s: { tokens: number; done: number }, ctx: ProcessContext) => ({ ...real(s, ctx), reactsTo: s.tokens > 2 ? [1 - ctx.self] : [] });
    expect(answer(growing)).toMatch(/ahead at P[01]: after one of its receives, its receives may send on more channels than before it, which ahead must not allow$/);
  });

  it('refuses an answer of the wrong shape, one that throws, and ahead outside a scripted workload', () => {
    expect(answer(() => 7)).toBe(`${w} ahead at P0 must return { sendsTo: [process, ...], reactsTo?: [process, ...], turn: a whole number or null }, got 7`);
    expect(answer(() => ({ sendsTo: [5], turn: 0 }))).toBe(`${w} ahead at P0 says it may send to 5, but there is no channel 0>5`);
    expect(answer(() => ({ sendsTo: [], turn: 0, more: 1 }))).toBe(`${w}: unknown key 'more' in what ahead returns at P0; expected 'sendsTo', 'reactsTo', 'turn'`);
    expect(answer(() => {
      throw new Error('no');
    })).toBe(`${w} ahead threw at P0: no`);
    expect(answer(real, { scripted: false })).toBe("CC005 model 's': workload.ahead belongs to a scripted workload (scripted: true)");
    expect(answer(3)).toBe("CC005 model 's': workload.ahead must be a function from a local state to { sendsTo, turn }");
  });

  it('refuses a workload with ahead whose actions mix turns and no turns', () => {
    const actions = (s: unknown, ctx: ProcessContext) =>
      m.workload.actions(s, ctx).map((a) => (ctx.self === 1 ? { label: a.label, next: a.next, ...(a.sends === undefined ? {} : { sends: a.sends }), ...(a.snapshot === undefined ? {} : { snapshot: a.snapshot }) } : a));
    expect(answer(real, { actions })).toBe(
      `${w} declares ahead, and its actions mix turns and no turns (action 'start snapshot 0' at P1): either every action has a turn (one global order) or none has`,
    );
  });
});
