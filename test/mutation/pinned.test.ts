// Pinned outputs: every built-in algorithm, correct and broken, on small topologies, under each channel discipline
// and each kind of fault, verified from end to end and compared with the result recorded in the snapshot file
// beside this one. The verdicts, checks, facts and state counts are written out; the counterexample traces, their
// explanations' wording, the cuts and the example runs are pinned by a hash of their text. The facts of plain
// Chandy-Lamport are computed again by the naive enumerator (test/reference/naive.ts) here too, so the pinned
// counts are not only the engine's word. After a deliberate change of output, `npx vitest run test/mutation -u`
// records the new results; read the snapshot file's diff before committing it.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_ALGORITHMS, builtinAlgorithm, verify, type FaultSpec, type ModelSpec, type VerifyOptions, type Workload,
} from '../../src/index.ts';
import { digest } from './digest.ts';
import { must, topology, workload } from './models.ts';
import { naiveFacts } from '../reference/naive.ts';

const run = (spec: ModelSpec<unknown, unknown>, options: VerifyOptions = {}) =>
  must(verify(spec, { workers: 1, stopAtFirst: false, maxStates: 200_000, ...options }));

const FAULTS: readonly [string, FaultSpec | undefined][] = [
  ['reliable', undefined],
  ['lossy', { lossy: true }],
  ['duplicating', { duplicating: true }],
  ['lossy markers, budget 2', { lossy: true, messages: 'markers', budget: 2 }],
  ['crash', { crash: true }],
];

const MESSAGE_PASSING: readonly (readonly [string, string])[] = [
  ['edges:0>1,1>0', 'bank:1,1'],
  ['ring:3', 'token:2'],
  ['line:3', 'bank:1,1'],
  ['edges:0>1,0>2,1>2', 'token:1'],
];
const DATAFLOW: readonly (readonly [string, string])[] = [
  ['pipeline:2', 'records:2'],
  ['diamond', 'records:1'],
  ['iterate', 'records:1'],
  ['fanin:2', 'records:1'],
];

// Each algorithm runs on its family's first topology under FIFO, on its second unordered, and on its first again
// with one kind of fault (a different one for each algorithm, in turn); the correct algorithms run under every
// discipline and every fault on every topology of their family.
const grid = BUILTIN_ALGORITHMS.flatMap((algorithm, i) => {
  const entry = builtinAlgorithm(algorithm);
  const models = entry?.family === 'dataflow' ? DATAFLOW : MESSAGE_PASSING;
  const all = models.flatMap(([t, w]) => (['fifo', 'unordered'] as const).flatMap((discipline) => FAULTS.map((f) => [t, w, discipline, f] as const)));
  const [first, second] = [models[i % models.length], models[(i + 1) % models.length]] as [(typeof models)[number], (typeof models)[number]];
  const fault = (k: number) => FAULTS[k] as (typeof FAULTS)[number];
  const some = [
    [...first, 'fifo', fault(0)],
    [...second, 'unordered', fault(0)],
    [...first, 'fifo', fault(1 + (i % (FAULTS.length - 1)))],
  ] as const;
  return (entry?.broken ? some : all).map(([t, w, discipline, [fault, faults]]) => ({
    name: `${algorithm} on ${t} with ${w}, ${discipline}, ${fault}`, algorithm, t, w, discipline, faults,
  }));
});

describe('every built-in algorithm on small models gives the result pinned for it', () => {
  it.each(grid.map((g) => [g.name, g] as const))('%s', (_, g) => {
    const r = run({
      name: g.name,
      topology: topology(g.t),
      workload: workload(g.w),
      network: { discipline: g.discipline, ...(g.faults ? { faults: g.faults } : {}) },
      algorithm: g.algorithm,
    });
    expect(digest(r)).toMatchSnapshot();
  });
});

describe('the search options change what is searched but not what is true', () => {
  const bankBiring = { name: 'b', topology: topology('ring:3'), workload: workload('bank:1,1') };
  const cases: readonly [string, ModelSpec<unknown, unknown>, VerifyOptions][] = [
    ['both reductions on, FIFO', bankBiring, {}],
    ['both reductions off, FIFO', bankBiring, { partialOrder: false, symmetry: false }],
    ['both reductions on, unordered', { ...bankBiring, network: { discipline: 'unordered' } }, {}],
    ['both reductions off, unordered', { ...bankBiring, network: { discipline: 'unordered' } }, { partialOrder: false, symmetry: false }],
    ['stopping at the first violation', { ...bankBiring, network: { discipline: 'unordered' } }, { stopAtFirst: true }],
    ['with an example run', bankBiring, { example: true }],
    ['with an example run where no snapshot completes', { ...bankBiring, algorithm: 'chandy-lamport/no-forwarding' }, { example: true }],
    ['two snapshots one after another', { ...bankBiring, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }, {}],
    ['two snapshots, unordered', { ...bankBiring, network: { discipline: 'unordered' }, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }, {}],
    ['every process an initiator', { ...bankBiring, algorithm: { kind: 'chandy-lamport', initiators: [0, 1, 2] } }, {}],
    ['one FIFO channel among unordered ones', { ...bankBiring, network: { discipline: 'unordered', overrides: { '0>1': 'fifo' } } }, {}],
    ['faults on one channel only', { ...bankBiring, network: { discipline: 'fifo', faults: { lossy: true, channels: ['0>1'] } } }, {}],
    ['faults on application messages only', { ...bankBiring, network: { discipline: 'fifo', faults: { duplicating: true, messages: 'application' } } }, {}],
    ['a state bound the search reaches', bankBiring, { maxStates: 50 }],
    ['a channel capacity the workload needs all of', { name: 'c', topology: topology('edges:0>1,1>0'), workload: workload('bank:2,2') }, { capacity: 3 }],
    ['the write-up model', { name: 'w', topology: topology('edges:0>1,1>0'), workload: workload('writeup') }, { example: true }],
    ['ABS with two crashes', { name: 'a', topology: topology('diamond'), workload: workload('records:1'), algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true, budget: 2 } } }, {}],
    ['ABS with two checkpoints', { name: 'a', topology: topology('pipeline:2'), workload: workload('records:2'), algorithm: { kind: 'abs', initiators: [0], snapshots: 2 }, network: { discipline: 'fifo', faults: { crash: true } } }, {}],
  ];
  it.each(cases)('%s', (_, spec, options) => {
    expect(digest(run(spec, options))).toMatchSnapshot();
  });

  it('refuses a run that would overflow the channel capacity, rather than dropping a message', () => {
    const r = verify({ name: 'c', topology: topology('edges:0>1,1>0'), workload: workload('bank:2,2') }, { workers: 1, capacity: 2 });
    expect(r.ok ? null : r.error).toEqual({ code: 'CC008', message: expect.stringMatching(/^channel P\d→P\d would hold more than 2 messages/) });
  });
});

describe('a workload of the user’s own with invariants and stable claims', () => {
  // A counter that P0 increments and sends to P1: "small" fails once it passes 1, "sent" is a true stable claim
  // and "quiet" is a false one (a message in flight can still arrive).
  type S = { readonly count: number; readonly got: number };
  const counter: Workload<S, number> = {
    name: 'counter',
    init: () => ({ count: 0, got: 0 }),
    actions: (s, ctx) => (ctx.self === 0 && s.count < 2 ? [{ label: 'tick', next: { ...s, count: s.count + 1 }, sends: [{ to: 1, msg: s.count + 1 }] }] : []),
    receive: (s, _from, msg) => ({ next: { ...s, got: Math.max(s.got, msg) } }),
    invariants: { small: (g) => g.locals.every((l) => l.count <= 1) },
    stable: {
      sent: (g) => (g.locals[0]?.count ?? 0) >= 1,
      quiet: (g) => g.channels.every((c) => c.messages.length === 0),
    },
    show: { local: (s) => `${s.count}/${s.got}`, message: (m) => `#${m}`, state: (g) => `${g.locals.length} processes` },
  };
  it.each(['chandy-lamport', 'lai-yang', 'chandy-lamport/close-all'])('gives the pinned result under %s', (algorithm) => {
    const r = run({ name: 'counter', topology: topology('edges:0>1,1>0'), workload: counter as Workload<unknown, unknown>, algorithm });
    expect(r.checks.invariant).toBe('violated');
    expect(digest(r)).toMatchSnapshot();
  });
});

const naiveWorkload = (w: string) => {
  const [, kind, a = '0', b = '0'] = /^(bank|token):(\d+)(?:,(\d+))?$/.exec(w) ?? [];
  return kind === 'bank' ? { kind: 'bank' as const, balance: Number(a), transfers: Number(b) } : { kind: 'token' as const, hops: Number(a) };
};

describe('the pinned facts of plain Chandy-Lamport agree with the naive enumerator', () => {
  const cases: readonly [string, string, readonly [number, number][], 'fifo' | 'unordered'][] = [
    ['bank:1,1', 'edges:0>1,1>0', [[0, 1], [1, 0]], 'fifo'],
    ['bank:1,1', 'edges:0>1,1>0', [[0, 1], [1, 0]], 'unordered'],
    ['bank:1,1', 'edges:0>1,1>2', [[0, 1], [1, 2]], 'unordered'],
    ['token:2', 'edges:0>1,1>2,2>0', [[0, 1], [1, 2], [2, 0]], 'unordered'],
  ];
  it.each(cases)('%s on %s, %s', (w, t, channels, discipline) => {
    const r = run({ name: 'n', topology: topology(t), workload: workload(w), network: { discipline } }, { partialOrder: false, symmetry: false });
    const n = Math.max(...channels.flat()) + 1;
    const naive = naiveFacts({ n, channels, discipline, initiators: [0], workload: naiveWorkload(w) });
    expect(r.facts).toEqual(naive);
  });
});
