// The product system's steps, read off its vectors: a snapshot completed by the step that started it, algorithm
// states moved to the id a handler names (id 0 too), every message of a full unordered channel deliverable, a
// step replayed by its code, the application state and quiescence read without the recorded channel states, and a
// job that may crash zero times treated as one that never crashes.
import { describe, expect, it } from 'vitest';
import { completeLocally, defineAlgorithm, recordState, verify, type SnapshotAlgorithm, type Workload } from '../../src/index.ts';
import { appWord, payloadOf } from '../../src/network/message.ts';
import { noSnapshot } from '../../src/snapshot/none.ts';
import { COMPLETED, ProductSystem } from '../../src/system/system.ts';
import { replayCodes } from '../../src/system/replay.ts';
import { DELIVER, stepKind } from '../../src/system/step.ts';
import { DONE, FLAGS, STARTED } from '../../src/system/layout.ts';
import { product, swap, walk } from './sys-explore.ts';
import { model, modelWith, must } from './models.ts';

/** Every successor of `cur`: its code, its event and a copy of its vector. */
const successors = (sys: ProductSystem, cur: Int32Array) => {
  const out: { code: number; event: number; vec: Int32Array }[] = [];
  sys.successors(cur, new Int32Array(sys.width), (vec, code, event) => out.push({ code, event, vec: vec.slice() }));
  return out;
};
const initial = (sys: ProductSystem) => {
  const v = new Int32Array(sys.width);
  sys.initial(v);
  return v;
};
/** The payloads queued on channel c of `vec`, as values. */
const queued = (sys: ProductSystem, vec: Int32Array, c: number) => sys.queueWords(vec, c).map((w) => sys.table.payloads.values[payloadOf(w)]);

/** P0 sends each message of `msgs` to P1 at once, in one action; P1 keeps the last it took. */
const burst = (...msgs: string[]): Workload<unknown, unknown> => ({
  name: 'burst',
  init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'go', next: 1, sends: msgs.map((msg) => ({ to: 1, msg })) }] : []),
  receive: (_, _from, msg) => ({ next: msg }),
});

/** An algorithm that never starts a snapshot. */
const idle = defineAlgorithm<null>({ name: 'idle', init: () => null, initiate: () => null, control: () => ({}) }) as SnapshotAlgorithm;

describe('a snapshot completed by the step that started it', () => {
  it('is seen when a lone process records and finishes in its after handler, on its first action', () => {
    // One process, no channel: its only action starts the snapshot, and its after handler finishes it at once.
    const self = defineAlgorithm<string>({
      name: 'self',
      init: () => 'idle',
      initiate: () => null,
      control: () => ({}),
      after: (s) => (s === 'idle' ? { next: 'done', effects: [recordState(), completeLocally()] } : {}),
    });
    const tick: Workload<unknown, unknown> = { name: 'tick', init: () => 0, actions: (s) => (s === 0 ? [{ label: 'tick', next: 1 }] : []), receive: (s) => ({ next: s }) };
    const r = must(verify(model('edges:1:', 'token:1', { workload: tick, algorithm: self }), { workers: 1, stopAtFirst: false }));
    expect([r.verdict, r.checks.terminates, r.stats.completions, r.facts.cuts]).toEqual(['holds', 'holds', 1, 1]);
  });
});

describe('algorithm states', () => {
  // P1's states 10 and 11 never show in a settled state: P1 records last, completing the snapshot, which settles.
  it.each(['after', 'send'] as const)('move to the state a handler names, the first one interned too (by %s)', (via) => {
    const sys = product(modelWith('edges:0>1,1>0', 'bank:1,1', swap(via)));
    const p1 = new Set<unknown>();
    for (const key of walk(sys).states) p1.add(sys.alg.procValue(Number(key.split(',')[sys.layout.algProc + 1])));
    expect([...p1].sort()).toEqual([0, 1]);
  });
});

describe('the network in the product', () => {
  it('delivers any message of a full unordered channel, each leaving the others', () => {
    const sys = product({ ...modelWith('edges:0>1', 'token:1', idle, 'unordered'), workload: burst('a', 'b') }, 2);
    const [go] = successors(sys, initial(sys));
    expect(queued(sys, go!.vec, 0)).toEqual(['a', 'b']);
    const deliveries = successors(sys, go!.vec).filter((s) => stepKind(s.code) === DELIVER);
    expect(deliveries.map((d) => queued(sys, d.vec, 0))).toEqual([['b'], ['a']]);
    expect(deliveries.map((d) => sys.table.locals.values[d.vec[sys.layout.local + 1]!])).toEqual(['a', 'b']);
  });

  it('shows an application message without piggyback with no piggyback field at all', () => {
    const sys = product(model('edges:0>1', 'token:1', { workload: burst('a') }));
    successors(sys, initial(sys));
    expect(Object.keys(sys.messageView(appWord(0, true)))).toEqual(['kind', 'payload', 'post']);
  });

  it('counts a message recorded in a channel’s state as not in flight', () => {
    const sys = product(modelWith('edges:0>1', 'token:1', 'chandy-lamport'));
    const v = initial(sys);
    expect(sys.isQuiescent(v)).toBe(true);
    const rec = sys.layout.recordedQueue(0);
    v[rec] = 1;
    v[rec + 1] = 1;
    expect(sys.recordedPayloads(v, 0)).toEqual([0]);
    expect(sys.isQuiescent(v)).toBe(true);
  });

  it('writes the application state channel by channel, a full channel beside a half-full one', () => {
    const spec = model('edges:0>1,0>2', 'token:1', {
      workload: { ...burst(), actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'go', next: 1, sends: [{ to: 1, msg: 'b' }, { to: 1, msg: 'a' }, { to: 2, msg: 'c' }] }] : []) },
      network: { discipline: 'unordered' },
    });
    const sys = product(spec, 2);
    const [go] = successors(sys, initial(sys));
    const app = new ProductSystem(sys.model, sys.table, noSnapshot, 2, 0);
    const out = new Int32Array(app.width);
    sys.writeApp(go!.vec, app, out);
    expect([0, 1].map((c) => queued(app, out, c))).toEqual([['b', 'a'], ['c']]);
  });
});

describe('a step replayed by its code', () => {
  const spec = modelWith('edges:0>1,1>0', 'token:1', 'chandy-lamport');

  it('gives the successor that code names, not another one enabled beside it', () => {
    const sys = product(spec);
    const cur = initial(sys);
    const all = successors(sys, cur);
    expect(all.length).toBeGreaterThan(1);
    const next = new Int32Array(sys.width);
    expect(sys.apply(cur, next, all[0]!.code)).toBe(all[0]!.event);
    expect(Array.from(next)).toEqual(Array.from(all[0]!.vec));
  });

  it('refuses a code that is not enabled, naming the step of the trace', () => {
    const sys = product(spec);
    const code = successors(sys, initial(sys))[0]!.code;
    expect(sys.apply(initial(sys), new Int32Array(sys.width), 12345)).toBe(-1);
    const r = replayCodes(sys, [code, 12345]);
    expect(r.ok ? null : r.error).toEqual({ code: 'CC009', message: 'step 2 is not enabled at that point of the trace' });
  });

  it('keeps the completing state as it was, and goes on from it settled', () => {
    const sys = product(spec);
    // The codes of a shortest path to the first step that completes a snapshot.
    const paths = new Map<string, number[]>([[initial(sys).join(','), []]]);
    let queue: Int32Array<ArrayBufferLike>[] = [initial(sys)];
    let codes: number[] | null = null;
    while (codes === null && queue.length > 0) {
      const next: Int32Array<ArrayBufferLike>[] = [];
      for (const cur of queue)
        for (const s of successors(sys, cur)) {
          const path = [...(paths.get(cur.join(',')) as number[]), s.code];
          if (s.event === COMPLETED) codes ??= path;
          else if (!paths.has(s.vec.join(','))) {
            paths.set(s.vec.join(','), path);
            next.push(s.vec);
          }
        }
      queue = next;
    }
    const r = must(replayCodes(sys, codes as number[]));
    expect(r.events.at(-1)).toBe(COMPLETED);
    expect(r.events.slice(0, -1).every((e) => e === 0)).toBe(true);
    const completing = r.states.at(-1) as Int32Array;
    expect(completing[DONE]).toBe(0);
    expect([0, 1].map((p) => sys.isLocallyComplete(completing, p))).toEqual([true, true]);
    const settled = completing.slice();
    sys.settle(settled);
    const after = successors(sys, settled)[0]!;
    const again = must(replayCodes(sys, [...(codes as number[]), after.code]));
    expect(again.states.map((s) => s[DONE])).toEqual([...r.states.map(() => 0), 1]);
    expect(Array.from(again.states.at(-1) as Int32Array)).toEqual(Array.from(after.vec));
  });
});

describe('faults', () => {
  it('treats a job that may crash zero times as one that never crashes', () => {
    const never = product({ ...modelWith('edges:0>1,1>0', 'token:1', 'chandy-lamport'), network: { discipline: 'fifo', faults: { crash: true, budget: 0 } } });
    expect(never.crashes).toBe(false);
    expect(never.layout.durable).toBe(-1);
    const once = product({ ...modelWith('edges:0>1,1>0', 'token:1', 'chandy-lamport'), network: { discipline: 'fifo', faults: { crash: true, budget: 1 } } });
    expect(once.crashes).toBe(true);
  });
});

describe('a dead end, for terminates', () => {
  it('is fine once a snapshot completed and no other is under way, and not while one is', () => {
    const sys = product(model('edges:0>1,1>0', 'bank:1,1'));
    const v = new Int32Array(sys.width);
    sys.initial(v);
    expect(sys.isTerminalComplete(v)).toBe(false);
    v[DONE] = 1;
    expect(sys.isTerminalComplete(v)).toBe(true);
    v[FLAGS] = STARTED;
    expect(sys.isTerminalComplete(v)).toBe(false);
  });
});
