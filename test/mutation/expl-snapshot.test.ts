// The built-in snapshot algorithms' handlers, called directly: the exact reaction each gives in the states where a
// correct algorithm and its broken variants part ways (alignment, a split snapshot's two halves, a back-edge's log
// closing, a task with three inputs, a white process turning red). Each reaction is written out whole, effects in
// order, from the algorithm's description in its source file.
import { describe, expect, it } from 'vitest';
import {
  abs, absVariant, appendMessage, atLeastOnce, blockChannel, chandyLamport, chandyLamportVariant, completeLocally, laiYang, laiYangVariant,
  recordOutgoing, recordState, sendAhead, sendControl, setChannel, startRecording, stopRecording, unaligned, unalignedVariant, unblockChannel,
  type AbsState, type ClState, type LyChannel, type LyState, type SnapshotAlgorithm,
} from '../../src/index.ts';
import { CL_VARIANTS } from '../../src/snapshot/chandy-lamport.ts';
import { withInput } from '../../src/snapshot/abs.ts';

type Ctx = Parameters<SnapshotAlgorithm['init']>[0];
const ctx = (self: number, inputs: readonly number[], out: readonly number[], backIn: readonly number[] = []): Ctx => ({ self, n: 4, in: inputs, out, backIn });
/** A barrier (or marker) arriving from `from`, on a channel being recorded or not. */
const barrier = (from: number, recording = false) => ({ from, state: null, recording, blocked: false, payload: null, stale: false });
/** An application message arriving from `from`. */
const record = (from: number, recording: boolean, restored = false) => ({ from, state: null, recording, blocked: false, piggyback: undefined, restored });

describe('ABS and at-least-once, aligning a task with two inputs', () => {
  // P2 takes from P0 and P1 and sends to P3.
  const task = ctx(2, [0, 1], [3]);
  const idle: AbsState = { got: [], snap: false };

  it('ABS blocks the input that delivered the first barrier, then on the last snapshots and unblocks both', () => {
    const first = abs.control(idle, barrier(0), task);
    expect(first).toEqual({ next: { got: [0], snap: false }, effects: [blockChannel(0)] });
    expect(abs.control(first.next as AbsState, barrier(1), task)).toEqual({
      next: { got: [0, 1], snap: true },
      effects: [recordState(), sendControl(3), unblockChannel(0), unblockChannel(1), completeLocally()],
    });
  });

  it('at-least-once neither blocks nor unblocks an input', () => {
    const first = atLeastOnce.control(idle, barrier(0), task);
    expect(first).toEqual({ next: { got: [0], snap: false }, effects: [] });
    expect(atLeastOnce.control(first.next as AbsState, barrier(1), task)).toEqual({
      next: { got: [0, 1], snap: true },
      effects: [recordState(), sendControl(3), completeLocally()],
    });
  });

  it('does not let an initiator that is aligning start a snapshot of its own', () => {
    expect(abs.initiate({ got: [0], snap: false }, task)).toBeNull();
    expect(abs.initiate({ got: [], snap: true }, ctx(0, [], [2]))).toBeNull();
    expect(abs.initiate(idle, ctx(0, [], [2]))).toEqual({ next: { got: [], snap: true }, effects: [recordState(), sendControl(2), completeLocally()] });
  });

  it('ignores a barrier from an input that already delivered one', () => {
    expect(abs.control({ got: [0], snap: false }, barrier(0), task)).toEqual({});
  });
});

describe('ABS split in two steps (broken variants): the state after aligning says what is done and what is next', () => {
  const task = ctx(2, [0, 1], [3]);
  const aligning: AbsState = { got: [0], snap: false };

  it('unblock-early unblocks first, with no snapshot taken yet; its step takes it', () => {
    const v = absVariant('unblock-early');
    const r = v.control(aligning, barrier(1), task);
    expect(r).toEqual({ next: { got: [0, 1], snap: false, pending: 'snapshot' }, effects: [unblockChannel(0), unblockChannel(1)] });
    expect(v.show?.state?.(r.next as AbsState)).toBe('aligning, 2 barrier(s) in, to snapshot next');
    expect(v.step?.(r.next as AbsState, task)).toEqual({
      next: { got: [0, 1], snap: true },
      effects: [recordState(), sendControl(3), unblockChannel(0), unblockChannel(1), completeLocally()],
    });
  });

  it('snapshot-emit-forward has taken the snapshot before its step forwards the barrier', () => {
    const v = absVariant('snapshot-emit-forward');
    const r = v.control(aligning, barrier(1), task);
    expect(r).toEqual({ next: { got: [0, 1], snap: true, pending: 'forward' }, effects: [recordState(), unblockChannel(0), unblockChannel(1)] });
    expect(v.show?.state?.(r.next as AbsState)).toBe('snapshot taken, 2 barrier(s) in, to forward next');
    expect(v.step?.(r.next as AbsState, task)).toEqual({ next: { got: [0, 1], snap: true }, effects: [sendControl(3), completeLocally()] });
  });

  it('forward-emit-snapshot has forwarded the barrier but taken no snapshot before its step', () => {
    const v = absVariant('forward-emit-snapshot');
    const r = v.control(aligning, barrier(1), task);
    expect(r).toEqual({ next: { got: [0, 1], snap: false, pending: 'record' }, effects: [sendControl(3), unblockChannel(0), unblockChannel(1)] });
    expect(v.show?.state?.(r.next as AbsState)).toBe('aligning, 2 barrier(s) in, to record next');
    expect(v.step?.(r.next as AbsState, task)).toEqual({ next: { got: [0, 1], snap: true }, effects: [recordState(), completeLocally()] });
  });

  it('has no step to take when nothing is pending', () => {
    expect(absVariant('unblock-early').step?.({ got: [0, 1], snap: true }, task)).toBeNull();
  });
});

describe('ABS on a cycle: a back-edge is logged from the snapshot until its barrier comes back', () => {
  // P1 takes from P0 (regular) and from P2 over a back-edge, and sends to P2.
  const onCycle = ctx(1, [0, 2], [2], [2]);

  it('snapshots on the regular input alone, logging the back-edge, and completes when its barrier comes back', () => {
    const r = abs.control({ got: [], snap: false }, barrier(0), onCycle);
    expect(r).toEqual({ next: { got: [0], snap: true }, effects: [recordState(), sendControl(2), unblockChannel(0), startRecording(2)] });
    expect(abs.control(r.next as AbsState, barrier(2, true), onCycle)).toEqual({ next: { got: [0, 2], snap: true }, effects: [stopRecording(2), completeLocally()] });
  });

  it('with two back-edges, completes only when the barrier has come back on both', () => {
    const twoBack = ctx(1, [0, 2, 3], [2, 3], [2, 3]);
    const r = abs.control({ got: [], snap: false }, barrier(0), twoBack);
    expect(r).toEqual({ next: { got: [0], snap: true }, effects: [recordState(), sendControl(2), sendControl(3), unblockChannel(0), startRecording(2), startRecording(3)] });
    const back = abs.control(r.next as AbsState, barrier(3, true), twoBack);
    expect(back).toEqual({ next: { got: [0, 3], snap: true }, effects: [stopRecording(3)] });
    expect(abs.control(back.next as AbsState, barrier(2, true), twoBack)).toEqual({ next: { got: [0, 2, 3], snap: true }, effects: [stopRecording(2), completeLocally()] });
  });

  it('no-log completes at the snapshot, so the barrier coming back completes nothing more', () => {
    const v = absVariant('no-log');
    const r = v.control({ got: [], snap: false }, barrier(0), onCycle);
    expect(r).toEqual({ next: { got: [0], snap: true }, effects: [recordState(), sendControl(2), unblockChannel(0), completeLocally()] });
    expect(v.control(r.next as AbsState, barrier(2), onCycle)).toEqual({ next: { got: [0, 2], snap: true }, effects: [stopRecording(2)] });
  });

  it('a split snapshot does not complete when the back-edge closes before its second half', () => {
    const v = absVariant('snapshot-emit-forward');
    expect(v.control({ got: [0], snap: true, pending: 'forward' }, barrier(2, true), onCycle)).toEqual({
      next: { got: [0, 2], snap: true, pending: 'forward' },
      effects: [stopRecording(2)],
    });
    const early = absVariant('unblock-early');
    expect(early.control({ got: [0], snap: false, pending: 'snapshot' }, barrier(2), onCycle)).toEqual({
      next: { got: [0, 2], snap: false, pending: 'snapshot' },
      effects: [stopRecording(2)],
    });
  });

  it('never unblocks the back-edge, which it never blocked', () => {
    // The barrier came back on the back-edge before the snapshot's second half: the snapshot unblocks P0 only.
    expect(absVariant('unblock-early').step?.({ got: [0, 2], snap: false, pending: 'snapshot' }, onCycle)).toEqual({
      next: { got: [0, 2], snap: true },
      effects: [recordState(), sendControl(2), unblockChannel(0), completeLocally()],
    });
  });
});

describe('the inputs that delivered a barrier', () => {
  it('gain one more in ascending order, each once, as a fresh list', () => {
    const list = [0, 2];
    expect(withInput(list, 1)).toEqual([0, 1, 2]);
    const same = withInput(list, 2);
    expect(same).toEqual([0, 2]);
    expect(same).not.toBe(list);
    expect(withInput([], 3)).toEqual([3]);
  });
});

describe('unaligned checkpoints on a task with three inputs', () => {
  // P3 takes from P0, P1 and P2 and sends to P4.
  const task = ctx(3, [0, 1, 2], [4]);

  it('snapshot at the first barrier, record the two other inputs, and complete only when the last barrier arrives', () => {
    const first = unaligned.control({ got: [], snap: false }, barrier(1), task);
    expect(first).toEqual({
      next: { got: [1], snap: true },
      effects: [recordState(), recordOutgoing(4), sendAhead(4), startRecording(0), startRecording(2)],
    });
    const second = unaligned.control(first.next as AbsState, barrier(0, true), task);
    expect(second).toEqual({ next: { got: [0, 1], snap: true }, effects: [stopRecording(0)] });
    expect(unaligned.control(second.next as AbsState, barrier(2, true), task)).toEqual({ next: { got: [0, 1, 2], snap: true }, effects: [stopRecording(2), completeLocally()] });
  });

  it('a source snapshots on its own, with no barrier in, and not twice', () => {
    const source = ctx(0, [], [3]);
    expect(unaligned.initiate({ got: [], snap: false }, source)).toEqual({
      next: { got: [], snap: true },
      effects: [recordState(), recordOutgoing(3), sendAhead(3), completeLocally()],
    });
    expect(unaligned.initiate({ got: [], snap: true }, source)).toBeNull();
  });

  it('save an arriving record only on an input being recorded, and restored-unsaved not a restored one', () => {
    const s: AbsState = { got: [1], snap: true };
    expect(unaligned.receive?.(s, record(0, true), task)).toEqual({ effects: [appendMessage()] });
    expect(unaligned.receive?.(s, record(0, false), task)).toEqual({});
    expect(unaligned.receive?.(s, record(0, true, true), task)).toEqual({ effects: [appendMessage()] });
    const unsaved = unalignedVariant('restored-unsaved');
    expect(unsaved.receive?.(s, record(0, true, true), task)).toEqual({});
    expect(unsaved.receive?.(s, record(0, true, false), task)).toEqual({ effects: [appendMessage()] });
  });
});

describe('Chandy-Lamport recording after handling (a broken variant)', () => {
  const v = chandyLamportVariant('record-after-handling');

  it('saves the state after the next event once a marker came, completing when no channel is open', () => {
    expect(v.after?.({ open: 1, pending: true }, ctx(1, [0, 2], [0]))).toEqual({ next: { open: 1 }, effects: [recordState()] });
    expect(v.after?.({ open: 0, pending: true }, ctx(1, [0], [0]))).toEqual({ next: { open: 0 }, effects: [recordState(), completeLocally()] });
  });

  it('does nothing after an event while idle or once its state is saved', () => {
    expect(v.after?.('idle', ctx(1, [0], [0]))).toEqual({});
    expect(v.after?.({ open: 1 }, ctx(1, [0, 2], [0]))).toEqual({});
  });

  it('is the only variant that reacts after the workload handles an event', () => {
    expect([chandyLamport, ...CL_VARIANTS.map((x) => chandyLamportVariant(x))].filter((a) => a.after !== undefined).map((a) => a.name)).toEqual([
      'chandy-lamport/record-after-handling',
    ]);
  });

  it('holds the state back at the first marker, recording the other in-channel', () => {
    const s: ClState = 'idle';
    expect(v.control(s, barrier(0), ctx(1, [0, 2], [0]))).toEqual({ next: { open: 1, pending: true }, effects: [sendControl(0), startRecording(2)] });
  });
});

describe('Lai-Yang turning red', () => {
  const p: Ctx = ctx(1, [0], [0, 2]);
  const white: LyState = { red: false, sent: [2, 1], done: 0 };
  const count = (from: number, payload: number | null, state: LyChannel = { got: 0, expect: null }) => ({ from, state, recording: false, blocked: false, payload, stale: false });

  it('records, tells each out-neighbour its count of white messages, records its in-channels and forgets its counts', () => {
    expect(laiYang.initiate(white, p)).toEqual({
      next: { red: true, sent: [], done: 0 },
      effects: [recordState(), sendControl(0, 2), sendControl(2, 1), startRecording(0)],
    });
  });

  it('closes an in-channel at a count it has already seen', () => {
    expect(laiYang.control(white, count(0, 0), p)).toEqual({
      next: { red: true, sent: [], done: 1 },
      effects: [recordState(), sendControl(0, 2), sendControl(2, 1), startRecording(0), setChannel(0, { got: 0, expect: 0 }), stopRecording(0), completeLocally()],
    });
  });

  it('no-count sends no count and closes the channel on the control message, keeping no channel state', () => {
    const v = laiYangVariant('no-count');
    expect(v.control(white, count(0, null, { got: 3, expect: null }), p)).toEqual({
      next: { red: true, sent: [], done: 1 },
      effects: [recordState(), sendControl(0, null), sendControl(2, null), startRecording(0), stopRecording(0), completeLocally()],
    });
  });
});

describe('the effect constructors', () => {
  it('give a control message only the fields asked for', () => {
    expect(sendControl(1)).toStrictEqual({ kind: 'send', to: 1 });
    expect(sendControl(1, 7)).toStrictEqual({ kind: 'send', to: 1, payload: 7 });
    expect(sendAhead(1)).toStrictEqual({ kind: 'send', to: 1, overtake: true });
    expect(sendAhead(1, 7)).toStrictEqual({ kind: 'send', to: 1, payload: 7, overtake: true });
  });
});
