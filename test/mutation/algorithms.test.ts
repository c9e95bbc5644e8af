// A user's own snapshot algorithm, from end to end: one that uses every handler, every effect and every show
// function gives the result pinned for it; its tables, closed and handed to a second search thread, give what one
// thread finds; and every way a handler can break the contract is one CC006 line naming the algorithm, the
// handler and the process.
import { describe, expect, it } from 'vitest';
import {
  appendMessage, blockChannel, completeLocally, defineAlgorithm, edges, parseWorkload, recordOutgoing, recordQueued, recordState,
  sendAhead, sendControl, setChannel, startRecording, stopRecording, unblockChannel, verify,
  type ModelSpec, type SnapshotAlgorithm, type VerifyOptions,
} from '../../src/index.ts';
import { digest } from './digest.ts';
import { modelWith, must } from './models.ts';


/**
 * Chandy-Lamport with colours and alignment mixed in, to touch everything: markers carry a count, messages a colour,
 * each process blocks an in-channel between its marker and its own recording step, keeps a per-channel tally,
 * saves its out-channels as it records, and counts the messages it handles after recording.
 */
type P = { readonly phase: 'idle' | 'due' | 'recorded'; readonly open: number; readonly handled: number };
const everything = defineAlgorithm<P, number, number, 'red' | 'white'>({
  name: 'everything',
  summary: 'every handler and effect at once',
  init: () => ({ phase: 'idle', open: 0, handled: 0 }),
  initChannel: (from) => from * 10,
  initiate: (s, ctx) => (s.phase !== 'idle' ? null : recordAll(s, ctx.in, ctx.out, null)),
  control: (s, m) => {
    if (s.phase === 'idle') return { next: { ...s, phase: 'due' }, effects: [blockChannel(m.from), setChannel(m.from, m.payload)] };
    if (m.stale || !m.recording) return {};
    const open = s.open - 1;
    return { next: { ...s, open }, effects: [stopRecording(m.from), setChannel(m.from, m.state + m.payload), ...(open === 0 ? [completeLocally()] : [])] };
  },
  receive: (s, m) => (m.recording && m.piggyback !== 'red' ? { effects: [appendMessage()] } : s.phase === 'recorded' ? { next: { ...s, handled: Math.min(2, s.handled + 1) } } : {}),
  send: (s) => ({ piggyback: s.phase === 'recorded' ? 'red' : 'white' }),
  after: (s) => (s.handled === 2 ? { next: { ...s, handled: 0 } } : {}),
  step: (s, ctx) => {
    if (s.phase !== 'due') return null;
    const blocked = ctx.in[0];
    const r = recordAll(s, ctx.in, ctx.out, blocked ?? null);
    return { ...r, effects: [...(blocked === undefined ? [] : [unblockChannel(blocked), recordQueued(blocked)]), ...(r.effects ?? [])] };
  },
  show: {
    state: (s) => `${s.phase}/${s.open}/${s.handled}`,
    channel: (c) => `tally ${c}`,
    control: (m) => `marker ${m}`,
    piggyback: (b) => b,
    step: (s) => (s.phase === 'due' ? 'records late' : 'rests'),
  },
});
function recordAll(s: P, ins: readonly number[], outs: readonly number[], via: number | null) {
  const open = ins.filter((q) => q !== via);
  return {
    next: { ...s, phase: 'recorded' as const, open: open.length },
    effects: [
      recordState(),
      ...outs.map((q) => recordOutgoing(q)),
      ...outs.map((q, i) => (i === 0 ? sendAhead(q, outs.length) : sendControl(q, outs.length))),
      ...open.map((q) => startRecording(q)),
      ...(open.length === 0 ? [completeLocally()] : []),
    ],
  };
}

const run = (spec: ModelSpec<unknown, unknown>, options: VerifyOptions = {}) => must(verify(spec, { workers: 1, stopAtFirst: false, ...options }));

describe('a user’s algorithm that uses every handler and effect', () => {
  it.each([
    ['edges:0>1,1>0', 'bank:1,1', 'fifo'],
    ['ring:3', 'token:2', 'fifo'],
    ['line:3', 'token:2', 'unordered'],
    ['edges:0>1,1>2,0>2', 'bank:1,1', 'unordered'],
  ] as const)('gives the pinned result on %s with %s, %s, with an example run', (t, w, d) => {
    expect(digest(run(modelWith(t, w, everything, d), { example: true }))).toMatchSnapshot();
  });

  it('gives the pinned result with a crash, taking two snapshots', () => {
    const spec = { ...modelWith('edges:0>1,1>0', 'bank:1,1', { kind: everything, initiators: [0], snapshots: 2 }), network: { discipline: 'fifo' as const, faults: { crash: true } } };
    expect(digest(run(spec))).toMatchSnapshot();
  });
});

describe('an algorithm’s tables handed to a second search thread', () => {
  // Levels of one state are shared already, so the second thread works on the frozen tables from the first level on.
  // Tables that cannot be closed (this user's algorithm counts without bound) keep the search on one thread.
  it.each([
    ['everything', modelWith('ring:3', 'bank:1,1', everything, 'unordered'), 1],
    ['Chandy-Lamport', modelWith('ring:3', 'bank:1,1', 'chandy-lamport', 'unordered'), 2],
  ] as const)('give what one thread finds, for %s', (_, spec, threads) => {
    const one = run(spec, { partialOrder: false, symmetry: false });
    const two = run(spec, { partialOrder: false, symmetry: false, workers: 2, parallelFrom: 1 });
    // The counterexamples may differ (another of the same length), and the thread count is said apart.
    const same = (r: typeof one) => digest({ ...r, stats: { ...r.stats, reductions: { ...r.stats.reductions, threads: 0 } } }).slice(0, -1);
    expect({ threads: two.stats.reductions.threads, result: same(two) }).toEqual({ threads: threads, result: same(one) });
  });
});

describe('a mistake in a user’s algorithm is one line naming the handler and the process', () => {
  const base: SnapshotAlgorithm<number, unknown, unknown, unknown> = {
    name: 'oops',
    init: () => 0,
    initiate: (s, ctx) => (s === 0 ? { next: 1, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] } : null),
    control: (s) => (s === 0 ? { next: 1, effects: [recordState(), completeLocally()] } : {}),
  };
  const cases: readonly [string, Partial<SnapshotAlgorithm<number, unknown, unknown, unknown>>][] = [
    ['init throws', { init: () => { throw new Error('boom'); } }],
    ['init returns undefined', { init: () => undefined as never }],
    ['init returns a class instance', { init: () => new Date() as never }],
    ['initChannel throws', { initChannel: () => { throw new Error('no channel'); } }],
    ['initChannel returns undefined', { initChannel: () => undefined }],
    ['initiate throws a non-Error', { initiate: () => { throw 'a string'; } }],
    ['initiate returns a number', { initiate: () => 3 as never }],
    ['initiate returns an array', { initiate: () => [] as never }],
    ['initiate misspells next', { initiate: () => ({ nxt: 1 }) as never }],
    ['initiate’s next state is a function', { initiate: () => ({ next: (() => 1) as never }) }],
    ['effects is no array', { initiate: () => ({ effects: recordState() as never }) }],
    ['an effect is a string', { initiate: () => ({ effects: ['record' as never] }) }],
    ['an effect is null', { initiate: () => ({ effects: [null as never] }) }],
    ['an effect kind is unknown', { initiate: () => ({ effects: [{ kind: 'snapshot' } as never] }) }],
    ['an effect kind is a number', { initiate: () => ({ effects: [{ kind: 3 } as never] }) }],
    ['an effect kind is inherited', { initiate: () => ({ effects: [{ kind: 'toString' } as never] }) }],
    ['an effect has an unknown field', { initiate: () => ({ effects: [{ kind: 'send', too: 1 } as never] }) }],
    ['start-recording names a missing channel', { initiate: () => ({ effects: [startRecording(5)] }) }],
    ['stop-recording names a process by name', { initiate: () => ({ effects: [stopRecording('P1' as never)] }) }],
    ['block names a missing channel', { initiate: () => ({ effects: [blockChannel(0)] }) }],
    ['unblock names a missing channel', { initiate: () => ({ effects: [unblockChannel(2)] }) }],
    ['record-queued names a missing channel', { initiate: () => ({ effects: [recordQueued(-1)] }) }],
    ['append outside receive', { initiate: () => ({ effects: [appendMessage()] }) }],
    ['send to a missing channel', { initiate: () => ({ effects: [sendControl(0)] }) }],
    ['send with a non-boolean overtake', { initiate: () => ({ effects: [{ kind: 'send', to: 1, overtake: 'yes' } as never] }) }],
    ['send a payload that is not data', { initiate: () => ({ effects: [sendControl(1, new Set())] }) }],
    ['record-outgoing to a missing channel', { initiate: () => ({ effects: [recordOutgoing(3)] }) }],
    ['set-channel without a state', { initiate: () => ({ effects: [{ kind: 'set-channel', from: 1 } as never] }) }],
    ['set-channel to a missing channel', { initiate: () => ({ effects: [setChannel(4, 1)] }) }],
    ['complete before recording', { initiate: () => ({ effects: [completeLocally()] }) }],
    ['control throws', { control: () => { throw new Error('bad marker'); } }],
    ['control returns null', { control: () => null as never }],
    ['receive throws', { receive: () => { throw new Error('bad message'); } }],
    ['receive misspells effects', { receive: () => ({ efects: [] }) as never }],
    ['send throws', { send: () => { throw new Error('bad send'); } }],
    ['send returns null', { send: () => null as never }],
    ['send returns an unknown key', { send: () => ({ pig: 1 }) as never }],
    ['send’s next state is not data', { send: () => ({ next: Symbol('x') as never }) }],
    ['send piggybacks a class instance', { send: () => ({ piggyback: new Date() }) }],
    ['after throws', { after: () => { throw new Error('bad after'); } }],
    ['after returns undefined', { after: () => undefined as never }],
    ['step throws', { step: () => { throw new Error('bad step'); } }],
    ['step returns a string', { step: () => 'go' as never }],
  ];
  it.each(cases)('when %s', (_, change) => {
    // bank:1,3 on a two-way pair with a third process that only listens: P0 sends, P1 answers, P2 only receives.
    const spec: ModelSpec<unknown, unknown> = {
      name: 'oops', topology: edges([[0, 1], [1, 0], [1, 2]]), workload: must(parseWorkload('bank:2,3')),
      algorithm: { kind: { ...base, ...change } as SnapshotAlgorithm, initiators: [0] },
    };
    const r = verify(spec, { workers: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).not.toMatch(/\n/);
    expect(`${r.error.code} ${r.error.message}`).toMatchSnapshot();
  });

  it('labels an internal step as its show function says, and says so when that throws', () => {
    const stepper = (show: SnapshotAlgorithm<number>['show']): SnapshotAlgorithm<number> => ({
      ...base,
      name: 'stepper',
      initiate: (s) => (s === 0 ? { next: 1 } : null),
      step: (s, ctx) => (s === 1 ? { next: 2, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] } : null),
      ...(show === undefined ? {} : { show }),
    });
    const labels = [undefined, { step: () => 'forwards the marker' }, { step: () => 7 as never }, { step: () => { throw new Error('no label'); } }].map((show) => {
      const r = run({ name: 's', topology: edges([[0, 1], [1, 0]]), workload: must(parseWorkload('token:1')), algorithm: stepper(show) }, { example: true });
      return r.example?.steps.map((s) => s.text).filter((t) => t.startsWith('P0 ') && !t.includes('initiates'));
    });
    expect(labels).toMatchSnapshot();
  });
});
