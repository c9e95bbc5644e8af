// The built-in algorithms as a user meets them outside a search: the registry's table (names, summaries, what is
// broken, symmetric and dataflow), each algorithm's show texts, and the algorithms under several snapshots, where
// markers and barriers of an earlier snapshot arrive late (stale) and a crash restores a checkpoint.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_ALGORITHMS, builtinAlgorithm, parseTopology, parseWorkload, verify, type AbsState, type ClState, type LyChannel, type LyState, type ModelSpec,
} from '../../src/index.ts';
import { CORRECT_ALGORITHMS, builtinEntry } from '../../src/snapshot/registry.ts';
import { digest } from './digest.ts';
import { must } from './models.ts';


describe('the registry of built-in algorithms', () => {
  it('lists each with its summary and whether it is broken, symmetric and a dataflow algorithm', () => {
    const table = BUILTIN_ALGORITHMS.map((name) => {
      const e = builtinAlgorithm(name);
      return [name, e?.algorithm.name, e?.broken, e?.symmetric, e?.family, e?.algorithm.summary, e?.algorithm.defaultInitiators ?? 'first', e?.algorithm.maxSnapshots ?? 8];
    });
    expect(table).toMatchSnapshot();
    expect(CORRECT_ALGORITHMS).toEqual(BUILTIN_ALGORITHMS.filter((n) => builtinAlgorithm(n)?.broken === false));
    expect(new Set(table.map((r) => r[5])).size).toBe(table.length);
  });

  it('finds each by its value too, and not a copy of it', () => {
    for (const name of BUILTIN_ALGORITHMS) {
      const e = builtinAlgorithm(name);
      expect(e && builtinEntry(e.algorithm)).toBe(e);
      expect(e && builtinEntry({ ...e.algorithm })).toBeUndefined();
    }
    expect(builtinAlgorithm('chandy-lamport/none')).toBeUndefined();
  });
});

describe('the show texts of the built-ins', () => {
  const show = (name: string) => builtinAlgorithm(name)?.algorithm.show;
  it('name Chandy-Lamport’s states', () => {
    const states: ClState[] = ['idle', { open: 0 }, { open: 2 }, { open: 1, pending: true }];
    expect(states.map((s) => show('chandy-lamport')?.state?.(s))).toEqual(['idle', '0 open', '2 open', 'pending, 1 open']);
  });

  it('name Lai-Yang’s states and channel states', () => {
    const states: LyState[] = [{ red: false, sent: [1, 0], done: 0 }, { red: true, sent: [], done: 2 }];
    const channels: LyChannel[] = [{ got: 1, expect: null }, { got: 0, expect: 3 }];
    expect(states.map((s) => show('lai-yang')?.state?.(s))).toEqual(['white, sent 1/0', 'red, 2 in-channel(s) done']);
    expect(channels.map((c) => show('lai-yang')?.channel?.(c))).toEqual(['1 white seen', '0 white seen of 3']);
  });

  it('name the barrier algorithms’ states and internal steps', () => {
    const states: AbsState[] = [
      { got: [], snap: false },
      { got: [1], snap: false },
      { got: [1, 2], snap: true },
      { got: [1], snap: false, pending: 'snapshot' },
      { got: [], snap: true, pending: 'forward' },
      { got: [2], snap: false, pending: 'record' },
    ];
    expect(['abs', 'at-least-once', 'abs/forward-emit-snapshot', 'unaligned'].map((n) => states.map((s) => show(n)?.state?.(s)))).toMatchSnapshot();
    expect(states.map((s) => show('abs/snapshot-emit-forward')?.step?.(s))).toMatchSnapshot();
    expect(['abs', 'unaligned', 'lai-yang'].map((n) => show(n)?.control?.(null as never))).toMatchSnapshot();
  });
});

describe('several snapshots in one execution, with late markers and restored checkpoints', () => {
  const spec = (t: string, w: string, algorithm: string, snapshots: number, faults?: NonNullable<ModelSpec<unknown, unknown>['network']>['faults']): ModelSpec<unknown, unknown> => ({
    name: `${algorithm} ×${snapshots}`,
    topology: must(parseTopology(t)),
    workload: must(parseWorkload(w)),
    network: { discipline: 'fifo', ...(faults === undefined ? {} : { faults }) },
    algorithm: { kind: algorithm, initiators: [0], snapshots },
  });
  const messagePassing = BUILTIN_ALGORITHMS.filter((n) => builtinAlgorithm(n)?.family === 'message-passing' && !n.startsWith('lai-yang'));
  const dataflow = BUILTIN_ALGORITHMS.filter((n) => builtinAlgorithm(n)?.family === 'dataflow');
  const cases: readonly (readonly [string, ModelSpec<unknown, unknown>])[] = [
    ...messagePassing.flatMap((a) => [
      [`${a}, two snapshots, a copied marker`, spec('edges:0>1,1>0', 'token:1', a, 2, { duplicating: true, messages: 'markers' })] as const,
      [`${a}, three snapshots on a ring`, spec('ring:3', 'token:1', a, 3)] as const,
    ]),
    ...dataflow.flatMap((a) => [
      [`${a}, two checkpoints and a crash on a pipeline`, spec('pipeline:2', 'records:1', a, 2, { crash: true })] as const,
      [`${a}, two checkpoints and a copied barrier on a diamond`, spec('diamond', 'records:1', a, 2, { duplicating: true, messages: 'markers' })] as const,
      [`${a}, two checkpoints on a loop`, spec('iterate', 'records:1', a, 2)] as const,
    ]),
  ];
  it.each(cases)('%s gives the pinned result', (_, s) => {
    expect(digest(must(verify(s, { workers: 1, stopAtFirst: false, maxStates: 100_000 })))).toMatchSnapshot();
  });

  it('refuses more snapshots than an algorithm takes', () => {
    const r = verify(spec('edges:0>1,1>0', 'token:1', 'lai-yang', 2), { workers: 1 });
    expect(r.ok ? null : r.error).toEqual({ code: 'CC008', message: 'lai-yang takes at most 1 snapshot per execution, not 2' });
  });
});
