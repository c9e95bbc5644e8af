// The ground the bounded theorems range over: every digraph on a few processes, once per isomorphism class.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  automorphisms, canonicalCode, digraph, digraphs, initialComponents, initiatorSets, permutations, reachable, renumber, topologyOf,
} from '../src/prove/digraphs.ts';
import { parseTopology } from '../src/model/topology.ts';

// OEIS A000273 (digraphs), A035512 (strongly connected digraphs), A003087 (acyclic digraphs), unlabelled, n = 1..4 (and 5 below).
const PUBLISHED = { all: [1, 3, 16, 218], stronglyConnected: [1, 1, 5, 83], acyclic: [1, 2, 6, 31] };

/** Strong connectivity by its definition, with a transitive closure (Warshall), not the module's search. */
function closureSaysStronglyConnected(n: number, arcs: readonly (readonly [number, number])[]): boolean {
  const r = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j || arcs.some(([a, b]) => a === i && b === j)));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (r[i]?.[k] === true && r[k]?.[j] === true) (r[i] as boolean[])[j] = true;
  return r.every((row) => row.every(Boolean));
}

/** A labelled graph on n processes, as fast-check draws it. */
const labelled = (n: number) =>
  fc.subarray(Array.from({ length: n * n }, (_, k): [number, number] => [Math.floor(k / n), k % n]).filter(([a, b]) => a !== b));

describe('the digraphs on up to 4 processes', () => {
  it('are as many as the published sequences count, in all, strongly connected and acyclic', () => {
    const counts = [1, 2, 3, 4].map((n) => digraphs(n));
    expect(counts.map((g) => g.length)).toEqual(PUBLISHED.all);
    expect(counts.map((g) => g.filter((x) => x.stronglyConnected).length)).toEqual(PUBLISHED.stronglyConnected);
    expect(counts.map((g) => g.filter((x) => x.acyclic).length)).toEqual(PUBLISHED.acyclic);
  });

  it('are as many on 5 processes as the sequences say too: 9,608 in all, 5,048 strongly connected, 302 acyclic', () => {
    const five = digraphs(5);
    expect([five.length, five.filter((x) => x.stronglyConnected).length, five.filter((x) => x.acyclic).length]).toEqual([9608, 5048, 302]);
  });

  it('are pairwise non-isomorphic, each one its own canonical form', () => {
    for (const n of [2, 3, 4]) {
      const all = digraphs(n);
      expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
      for (const g of all) expect(canonicalCode(n, g.arcs)).toBe(g.code);
    }
  });

  it('have a canonical form that every renumbering of a labelled graph shares', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }).chain((n) => fc.tuple(fc.constant(n), labelled(n), fc.constantFrom(...permutations(n)))), ([n, arcs, p]) => {
        expect(canonicalCode(n, renumber(arcs, p))).toBe(canonicalCode(n, arcs));
      }),
      { numRuns: 300 },
    );
  });

  it('tag strong connectivity as the transitive closure does', () => {
    for (const n of [2, 3, 4]) for (const g of digraphs(n)) expect(g.stronglyConnected).toBe(closureSaysStronglyConnected(n, g.arcs));
  });

  it('give process 0 an out-channel whenever the graph has a channel', () => {
    for (const n of [2, 3, 4]) for (const g of digraphs(n).filter((x) => x.arcs.length > 0)) expect(g.arcs.some(([a]) => a === 0)).toBe(true);
  });

  it('name themselves on the command line, isolated processes included', () => {
    for (const n of [2, 3, 4])
      for (const g of digraphs(n)) {
        const t = parseTopology(topologyOf(g).spec ?? '');
        expect(t.ok && t.value.n === n && t.value.channels.map((c) => [c.from, c.to])).toEqual(g.arcs);
      }
    expect(topologyOf(digraph(3, 0)).spec).toBe('edges:3:');
  });
});

describe('initiator sets up to symmetry', () => {
  it('are one per orbit: 4 on the complete graph, 15 on a graph with no symmetry but the identity', () => {
    const complete = digraphs(4)[0];
    expect(complete?.arcs).toHaveLength(12);
    expect(automorphisms(complete!)).toHaveLength(24);
    expect(initiatorSets(complete!)).toEqual([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3]]);
    const rigid = digraphs(4).find((g) => automorphisms(g).length === 1);
    expect(initiatorSets(rigid!)).toHaveLength(15);
  });

  it('number what Burnside\'s lemma counts: the average number of sets each automorphism fixes', () => {
    for (const g of [...digraphs(3), ...digraphs(4)]) {
      const autos = automorphisms(g);
      const fixed = autos.map((p) => {
        let count = 0;
        for (let mask = 1; mask < 2 ** g.n; mask++) {
          const image = Array.from({ length: g.n }, (_, q) => q).reduce((m, q) => (Math.floor(mask / 2 ** q) % 2 === 1 ? m + 2 ** (p[q] as number) : m), 0);
          if (image === mask) count++;
        }
        return count;
      });
      expect(initiatorSets(g)).toHaveLength(fixed.reduce((a, b) => a + b, 0) / autos.length);
    }
  });
});

describe('the shape of a graph', () => {
  it('counts the components no channel enters: 1 when strongly connected, n with no channel, 2 for two sources into one', () => {
    expect(digraphs(4).filter((g) => g.stronglyConnected).every((g) => initialComponents(g) === 1)).toBe(true);
    expect(initialComponents(digraph(4, 0))).toBe(4);
    const fanin = digraphs(3).find((g) => g.arcs.length === 2 && g.acyclic && new Set(g.arcs.map(([, b]) => b)).size === 1);
    expect(initialComponents(fanin!)).toBe(2);
  });

  it('reaches from the initiators along channels only', () => {
    expect([...reachable([[0, 1], [1, 2]], [1])].sort()).toEqual([1, 2]);
    expect([...reachable([[0, 1], [1, 2]], [0])].sort()).toEqual([0, 1, 2]);
  });
});
