// An algorithm's memo tables, closed over every input the algorithm can produce and handed to a second search
// thread, for each built-in family and for a user's algorithm: the second thread must find every row it needs
// there (a row it lacks is an internal error), and two threads find what one finds. Also the limits a user's
// algorithm can reach: more distinct piggybacks than a message word holds, and states that never close.
import { describe, expect, it } from 'vitest';
import { defineAlgorithm, recordState, sendControl, completeLocally, verify, type ModelSpec } from '../../src/index.ts';
import { digest } from './digest.ts';
import { modelWith, must } from './models.ts';

/** The result without its thread count and counterexample traces (another of the same length may be found). */
const same = (r: ReturnType<typeof run>) => digest({ ...r, stats: { ...r.stats, reductions: { ...r.stats.reductions, threads: 0 } } }).slice(0, -1);
const run = (spec: ModelSpec<unknown, unknown>, workers: number) => must(verify(spec, { workers, parallelFrom: 1, stopAtFirst: false, partialOrder: false, symmetry: false }));

describe('tables closed and handed to a second thread', () => {
  it.each([
    ['aligned barriers (blocking)', modelWith('diamond', 'records:1', 'abs'), 2],
    ['barriers on a loop (logging a back-edge)', modelWith('iterate', 'records:1', 'abs'), 2],
    ['unaligned barriers (overtaking, saving output)', modelWith('diamond', 'records:1', 'unaligned'), 2],
    ['a split snapshot (an internal step)', modelWith('pipeline:3', 'records:1', 'abs/snapshot-emit-forward'), 2],
    ['Chandy-Lamport recording after handling (an after handler)', modelWith('ring:3', 'bank:1,1', 'chandy-lamport/record-after-handling'), 2],
    ['two snapshots (stale markers)', modelWith('ring:3', 'token:2', { kind: 'chandy-lamport', initiators: [0], snapshots: 2 }), 2],
    // Its white processes count what they sent on each channel, without bound: its tables do not close.
    ['Lai-Yang, whose counts keep it on one thread', modelWith('edges:0>1,1>0', 'bank:1,1', 'lai-yang', 'unordered'), 1],
  ] as const)('give what one thread finds, for %s', (_, spec, threads) => {
    const two = run(spec, 2);
    expect(two.stats.reductions.threads).toBe(threads);
    expect(same(two)).toEqual(same(run(spec, 1)));
  });
});

describe('the limits of a user’s algorithm', () => {
  it('refuses more than 63 distinct piggybacks, in one line', () => {
    // Each send piggybacks how many messages its process sent before; the token goes back and forth, so with 140
    // hops each process sends 70 and the 64th value is one too many, while 124 hops give 62 each (and -1 once).
    const counting = defineAlgorithm<number, null, null, number>({
      name: 'counting',
      init: () => 0,
      initiate: (s, ctx) => (s >= 0 ? { next: -1, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] } : null),
      control: () => ({ effects: [recordState(), completeLocally()] }),
      send: (s) => ({ next: s < 0 ? s : s + 1, piggyback: s }),
    });
    const r = verify(modelWith('edges:0>1,1>0', 'token:140', counting), { workers: 1, stopAtFirst: false });
    expect(r.ok ? null : r.error).toEqual({ code: 'CC006', message: "algorithm 'counting' piggybacks more than 63 distinct values" });
    const fine = verify(modelWith('edges:0>1,1>0', 'token:124', counting), { workers: 1, stopAtFirst: false });
    expect(fine.ok).toBe(true);
  });

  it('keeps an algorithm whose states never close on one thread, with the facts of one thread', () => {
    // A counter of markers seen, forever: its tables cannot be closed, so no second thread is handed them.
    const forever = defineAlgorithm<number>({
      name: 'forever',
      init: () => 0,
      initiate: (s, ctx) => (s === 0 ? { next: 1, effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), completeLocally()] } : null),
      control: (s) => (s === 0 ? { next: 1, effects: [recordState(), completeLocally()] } : { next: s + 1 }),
    });
    const spec = modelWith('ring:3', 'token:1', forever);
    const two = run(spec, 2);
    expect(two.stats.reductions.threads).toBe(1);
    expect(same(two)).toEqual(same(run(spec, 1)));
  });
});
