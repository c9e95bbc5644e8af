// Every directed graph on a few processes, up to isomorphism: the ground the bounded theorems range over.
//
// A graph on n processes is a bit code over the n(n-1) ordered pairs (i, j), i ≠ j, taken row by row: (0,1), (0,2),
// …, (1,0), (1,2), …, the first pair the most significant bit. Two graphs are isomorphic when a renumbering of the
// processes maps one's code to the other's. The canonical form of a graph is the largest code over all n!
// renumberings. It is the one representative of its class that `digraphs(n)` returns. Largest-first puts a process
// of largest out-degree at number 0, so a graph that has a channel gives process 0 an out-channel.

import { edges as edgeTopology } from '../model/topology.ts';
import type { Topology } from '../model/types.ts';

/** Enumerating n! renumberings of every labelled graph is cheap up to 5 processes (1M labelled graphs at 5). */
export const MAX_GRAPH_PROCESSES = 5;

export interface Digraph {
  readonly n: number;
  /** Arcs as [from, to], sorted by sender, then receiver. */
  readonly arcs: readonly (readonly [number, number])[];
  /** The canonical code (see the head of this file). */
  readonly code: number;
  /** `n4-0fb0`: the process count and the canonical code in hex, padded to the code's width. */
  readonly id: string;
  readonly stronglyConnected: boolean;
  readonly acyclic: boolean;
}

/** The ordered pairs in code order, the most significant first. */
function pairs(n: number): (readonly [number, number])[] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) out.push([i, j]);
  return out;
}

/** Every renumbering of 0..n-1, as arrays p with p[old] = new. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

const codeOf = (n: number, arcs: readonly (readonly [number, number])[]): number => {
  const order = pairs(n);
  const bits = order.length;
  let code = 0;
  for (const [a, b] of arcs) {
    const k = order.findIndex(([i, j]) => i === a && j === b);
    code += 2 ** (bits - 1 - k);
  }
  return code;
};

const arcsOf = (n: number, code: number): [number, number][] => {
  const order = pairs(n);
  const bits = order.length;
  return order.filter((_, k) => Math.floor(code / 2 ** (bits - 1 - k)) % 2 === 1).map(([i, j]) => [i, j]);
};

/** The graph `arcs` renumbered by `p` (p[old] = new), arcs sorted. */
export function renumber(arcs: readonly (readonly [number, number])[], p: readonly number[]): [number, number][] {
  return arcs.map(([a, b]): [number, number] => [p[a] as number, p[b] as number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** The canonical code of the graph on n processes with these arcs. */
export function canonicalCode(n: number, arcs: readonly (readonly [number, number])[]): number {
  let best = -1;
  for (const p of permutations(n)) best = Math.max(best, codeOf(n, renumber(arcs, p)));
  return best;
}

export const graphId = (n: number, code: number): string => `n${n}-${code.toString(16).padStart(Math.max(1, Math.ceil((n * (n - 1)) / 4)), '0')}`;

/** Which processes `from` reaches along arcs, itself included. */
export function reachable(arcs: readonly (readonly [number, number])[], from: readonly number[]): Set<number> {
  const seen = new Set(from);
  const todo = [...from];
  while (todo.length > 0) {
    const p = todo.pop() as number;
    for (const [a, b] of arcs)
      if (a === p && !seen.has(b)) {
        seen.add(b);
        todo.push(b);
      }
  }
  return seen;
}

const stronglyConnected = (n: number, arcs: readonly (readonly [number, number])[]): boolean =>
  Array.from({ length: n }, (_, p) => reachable(arcs, [p]).size === n).every(Boolean);

/** No directed cycle: some process has no in-arc, and removing it leaves an acyclic graph. */
function acyclic(n: number, arcs: readonly (readonly [number, number])[]): boolean {
  let left = new Set(Array.from({ length: n }, (_, p) => p));
  let rest = [...arcs];
  while (left.size > 0) {
    const source = [...left].find((p) => !rest.some(([, b]) => b === p));
    if (source === undefined) return false;
    left = new Set([...left].filter((p) => p !== source));
    rest = rest.filter(([a]) => a !== source);
  }
  return true;
}

/** The graph with this canonical code. */
export function digraph(n: number, code: number): Digraph {
  const arcs = arcsOf(n, code);
  return { n, arcs, code, id: graphId(n, code), stronglyConnected: stronglyConnected(n, arcs), acyclic: acyclic(n, arcs) };
}

/** Every directed graph on n processes (no self-loops), one per isomorphism class, in decreasing canonical code. */
export function digraphs(n: number): Digraph[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GRAPH_PROCESSES) throw new RangeError(`digraphs: n must be a whole number from 1 to ${MAX_GRAPH_PROCESSES}`);
  const bits = n * (n - 1);
  const perms = permutations(n);
  const order = pairs(n);
  const index = new Map(order.map(([i, j], k) => [i * n + j, k]));
  // A renumbering moves bit k to bit move[p][k]; the canonical code is the largest image.
  const move = perms.map((p) => order.map(([i, j]) => index.get((p[i] as number) * n + (p[j] as number)) as number));
  // At most 20 bits (5 processes): codes fit a 32-bit integer, so bit operations are exact.
  const found = new Set<number>();
  for (let code = 0; code < 1 << bits; code++) {
    let best = 0;
    for (const m of move) {
      let image = 0;
      for (let k = 0; k < bits; k++) if ((code >> (bits - 1 - k)) & 1) image |= 1 << (bits - 1 - (m[k] as number));
      if (image > best) best = image;
    }
    found.add(best);
  }
  return [...found].sort((a, b) => b - a).map((c) => digraph(n, c));
}

/** The renumberings that map the graph onto itself. */
export function automorphisms(g: Digraph): number[][] {
  return permutations(g.n).filter((p) => codeOf(g.n, renumber(g.arcs, p)) === g.code);
}

/** Every non-empty set of processes, one per orbit under the graph's automorphisms, each the least in its orbit. */
export function initiatorSets(g: Digraph): number[][] {
  const autos = automorphisms(g);
  const key = (s: readonly number[]): string => s.join(',');
  const seen = new Set<string>();
  const out: number[][] = [];
  for (let mask = 1; mask < 2 ** g.n; mask++) {
    const set = Array.from({ length: g.n }, (_, p) => p).filter((p) => Math.floor(mask / 2 ** p) % 2 === 1);
    if (seen.has(key(set))) continue;
    const orbit = autos.map((p) => set.map((q) => p[q] as number).sort((a, b) => a - b));
    for (const o of orbit) seen.add(key(o));
    out.push(orbit.reduce((least, o) => (key(o) < key(least) ? o : least)));
  }
  return out.sort((a, b) => a.length - b.length || key(a).localeCompare(key(b)));
}

/** The strongly connected components that no arc enters from another component: the fewest initiators that reach every process. */
export function initialComponents(g: Digraph): number {
  const reach = Array.from({ length: g.n }, (_, p) => reachable(g.arcs, [p]));
  const component = (p: number): number[] => Array.from({ length: g.n }, (_, q) => q).filter((q) => reach[p]?.has(q) === true && reach[q]?.has(p) === true);
  const roots = new Set<string>();
  for (let p = 0; p < g.n; p++) {
    const c = component(p);
    const entered = g.arcs.some(([a, b]) => c.includes(b) && !c.includes(a));
    if (!entered) roots.add(c.join(','));
  }
  return roots.size;
}

/** The graph as a topology: `edges:N:0>1,…` names it on the command line, isolated processes included. */
export function topologyOf(g: Digraph): Topology {
  return edgeTopology(g.arcs, g.n);
}
