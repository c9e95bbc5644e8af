// The engine's smallest parts, each against a reference written from its contract: how a message is packed into a
// word, what a channel holds and may deliver, where each part of a state lives in the state vector, which values a
// workload may use, and the watch on user code. Then every way a workload can break the contract, verified from
// end to end: one error with code CC006, naming the handler and the process.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJS, List, Map as IMap } from 'immutable';
import {
  POST_BIT, RESTORED_BIT, PIGGYBACK_MASK, appWord, bareApp, controlPayload, controlSnapshot, controlWord, isControl, isPost, isRestored,
  payloadOf, piggybackOf,
} from '../../src/network/message.ts';
import { CapacityOverflow, FIFO, UNORDERED, clearBits, deliverable, disciplineCode, push, pushFront, removeAt } from '../../src/network/channels.ts';
import { Layout } from '../../src/system/layout.ts';
import { unusableValue } from '../../src/system/values.ts';
import { Interner } from '../../src/system/intern.ts';
import { installWatch, watched } from '../../src/system/watch.ts';
import { edges, verify, type Workload } from '../../src/index.ts';
import { sender } from './models.ts';

describe('a message packed into a word', () => {
  const app = fc.record({ payload: fc.integer({ min: 0, max: 2 ** 22 }), post: fc.boolean(), piggyback: fc.integer({ min: 0, max: 63 }), restored: fc.boolean() });

  it('keeps an application message’s payload, colour, piggyback and recovery mark apart', () => {
    fc.assert(
      fc.property(app, ({ payload, post, piggyback, restored }) => {
        const w = appWord(payload, post, piggyback, restored);
        expect(w).toBeGreaterThan(0);
        expect(isControl(w)).toBe(false);
        expect([payloadOf(w), isPost(w), piggybackOf(w), isRestored(w)]).toEqual([payload, post, piggyback, restored]);
        expect(bareApp(w)).toBe(appWord(payload, false));
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('keeps a control message’s snapshot id and payload apart, over the whole range of snapshot ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 2 ** 20 }), (snapshot, payload) => {
        const w = controlWord(snapshot, payload);
        expect(isControl(w)).toBe(true);
        expect([controlSnapshot(w), controlPayload(w)]).toEqual([snapshot, payload]);
      }),
      { numRuns: 300, seed: 2 },
    );
    expect(controlWord(0)).toBe(-1);
    expect([controlSnapshot(controlWord(15, 1)), controlPayload(controlWord(15, 1))]).toEqual([15, 1]);
    expect([controlSnapshot(controlWord(14, 3)), controlPayload(controlWord(14, 3))]).toEqual([14, 3]);
  });

  it('tells an empty slot (0) from a control message, and names its bits', () => {
    expect(isControl(0)).toBe(false);
    expect([POST_BIT, RESTORED_BIT, PIGGYBACK_MASK]).toEqual([1, 128, 126]);
    expect(appWord(0, false)).toBe(256);
  });
});

describe('a channel in the state vector', () => {
  /** A reference channel: a plain array, kept in order for FIFO and sorted for an unordered channel. */
  const ops = fc.array(
    fc.oneof(
      fc.record({ op: fc.constant('push' as const), word: fc.integer({ min: -40, max: 40 }).filter((w) => w !== 0) }),
      fc.record({ op: fc.constant('front' as const), word: fc.integer({ min: -40, max: 40 }).filter((w) => w !== 0) }),
      fc.record({ op: fc.constant('remove' as const), k: fc.nat(10) }),
    ),
    { maxLength: 30 },
  );
  const base = 3;
  const cap = 6;

  it.each([['FIFO', FIFO], ['unordered', UNORDERED]] as const)('behaves as a list on %s channels, and refuses to hold more than its capacity', (_, d) => {
    fc.assert(
      fc.property(ops, (list) => {
        const v = new Int32Array(base + 1 + cap + 2).fill(0);
        v[base - 1] = 99; // the word before the channel
        v[base + cap + 1] = 77; // the word after it
        let ref: number[] = [];
        for (const o of list) {
          if (o.op === 'remove') {
            if (ref.length === 0) continue;
            const k = o.k % ref.length;
            expect(removeAt(v, base, k)).toBe(ref[k]);
            ref = ref.filter((_, i) => i !== k);
          } else if (ref.length >= cap) {
            expect(() => (o.op === 'push' ? push : pushFront)(v, base, cap, o.word, d, 5)).toThrow(CapacityOverflow);
          } else {
            (o.op === 'push' ? push : pushFront)(v, base, cap, o.word, d, 5);
            ref = d === UNORDERED ? [...ref, o.word].sort((a, b) => a - b) : o.op === 'push' ? [...ref, o.word] : [o.word, ...ref];
          }
          expect(v[base]).toBe(ref.length);
          expect([...v.subarray(base + 1, base + 1 + cap)]).toEqual([...ref, ...new Array<number>(cap - ref.length).fill(0)]);
          expect([v[base - 1], v[base + cap + 1]]).toEqual([99, 77]);
          const out = new Int32Array(cap);
          const n = deliverable(v, base, d, out);
          const expected = ref.length === 0 ? [] : d === FIFO ? [0] : ref.flatMap((w, i) => (i === 0 || ref[i - 1] !== w ? [i] : []));
          expect([...out.subarray(0, n)]).toEqual(expected);
        }
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('names the capacity and the channel when it overflows', () => {
    const v = new Int32Array(4);
    push(v, 0, 1, 5, FIFO, 7);
    const e = (() => {
      try {
        push(v, 0, 1, 6, FIFO, 7);
      } catch (x) {
        return x;
      }
      return null;
    })() as CapacityOverflow;
    expect([e.capacity, e.channel, e.message]).toEqual([1, 7, 'channel capacity 1 exceeded']);
  });

  it('clears colour and tag bits of application messages only', () => {
    const v = Int32Array.from([4, appWord(3, true, 5, true), controlWord(2, 1), appWord(0, true), appWord(7, false, 9), 555]);
    clearBits(v, 0, POST_BIT | PIGGYBACK_MASK);
    expect([...v]).toEqual([4, appWord(3, false, 0, true), controlWord(2, 1), appWord(0, false), appWord(7, false), 555]);
  });

  it('codes the two disciplines', () => {
    expect([disciplineCode('fifo'), disciplineCode('unordered')]).toEqual([FIFO, UNORDERED]);
    expect(FIFO).not.toBe(UNORDERED);
  });
});

describe('the state vector’s layout', () => {
  it('places the parts one after another, the durable store last', () => {
    const l = new Layout(3, 4, 5, 2, 1);
    expect([l.local, l.rec, l.algProc, l.algChan, l.queues, l.slot, l.recorded, l.durable, l.width]).toEqual([3, 6, 9, 15, 19, 6, 43, -1, 67]);
    expect([l.queue(0), l.queue(2), l.recordedQueue(0), l.recordedQueue(3)]).toEqual([19, 31, 43, 61]);
    const d = new Layout(3, 4, 5, 2, 1, true);
    expect([d.durable, d.width, d.durableQueue(0), d.durableQueue(1)]).toEqual([67, 67 + 3 + 24, 70, 76]);
  });
});

describe('which values a workload may use', () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = cyclic;
  const deep = (n: number): unknown => (n === 0 ? 0 : [deep(n - 1)]);
  const shared = { k: 1 };
  it.each([
    ['numbers, strings, booleans, null, bigints and undefined', [1, 'a', true, null, 2n, undefined], null],
    ['plain objects and arrays, a value shared twice', { a: [1, { b: 2 }], c: shared, d: shared }, null],
    ['an object without a prototype', Object.create(null) as unknown, null],
    ['immutable.js values', { l: List([1, 2]), m: IMap({ a: 1 }), j: fromJS({ x: [1] }) }, null],
    ['nesting 200 deep', deep(200), null],
    ['a symbol', { a: [Symbol('s')] }, 'it holds a symbol at .a[0]'],
    ['a function', [() => 1], 'it holds a function at [0]'],
    ['a class instance', { p: new Point(1) }, 'it is an instance of Point at .p, which would be compared by identity; use plain objects and arrays, or immutable.js values'],
    ['an instance of an anonymous class', [new (class {})()], 'it is an instance of a class at [0], which would be compared by identity; use plain objects and arrays, or immutable.js values'],
    ['a Map', new Map(), 'it is an instance of Map, which would be compared by identity; use plain objects and arrays, or immutable.js values'],
    ['a Promise', { p: Promise.resolve(1) }, 'it is a Promise at .p (handlers must be synchronous: an async init, actions or receive returns a Promise)'],
    ['a cycle', cyclic, 'it contains a cycle at .self'],
    ['nesting 201 deep', deep(202), 'it is nested more than 200 deep at [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]'],
  ] as const)('%s', (_, value, why) => {
    expect(unusableValue(value)).toBe(why);
  });

  it('says so when reading a value throws', () => {
    const hostile = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(unusableValue(hostile)).toBe('reading it threw (no)');
    const odd = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw 7; } });
    expect(unusableValue(odd)).toBe('reading it threw (a non-Error)');
  });

  it('interns equal values, by value, as one dense id', () => {
    const i = new Interner<unknown>();
    expect([i.id({ a: [1, 2] }), i.id('x'), i.id({ a: [1, 2] }), i.id(List([1])), i.id([1])]).toEqual([0, 1, 0, 2, 2]);
    expect(i.values).toEqual([{ a: [1, 2] }, 'x', List([1])]);
    expect(() => i.id(new Map(), 'the local state of P0')).toThrow(/the local state of P0 cannot be a state or message: it is an instance of Map/);
  });
});

describe('the watch on user code', () => {
  it('publishes the running call’s name, and clears it after, even when the call throws', () => {
    const names: [number, string][] = [];
    const buffer = new SharedArrayBuffer(8);
    const cells = new Int32Array(buffer);
    cells[1] = 5;
    installWatch(buffer, (id, text) => names.push([id, text]));
    expect(cells[1]).toBe(-1);
    const seen: number[] = [];
    expect(watched('a', () => { seen.push(cells[1] as number, cells[0] as number); return 1; })).toBe(1);
    expect(watched('b', () => { seen.push(cells[1] as number, cells[0] as number); return 2; })).toBe(2);
    expect(watched('a', () => { seen.push(cells[1] as number, cells[0] as number); return 3; })).toBe(3);
    expect(() => watched('c', () => { throw new Error('x'); })).toThrow('x');
    expect(names).toEqual([[0, 'a'], [1, 'b'], [2, 'c']]);
    expect(seen).toEqual([0, 1, 1, 3, 0, 5]);
    expect([cells[0], cells[1]]).toEqual([8, -1]);
  });
});

describe('a workload that breaks the contract is refused in one line', () => {
  type W = Workload<unknown, unknown>;
  const hostile: readonly [string, Partial<W>][] = [
    ['init throws', { init: () => { throw new Error('boom'); } }],
    ['init returns undefined', { init: () => undefined }],
    ['init returns a class instance', { init: () => new Map() }],
    ['actions throws', { actions: () => { throw new Error('bad'); } }],
    ['actions returns no array', { actions: () => 'x' as never }],
    ['an action has no label', { actions: () => [{ next: 1 } as never] }],
    ['an action has no next state', { actions: () => [{ label: 'x' } as never] }],
    ['an action has an unknown key', { actions: (s) => (s === 0 ? [{ label: 'x', next: 1, send: [] } as never] : []) }],
    ['an action sends to a process with no channel', { actions: (s) => (s === 0 ? [{ label: 'x', next: 1, sends: [{ to: 0, msg: 1 }] }] : []) }],
    ['an action sends to a name', { actions: (s) => (s === 0 ? [{ label: 'x', next: 1, sends: [{ to: 'P1' as never, msg: 1 }] }] : []) }],
    ['an action’s sends are no array', { actions: (s) => (s === 0 ? [{ label: 'x', next: 1, sends: 'm' as never }] : []) }],
    ['a send has an unknown key', { actions: (s) => (s === 0 ? [{ label: 'x', next: 1, sends: [{ to: 1, msg: 1, at: 2 } as never] }] : []) }],
    ['a message is a function', { actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'x', next: 1, sends: [{ to: 1, msg: () => 1 }] }] : []) }],
    ['receive throws', { receive: () => { throw new Error('no'); } }],
    ['receive returns nothing', { receive: () => undefined as never }],
    ['receive returns no next state', { receive: () => ({}) as never }],
    ['receive returns an unknown key', { receive: () => ({ next: 1, state: 2 }) as never }],
    ['receive’s next state is a Promise', { receive: () => ({ next: Promise.resolve(1) }) }],
    ['receive sends to a process with no channel', { receive: () => ({ next: 3, sends: [{ to: 2, msg: 1 }] }) }],
  ];
  it.each(hostile)('when %s', (_, change) => {
    const r = verify({ name: 'hostile', topology: edges([[0, 1], [1, 0]]), workload: { ...sender, ...change } }, { workers: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CC006');
    expect(r.error.message).not.toMatch(/\n/);
    expect(r.error.message).toMatchSnapshot();
  });
});
