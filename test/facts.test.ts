// The canonical facts of SEMANTICS.md, pinned, and computed independently of the explorer: each pinned row
// comes from the naive reference enumerator in test/reference, and random small models are compared live.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bank, edges, parseTopology, parseWorkload, token, verify, type Facts, type Workload } from '../src/index.ts';
import { naiveFacts } from './reference/naive.ts';

interface Row {
  topology: string;
  workload: string;
  discipline: 'fifo' | 'unordered';
  initiators: number[];
  facts: Facts;
}
const rows = JSON.parse(readFileSync(new URL('./reference/expected-facts.json', import.meta.url), 'utf8')) as Row[];

const factsOf = (row: Omit<Row, 'facts'>): Facts => {
  const t = parseTopology(row.topology);
  const w = parseWorkload(row.workload);
  if (!t.ok || !w.ok) throw new Error(`bad row ${row.topology} ${row.workload}`);
  const r = verify(
    { name: 'pinned', topology: t.value, workload: w.value, network: { discipline: row.discipline }, algorithm: { kind: 'chandy-lamport', initiators: row.initiators } },
    { stopAtFirst: false },
  );
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.factsComplete).toBe(true);
  return r.value.facts;
};

describe('canonical facts', () => {
  it('bank:1,1 on edges:0>1,1>0 with FIFO channels has 9 application states and 6 distinct cuts', () => {
    expect(factsOf({ topology: 'edges:0>1,1>0', workload: 'bank:1,1', discipline: 'fifo', initiators: [0] })).toEqual({
      appStates: 9, cuts: 6, inconsistentCuts: 0, unreachableCuts: 0, shortestInconsistent: null,
    });
  });

  it('with unordered channels it has 20 distinct cuts, 14 inconsistent, and the shortest inconsistent run takes 4 steps', () => {
    expect(factsOf({ topology: 'edges:0>1,1>0', workload: 'bank:1,1', discipline: 'unordered', initiators: [0] })).toEqual({
      appStates: 9, cuts: 20, inconsistentCuts: 14, unreachableCuts: 14, shortestInconsistent: 4,
    });
  });

  it.each(rows.map((r) => [`${r.workload} on ${r.topology}, ${r.discipline}, initiators ${r.initiators.join(',')}`, r] as const))(
    'match the naive enumerator for %s',
    (_name, row) => expect(factsOf(row)).toEqual(row.facts),
  );
});

describe('the explorer against the naive enumerator on random small models', () => {
  const arbModel = fc.record({
    n: fc.integer({ min: 2, max: 3 }),
    pairs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 4, selector: ([a, b]) => `${a}>${b}` }),
    workload: fc.oneof(
      fc.record({ kind: fc.constant('bank' as const), balance: fc.integer({ min: 1, max: 2 }), transfers: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('token' as const), hops: fc.integer({ min: 0, max: 3 }) }),
    ),
    discipline: fc.constantFrom('fifo' as const, 'unordered' as const),
    initiators: fc.subarray([0, 1, 2], { minLength: 1 }),
  });

  it('agree on every canonical fact', () => {
    fc.assert(
      fc.property(arbModel, (m) => {
        const channels = m.pairs.filter(([a, b]) => a !== b && a < m.n && b < m.n) as [number, number][];
        const initiators = m.initiators.filter((p) => p < m.n);
        fc.pre(channels.length > 0 && initiators.length > 0);
        const workload = (m.workload.kind === 'bank' ? bank(m.workload.balance, m.workload.transfers) : token(m.workload.hops)) as Workload<unknown, unknown>;
        const r = verify(
          { name: 'random', topology: edges(channels, m.n), workload, network: { discipline: m.discipline }, algorithm: { kind: 'chandy-lamport', initiators } },
          { stopAtFirst: false },
        );
        if (!r.ok) throw new Error(r.error.message);
        const naive = naiveFacts({ n: m.n, channels, workload: m.workload, discipline: m.discipline, initiators });
        expect(r.value.facts).toEqual(naive);
        // Chandy-Lamport's theorem: on FIFO channels no cut is inconsistent or unreachable.
        if (m.discipline === 'fifo') expect(r.value.facts.inconsistentCuts + r.value.facts.unreachableCuts).toBe(0);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });
});
