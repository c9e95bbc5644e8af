// The algorithm table on its own: what each handler is shown (payloads, staleness, the channel's bits, piggybacks),
// how a reaction is compiled and every way it can be refused, what `send` attached so far, and `close`: how many
// rows it may compute, when it gives up, and that tables it closed and froze hold every row a search needs (a
// system rebuilt on them, as a search thread is, reaches exactly the states the first one does).
import { describe, expect, it } from 'vitest';
import {
  blockChannel, completeLocally, defineAlgorithm, recordState, sendControl, setChannel, startRecording, unblockChannel, type SnapshotAlgorithm, type Workload,
} from '../../src/index.ts';
import { CutcheckFailure } from '../../src/errors.ts';
import { resolveModel } from '../../src/model/define.ts';
import { AlgorithmTable, BLOCKED_BIT, CHANNEL_SHIFT, OP_SEND, RECORDING_BIT } from '../../src/system/algtable.ts';
import { frozenWalk, product, refusal, swap, walk } from './sys-explore.ts';
import { modelWith, must } from './models.ts';

const tableOf = (a: SnapshotAlgorithm<never, never, never, never>, t = 'edges:0>1,1>0', w = 'token:1') =>
  new AlgorithmTable(must(resolveModel(modelWith(t, w, a as SnapshotAlgorithm))), a as SnapshotAlgorithm);
const alg = <P, C = null, M = null, B = never>(a: Omit<SnapshotAlgorithm<P, C, M, B>, 'name'>) =>
  defineAlgorithm<P, C, M, B>({ name: 'x', ...a }) as unknown as SnapshotAlgorithm<never, never, never, never>;
/** Chandy-Lamport in five lines, whose control handler answers with `reply` (its state is an object, read on every call). */
const markers = (control: SnapshotAlgorithm<{ done: boolean }, unknown, unknown>['control']) =>
  alg<{ done: boolean }, unknown, unknown>({
    init: () => ({ done: false }),
    initiate: (s, ctx) => (s.done ? null : { next: { done: true }, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }),
    control,
  });

describe('what a handler is shown', () => {
  it('gives a stale marker without payload and a fresh one with the second payload each its own reaction', () => {
    const t = tableOf(alg<string, null, string>({ init: () => 'idle', initiate: () => null, control: (_, m) => ({ next: `${m.stale ? 'stale' : 'fresh'} ${String(m.payload)}` }) }));
    expect([t.payloads.id('a'), t.payloads.id('b')]).toEqual([1, 2]);
    const stale = t.control(0, 0, 0, 0, true);
    const fresh = t.control(0, 0, 0, 2, false);
    expect([t.procs.values[stale.next], t.procs.values[fresh.next]]).toEqual(['stale null', 'fresh b']);
  });

  it('tells a handler whether the channel is recording and whether it is blocked', () => {
    const t = tableOf(alg<string>({ init: () => 'idle', initiate: () => null, control: (_, m) => ({ next: `${m.recording ? 'rec' : '-'}/${m.blocked ? 'blocked' : 'open'}` }) }));
    const seen = [0, RECORDING_BIT, BLOCKED_BIT, RECORDING_BIT | BLOCKED_BIT].map((bits) => t.procs.values[t.control(0, 0, bits, 0, false).next]);
    expect(seen).toEqual(['-/open', 'rec/open', '-/blocked', 'rec/blocked']);
  });

  it('shows a message without piggyback as carrying none, and one with piggyback id k as the k-th value', () => {
    const t = tableOf(alg<string, null, null, string>({ init: () => 'idle', initiate: () => null, control: () => ({}), receive: (_, m) => ({ next: `got ${String(m.piggyback)}` }) }));
    t.piggybacks.id('red');
    expect(t.procs.values[t.receive(0, 0, 0, 0).next]).toBe('got undefined');
    expect(t.procs.values[t.receive(0, 0, 0, 1).next]).toBe('got red');
    expect([t.piggybackValue(0), t.piggybackValue(1)]).toEqual([undefined, 'red']);
  });

  it('reads a channel word back as the channel state it holds, whatever its bits', () => {
    const t = tableOf(alg<string, string>({ init: () => 'idle', initChannel: (from) => `from ${from}`, initiate: () => null, control: () => ({}) }));
    expect(t.initialChannels).toEqual([0, 1]);
    expect(t.channelValue((1 << CHANNEL_SHIFT) | RECORDING_BIT | BLOCKED_BIT)).toBe('from 1');
    expect(t.procValue((0 << 1) | 1)).toBe('idle');
  });
});

describe('a reaction compiled, or refused in one line', () => {
  const initiating = (effects: unknown[]) => tableOf(alg<number>({ init: () => 0, initiate: () => ({ effects: effects as never }), control: () => ({}) }));

  it('compiles a marker sent without payload to payload id 0, which reads as no payload', () => {
    const t = initiating([sendControl(1)]);
    expect(Array.from(t.initiate(0, 0)?.ops ?? [])).toEqual([OP_SEND, 0, 0]);
    expect(t.payloadValue(0)).toBe(null);
    expect(t.payloads.values).toEqual([null]);
  });

  it.each([
    ['a record effect with a from', [{ kind: 'record', from: 1 }], "CC006: algorithm 'x': unknown key 'from' in a 'record' effect of initiate at P0; expected 'kind'"],
    ['a complete effect with a to', [recordState(), { kind: 'complete', to: 1 }], "CC006: algorithm 'x': unknown key 'to' in a 'complete' effect of initiate at P0; expected 'kind'"],
    ['an effect whose kind is an array', [{ kind: ['record'] }], 'CC006: algorithm \'x\' initiate at P0: unknown effect kind ["record"]; expected one of record, start-recording, stop-recording, append, send, record-outgoing, block, unblock, set-channel, complete, record-queued'],
    ['a send to a process the topology lacks', [sendControl(9)], "CC006: algorithm 'x' initiate at P0: sends to 9, but there is no channel 0>9"],
    ['a send to a process named by a BigInt', [sendControl(1n as never)], "CC006: algorithm 'x' initiate at P0: sends to 1, which is not a process number"],
    ['an effect whose kind is a BigInt', [{ kind: 1n }], "CC006: algorithm 'x' initiate at P0: unknown effect kind 1; expected one of record, start-recording, stop-recording, append, send, record-outgoing, block, unblock, set-channel, complete, record-queued"],
    ['a send to a process named by a string', [sendControl('1' as never)], 'CC006: algorithm \'x\' initiate at P0: sends to "1", which is not a process number'],
    ['a recording of the channel from a process numbered 1.5', [startRecording(1.5)], "CC006: algorithm 'x' initiate at P0: names the in-channel from 1.5, which is not a process number"],
    ['a recording of the channel from a process the topology lacks', [startRecording(7)], "CC006: algorithm 'x' initiate at P0: names the in-channel from 7, but P0 has no channel from 7"],
    ['a channel state that is a function', [setChannel(1, () => 0)], "CC006: a channel state set by initiate at P0 cannot be a state or message: it holds a function"],
  ])('refuses %s', (_, effects, message) => {
    expect(refusal(() => initiating(effects).initiate(0, 0))).toBe(message);
  });

  it('refuses an append effect with a from, in receive', () => {
    const t = tableOf(alg<number>({ init: () => 0, initiate: () => null, control: () => ({}), receive: () => ({ effects: [{ kind: 'append', from: 1 } as never] }) }));
    expect(refusal(() => t.receive(0, 0, 0, 0))).toBe("CC006: algorithm 'x': unknown key 'from' in a 'append' effect of receive at P1; expected 'kind'");
  });

  it('refuses an initial channel state that is a function, naming the channel', () => {
    expect(refusal(() => tableOf(alg<number, unknown>({ init: () => 0, initChannel: () => () => 0, initiate: () => null, control: () => ({}) }))))
      .toBe("CC006: algorithm 'x' initChannel's state for P0→P1 cannot be a state or message: it holds a function");
  });

  it('refuses a send answer that is null', () => {
    const t = tableOf(alg<number>({ init: () => 0, initiate: () => null, control: () => ({}), send: () => null as never }));
    expect(refusal(() => t.send(0, 0))).toBe("CC006: algorithm 'x' send at P0 (to P1) must return { next?, piggyback? }, got null");
  });

  it('refuses a send answer that is a number', () => {
    const t = tableOf(alg<number>({ init: () => 0, initiate: () => null, control: () => ({}), send: () => 5 as never }));
    expect(refusal(() => t.send(0, 0))).toBe("CC006: algorithm 'x' send at P0 (to P1) must return { next?, piggyback? }, got number");
  });

  it('passes a failure cutcheck raised inside a handler through as it is', () => {
    const t = tableOf(alg<number>({ init: () => 0, initiate: () => null, control: () => { throw new CutcheckFailure({ code: 'CC006', message: 'inner' }); } }));
    expect(refusal(() => t.control(0, 0, 0, 0, false))).toBe('CC006: inner');
  });
});

describe('what send attached so far', () => {
  it('counts the rows computed, says one attached nothing, and counts the distinct piggybacks', () => {
    const t = tableOf(alg<number, null, null, string>({ init: () => 0, initiate: () => null, control: () => ({}), send: (_, to) => (to === 1 ? { next: 1 } : { piggyback: 'red' }) }));
    expect(t.sentPiggybacks()).toEqual({ rows: 0, bare: false, values: 0 });
    t.send(1, 0);
    expect(t.sentPiggybacks()).toEqual({ rows: 1, bare: false, values: 1 });
    t.send(0, 0);
    expect(t.sentPiggybacks()).toEqual({ rows: 2, bare: true, values: 1 });
  });
});

describe('closing the tables', () => {
  /** Markers, with a handler that keeps every distinct input it is asked, keyed by handler, process, state and message. */
  const counted = () => {
    const inputs = new Set<string>();
    const a = alg<{ n: number }, null, null, never>({
      init: () => ({ n: 0 }),
      initiate: (s, ctx) => (inputs.add(JSON.stringify(['i', ctx.self, s])), s.n > 0 ? null : { next: { n: 1 }, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }),
      control: (s, m, ctx) => (inputs.add(JSON.stringify(['c', ctx.self, s, m])), s.n > 0 ? {} : { next: { n: 1 }, effects: [recordState(), completeLocally()] }),
      receive: (s, m, ctx) => (inputs.add(JSON.stringify(['r', ctx.self, s, m])), {}),
    });
    return { a, inputs };
  };

  it('computes one row per distinct input the handlers are asked, and closes with room for exactly that many', () => {
    const one = counted();
    expect(tableOf(one.a).close(1000, false)).toBe(true);
    const rows = one.inputs.size;
    expect(rows).toBeGreaterThan(4);
    expect(tableOf(counted().a).close(rows, false)).toBe(true);
    expect(tableOf(counted().a).close(rows - 1, false)).toBe(false);
  });

  it.each([
    ['send', { send: (s: number) => ({ next: Math.min(s + 1, 300) }) }],
    ['step', { step: (s: number) => (s < 300 ? { next: s + 1 } : null) }],
    ['after', { after: (s: number) => ({ next: Math.min(s + 1, 300) }) }],
  ])('does not close a %s handler that counts to 300 within 50 rows, and does within 2,000', (_, handler) => {
    const a = () => alg<number>({ init: () => 0, initiate: () => null, control: () => ({}), ...handler });
    expect(tableOf(a()).close(50, false)).toBe(false);
    expect(tableOf(a()).close(2000, false)).toBe(true);
  });

  it('gives up, without throwing, when a handler throws on an input it is asked', () => {
    const t = tableOf(markers(() => { throw new Error('no'); }));
    expect(t.close(1000, false)).toBe(false);
  });

  it('asks no stale marker of a job with one snapshot, and no channel bits the algorithm never sets', () => {
    // Its control handler throws on every input the product never presents to it.
    const careful = markers((s, m) => {
      if (m.stale || m.recording || m.blocked) throw new Error('never asked');
      return s.done ? {} : { next: { done: true }, effects: [recordState(), completeLocally()] };
    });
    expect(tableOf(careful).close(1000, false)).toBe(true);
    expect(tableOf(careful).close(1000, true)).toBe(false);
  });

  it('asks no restored message of a job that cannot crash', () => {
    const careful = alg<number>({
      init: () => 0,
      initiate: (s, ctx) => (s > 0 ? null : { next: 1, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }),
      control: () => ({}),
      receive: (_s, m) => {
        if (m.restored) throw new Error('never asked');
        return {};
      },
    });
    expect(tableOf(careful).close(1000, false)).toBe(true);
  });

  it('asks nothing of a state id no state has, where the algorithm has no send', () => {
    // One state, read by every handler: an id past it would be read as undefined, and throw.
    const t = tableOf(alg<{ on: boolean }>({ init: () => ({ on: true }), initiate: (s) => (s.on ? null : null), control: (s) => (s.on ? {} : {}) }));
    expect(t.close(1000, false)).toBe(true);
    expect(t.procs.values).toEqual([{ on: true }]);
  });

  it('asks nothing of a state no handler leads to, where the algorithm has no send', () => {
    // Every handler reads its state: an id that names no state would throw.
    const t = tableOf(markers((s) => (s.done ? {} : { next: { done: true }, effects: [recordState(), completeLocally()] })));
    expect(t.close(1000, false)).toBe(true);
    expect(t.procs.values).toEqual([{ done: false }, { done: true }]);
  });
});

/**
 * Every handler at once, on states that differ per process: P1 starts where P0 starts again (its state 0 is P0's
 * initial state), sends toggle a colour piggybacked on each message, a marker blocks its channel until an internal
 * step unblocks it and sets the channel's state, and handling an event after recording counts up to 2.
 */
type S = { readonly self: number; readonly rec: boolean; readonly colour: number; readonly due: number; readonly handled: number };
const busy = defineAlgorithm<S, string, null, number>({
  name: 'busy',
  init: (ctx) => ({ self: ctx.self, rec: false, colour: 0, due: -1, handled: 0 }),
  initiate: (s, ctx) => (s.rec ? null : { next: { ...s, rec: true }, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }),
  control: (s, m) => (s.rec || s.due >= 0 ? {} : { next: { ...s, due: m.from }, effects: [blockChannel(m.from)] }),
  step: (s, ctx) =>
    s.due < 0 ? null : { next: { ...s, self: 0, rec: true, due: -1 }, effects: [unblockChannel(s.due), setChannel(s.due, 'seen'), recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] },
  receive: (s, m) => (m.state === 'seen' && m.piggyback === 1 ? { next: { ...s, colour: 0 } } : {}),
  send: (s) => ({ next: { ...s, colour: 1 - s.colour }, piggyback: s.colour }),
  after: (s) => (s.rec ? { next: { ...s, handled: Math.min(2, s.handled + 1) } } : {}),
});

/** One process, no channel: its only action starts the snapshot, and its after handler finishes it. */
const lone = defineAlgorithm<string>({
  name: 'lone',
  init: () => 'idle',
  initiate: () => null,
  control: () => ({}),
  after: (s) => (s === 'idle' ? { next: 'done', effects: [recordState(), completeLocally()] } : {}),
}) as SnapshotAlgorithm;
const tick: Workload<unknown, unknown> = { name: 'tick', init: () => 0, actions: (s) => (s === 0 ? [{ label: 'tick', next: 1 }] : []), receive: (s) => ({ next: s }) };

const plain = markers((s, _m, ctx) => (s.done ? {} : { next: { done: true }, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] }));

describe('tables closed, frozen and handed to a system in this thread', () => {
  it.each([
    ['Chandy-Lamport on a ring', modelWith('ring:3', 'token:1', 'chandy-lamport'), false],
    ['Chandy-Lamport taking two snapshots (stale markers)', modelWith('ring:3', 'token:1', { kind: 'chandy-lamport', initiators: [0], snapshots: 2 }), true],
    ['markers alone (no receive, send, after or step)', modelWith('ring:3', 'token:1', plain as SnapshotAlgorithm), false],
    ['aligned barriers (blocking)', modelWith('diamond', 'records:1', 'abs'), false],
    ['a process moving to the state another starts in, by a reaction', modelWith('edges:0>1,1>0', 'bank:1,1', swap('after')), false],
    ['a process moving to the state another starts in, by a send', modelWith('edges:0>1,1>0', 'bank:1,1', swap('send')), false],
    ['a lone process, which records and finishes in its after handler', { ...modelWith('edges:1:', 'token:1', lone), workload: tick }, false],
    ['an algorithm with every handler', modelWith('edges:0>1,1>0', 'bank:1,1', busy as SnapshotAlgorithm), false],
    ['an algorithm with every handler, on an unordered line', modelWith('line:3', 'token:2', busy as SnapshotAlgorithm, 'unordered'), false],
    ['unaligned checkpoints of a job that may crash (records put back by a recovery)', {
      ...modelWith('fanin:2', 'records:1', { kind: 'unaligned', initiators: [0, 1], snapshots: 2 }), network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
    }, true],
  ] as const)('reach what the first reaches, for %s', (_, spec, stale) => {
    const { fresh, frozen, closed } = frozenWalk(spec, stale);
    expect(closed).toBe(true);
    expect(fresh.completions).toBeGreaterThan(0);
    expect(frozen.states).toEqual(fresh.states);
    expect([frozen.edges, frozen.completions, frozen.inconsistent, frozen.deadEnds]).toEqual([fresh.edges, fresh.completions, fresh.inconsistent, fresh.deadEnds]);
  });

  // Each grows two of close's sets by as much in its first round, with P0 moving to a state whose rows only a
  // second round computes (and which a later send or delivery needs): that round must run, whatever grew.
  const chatter: Workload<unknown, unknown> = {
    name: 'chatter',
    init: () => 0,
    actions: (s, ctx) => (s === 0 ? [{ label: 'go', next: 1, sends: ctx.out.flatMap((to) => [{ to, msg: 'm' }, { to, msg: 'm' }]) }] : []),
    receive: (s) => ({ next: s }),
  };
  const first = (initiate: SnapshotAlgorithm<string>['initiate'], more: Partial<SnapshotAlgorithm<string>> = {}) =>
    ({ ...modelWith('edges:0>1,1>0', 'token:1', defineAlgorithm<string, unknown, unknown, unknown>({ name: 'rounds', init: (ctx) => (ctx.self === 0 ? 'a' : 'x'), initiate, control: () => ({}), ...more }) as SnapshotAlgorithm), workload: chatter });
  it.each([
    ['a process state and a channel state', first((s) => (s === 'a' ? { next: 'a2', effects: [setChannel(1, 's')] } : null), { receive: () => ({}) })],
    ['a process state and the channel bits', first((s) => (s === 'a' ? { next: 'a2', effects: [recordState(), { kind: 'start-recording', from: 1 }] } : null), { receive: () => ({}) })],
    ['a process state and the control payloads', first((s) => (s === 'a' ? { next: 'a2', effects: [recordState(), sendControl(1), completeLocally()] } : null))],
    ['a process state and the piggybacks', first(() => null, { send: (s) => (s === 'a' ? { next: 'a2', piggyback: 'r' } : {}) })],
  ] as const)('hold the rows of a state first seen in the last round, after a round that grew %s', (_, spec) => {
    const { fresh, frozen, closed } = frozenWalk(spec);
    expect(closed).toBe(true);
    expect(frozen.states).toEqual(fresh.states);
  });

  it('refuse, as an internal error, an input that tables frozen without closing them do not hold', () => {
    const spec = modelWith('ring:3', 'token:1', 'chandy-lamport');
    expect(() => walk(product(spec, 4, product(spec)))).toThrow('internal: a search thread met an algorithm input its frozen tables do not hold');
  });

  it('say which handlers an algorithm has, so that the frozen system never asks the others', () => {
    const first = product(modelWith('ring:3', 'token:1', plain as SnapshotAlgorithm));
    expect(first.alg.close(1000, false)).toBe(true);
    expect(first.alg.freeze().handlers).toEqual([false, false, false, false]);
    expect(product(modelWith('ring:3', 'token:1', busy as SnapshotAlgorithm)).alg.freeze().handlers).toEqual([true, true, true, true]);
  });
});
