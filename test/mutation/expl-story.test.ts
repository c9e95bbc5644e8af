// The guilty message's story, read off scripted paths: which message is blamed (its id and sending step, tracked as
// unordered channels reorder their contents), which marker overtook it, what the trace says about its channel, and
// when a path blames nothing. Among them, algorithms of the user's own that send a marker and a message in one step.
import { describe, expect, it } from 'vitest';
import { defineAlgorithm, recordState, sendControl, startRecording, type ModelSpec, type Workload } from '../../src/index.ts';
import { model, topology } from './models.ts';
import { act, blame, cl, initiateAt, start, startAfterAction, take } from './paths.ts';

/** P0 sends the messages of `msgs` to its first out-neighbour, one per action, in order; a receiver does nothing. */
const sequence = (msgs: readonly string[], reply?: string): Workload<unknown, unknown> => ({
  name: 'sequence',
  init: () => 0,
  actions: (s, ctx) => {
    const k = s as number;
    const to = ctx.out[0];
    return ctx.self === 0 && k < msgs.length && to !== undefined ? [{ label: `send ${msgs[k]}`, next: k + 1, sends: [{ to, msg: msgs[k] }] }] : [];
  },
  // With a reply, P1 answers the first message it takes with it, in the same step.
  receive: (s, _from, _m, ctx) => (reply !== undefined && ctx.self === 1 && s === 0 ? { next: 1, sends: [{ to: 0, msg: reply }] } : { next: s }),
  show: { message: (m) => String(m) },
});

const twoWay = (workload: Workload<unknown, unknown>, algorithm: ModelSpec<unknown, unknown>['algorithm'] = 'chandy-lamport', discipline: 'fifo' | 'unordered' = 'unordered'): ModelSpec<unknown, unknown> => ({
  name: 'story', topology: topology('edges:0>1,1>0'), workload, network: { discipline }, ...(algorithm === undefined ? {} : { algorithm }),
});


describe('the guilty message on an unordered channel', () => {
  it('keeps the id and step it was sent with when a later message with a smaller word lands ahead of it', () => {
    // P0 sends x (#1), y (#2); P1 takes x; P0 sends x again (#3), which the sorted channel puts ahead of y.
    const g = blame(twoWay(sequence(['x', 'y', 'x'])), [act(0), act(0), take(0, 1, 'x'), act(0), start, take(0, 1, 'marker'), take(0, 1, 'y')], false);
    expect(g).toMatchObject({ kind: 'lost', id: 2, sentAt: 2, at: 7 });
    expect(g?.story).toBe(
      'message #2 (y on P0→P1, sent at step 2) was sent by P0 before P0 recorded (P0 recorded at step 5, starting the snapshot itself), but P1 received it at step 7, after P1 had recorded at step 6, when the first marker arrived, on P0→P1, and P0→P1 was recorded as empty when that marker arrived: the cut shows it sent but never received (lost). The marker on P0→P1 was sent after it, at step 5, but arrived first, at step 6.',
    );
  });

  it('is said to be overtaken by the marker, not by an application message that overtook it before', () => {
    // y overtakes x at step 3; the marker overtakes x at step 5.
    const g = blame(twoWay(sequence(['x', 'y'])), [act(0), act(0), take(0, 1, 'y'), start, take(0, 1, 'marker'), take(0, 1, 'x')], false);
    expect(g).toMatchObject({ kind: 'lost', id: 1, sentAt: 1, at: 6, context: { overtaker: { sentAt: 4, at: 5 } } });
    expect(g?.story).toMatch(/ The marker on P0→P1 was sent after it, at step 4, but arrived first, at step 5\.$/);
  });
});

describe('what a lost message\'s story says about its channel', () => {
  it('says the marker closed the recording at its step when the receiver had recorded earlier, on its own', () => {
    // P1's $1 to P0 (step 3) is in flight when P0 starts (step 4); the marker on P1→P0 overtakes it (steps 5, 6).
    const bank = model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered' } });
    const g = blame(bank, [act(0), take(0, 1, '$1'), act(1), start, take(0, 1, 'marker'), take(1, 0, 'marker')]);
    expect(g).toMatchObject({ kind: 'lost', id: 2, sentAt: 3, at: null, context: { receiver: { at: 4, cause: 'initiated' }, markerAt: 6 } });
    expect(g?.story).toBe(
      "message #2 ($1 on P1→P0, sent at step 3) was sent by P1 before P1 recorded (P1 recorded at step 5, when the first marker arrived, on P0→P1), but it was still in flight when the snapshot completed, so neither P0's recorded state nor the recorded state of P1→P0 holds it: the cut shows it sent but never received (lost). P0 recorded at step 4, starting the snapshot itself; the marker on P1→P0 had arrived at step 6, closing its recording. The marker on P1→P0 was sent after it, at step 5, but arrived first, at step 6.",
    );
  });

  it('counts only a marker that arrived after the receiver recorded', () => {
    // abs/unblock-early: b takes the barrier on src→b, then a record src sent after recording, before b itself records.
    const diamond = model('diamond', 'records:1', { algorithm: 'abs/unblock-early' });
    const g = blame(diamond, [start, act(0), take(0, 2, 'barrier'), take(0, 1, 'barrier'), take(0, 2, 'app')], false);
    expect(g).toMatchObject({ kind: 'orphan', id: 4, sentAt: 2, at: 5 });
    expect(g?.context).toStrictEqual({ sender: { at: 1, cause: 'initiated' }, receiver: null, markerAt: null, overtaker: null });
  });
});

describe('a path that blames nothing', () => {
  const bank = model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered' } });

  it('leaves a message sent before the snapshot in flight unjudged unless the snapshot completed', () => {
    const steps = [act(0), start, take(0, 1, 'marker'), take(1, 0, 'marker')];
    expect(blame(bank, steps, true)).toMatchObject({ kind: 'lost', id: 1, at: null });
    expect(blame(bank, steps, false)).toBeNull();
  });

  it('takes a process that recorded its initial state as recorded', () => {
    // P1 records its first local state (the interner's id 0), then takes a message P0 sent after recording.
    expect(blame(bank, [start, take(0, 1, 'marker'), act(0), take(0, 1, '$1')], false)).toBeNull();
  });
});

// Algorithms of the user's own that send a marker and an application message in one step: the trace does not order
// one step's sends, but a process sends its markers as it records, so what it sent before recording went first.

describe('a message and a marker sent in one step', () => {
  it('on an unordered channel, a message sent before its sender recorded went first, and the marker overtook it', () => {
    // P0 starts the snapshot after its action (its `after` handler): the action's a, then the marker, in step 1.
    const g = blame(twoWay(sequence(['a']), { kind: startAfterAction, initiators: [0] }), [act(0), take(0, 1, 'marker'), take(0, 1, 'a')], false);
    expect(g).toMatchObject({ kind: 'lost', id: 2, sentAt: 1, at: 3, context: { overtaker: { sentAt: 1, at: 2 } } });
    expect(g?.story).toMatch(/ The marker on P0→P1 was sent after it, at step 1, but arrived first, at step 2\.$/);
  });

  it('on an unordered channel, a message sent after its sender recorded went second, and arrived before the marker ahead of it', () => {
    // P0 starts, then sends a; as a arrives, P1 starts too (its `receive` handler, before the workload), then
    // replies b: the marker and b leave P1 in one step, and P0, recording P1→P0, takes b first.
    const onArrival = defineAlgorithm<unknown, unknown, unknown>({
      ...cl, name: 'start-on-arrival',
      receive: (s, msg, ctx) => (ctx.self === 1 && s === 'idle' ? initiateAt(s, ctx) : (cl.receive?.(s, msg, ctx) ?? {})),
    });
    const g = blame(twoWay(sequence(['a'], 'b'), { kind: onArrival, initiators: [0] }), [start, act(0), take(0, 1, 'a'), take(1, 0, 'b')], false);
    expect(g).toMatchObject({ kind: 'phantom', sentAt: 3, at: 4, context: { overtaker: { sentAt: 3, at: null } } });
    expect(g?.story).toMatch(/ It arrived before the marker sent ahead of it on P1→P0 at step 3\.$/);
  });

  it('on a FIFO channel, a message behind the marker was sent after it, whatever its colour', () => {
    // As a arrives, P1 forwards a marker, replies b (before recording), then records: marker, then b, on P1→P0.
    const forwardFirst = defineAlgorithm<unknown, unknown, unknown>({
      ...cl, name: 'forward-then-record',
      receive: (s, msg, ctx) => (ctx.self === 1 && s === 'idle' ? { next: 'forwarded', effects: [sendControl(0)] } : (cl.receive?.(s, msg, ctx) ?? {})),
      after: (s) => (s === 'forwarded' ? { next: { open: 1 }, effects: [recordState(), startRecording(0)] } : {}),
    });
    const g = blame(twoWay(sequence(['a'], 'b'), { kind: forwardFirst, initiators: [0] }, 'fifo'), [act(0), take(0, 1, 'a'), take(1, 0, 'marker'), take(1, 0, 'b')], false);
    expect(g).toMatchObject({ kind: 'lost', id: 3, sentAt: 2, at: 4, context: { overtaker: null } });
  });

  it('sent at a later step than the marker, before its sender recorded, was not overtaken by it', () => {
    // record-after-handling: P1 forwards the marker at step 2, and pays P0 at step 3 before saving its state; the
    // marker arrives first and completes the snapshot with the payment in flight.
    const late = model('edges:0>1,1>0', 'bank:1,1', { algorithm: 'chandy-lamport/record-after-handling', network: { discipline: 'unordered' } });
    const g = blame(late, [start, take(0, 1, 'marker'), act(1), take(1, 0, 'marker')]);
    expect(g).toMatchObject({ kind: 'lost', sentAt: 3, at: null, context: { overtaker: null } });
  });
});

describe('a message taken in the step whose after handler records (record-after-handling)', () => {
  // P1 forwards the marker at once but saves its state only after its next event: here, taking P0's $1.
  const late = model('edges:0>1,1>0', 'bank:1,1', { algorithm: 'chandy-lamport/record-after-handling', network: { discipline: 'unordered' } });

  it('is in the recorded state when sent before its sender recorded, so nothing is lost', () => {
    expect(blame(late, [act(0), start, take(0, 1, 'marker'), take(0, 1, '$1'), take(1, 0, 'marker')])).toBeNull();
  });

  it('is an orphan when sent after its sender recorded, as the system judges it', () => {
    const g = blame(late, [start, act(0), take(0, 1, 'marker'), take(0, 1, '$1')], false);
    expect(g).toMatchObject({ kind: 'orphan', id: 2, sentAt: 2, at: 4 });
    expect(g?.story).toBe(
      'message #2 ($1 on P0→P1, sent at step 2) was sent by P0 after P0 recorded (P0 recorded at step 1, starting the snapshot itself), and received by P1 at step 4 before P1 recorded: the cut shows it received but never sent (an orphan).',
    );
  });
});
