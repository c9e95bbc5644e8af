// Bounded theorems as data: which graphs, which model on each, and what must hold. The theorems cutcheck proves
// live in proofs/theorems.json; this module reads and checks such a file, and knows nothing of how one is proved.

import { type Result, echo, err, ok } from '../errors.ts';
import { DISCIPLINES, type Discipline } from '../model/types.ts';
import { unknownKey } from '../model/strict.ts';
import { BUILTIN_ALGORITHMS, builtinAlgorithm } from '../snapshot/registry.ts';
import { parseWorkload } from '../workloads/registry.ts';
import { MAX_GRAPH_PROCESSES } from './digraphs.ts';

/** The graphs a theorem ranges over, each up to isomorphism. */
export const GRAPH_CLASSES = ['all', 'with-channel', 'strongly-connected', 'acyclic'] as const;
export type GraphClass = (typeof GRAPH_CLASSES)[number];

/**
 * Who starts the snapshot on each graph. `first`: process 0 of the canonical numbering, a process of largest
 * out-degree. `all`: every process may start it. `every-set`: one run per non-empty set of processes, one set per
 * orbit under the graph's automorphisms. `default`: the algorithm's own (every source, for Flink's barriers).
 */
export const INITIATOR_RULES = ['first', 'all', 'every-set', 'default'] as const;
export type InitiatorRule = (typeof INITIATOR_RULES)[number];

/** A linear function of a graph's shape: `channels·|E| + processes·n + initialComponents·c + constant`. */
export interface ShapeFunction {
  readonly channels?: number;
  readonly processes?: number;
  /** Strongly connected components that no channel enters from outside. */
  readonly initialComponents?: number;
  readonly constant?: number;
}

/** What must be true on every graph of the theorem, as a discriminated union. */
export type Conclusion =
  /** Every check that applies holds, exhaustively. */
  | { readonly kind: 'every-check-holds' }
  /** Some recorded cut is inconsistent; with `shortest`, the shortest such execution has exactly that many steps. */
  | { readonly kind: 'some-cut-inconsistent'; readonly shortest?: ShapeFunction }
  /** `terminates` holds exactly when every process is reachable from the initiators. */
  | { readonly kind: 'terminates-iff-reachable' };
export const CONCLUSIONS = ['every-check-holds', 'some-cut-inconsistent', 'terminates-iff-reachable'] as const;

export interface Hypotheses {
  readonly graphs: GraphClass;
  readonly processes: { readonly from: number; readonly to: number };
  /** A built-in algorithm's name, `chandy-lamport/VARIANT` included. */
  readonly algorithm: string;
  readonly channels: Discipline;
  /** Workloads as the command line writes them (`bank:1,1`); each graph is checked with each. */
  readonly workloads: readonly string[];
  readonly initiators: InitiatorRule;
  /** Crashes of the whole job per execution (dataflow algorithms); 0 for none. */
  readonly crashes: number;
  /** Partial-order reduction (default on). A theorem about shortest executions turns it off: it may lengthen them. */
  readonly partialOrder?: boolean;
}

export interface Theorem {
  /** `cl-fifo`: what `cutcheck prove` is told, and the certificate's file name. */
  readonly id: string;
  readonly title: string;
  /** The theorem in one or two sentences, as proofs/theorems.md states it. */
  readonly statement: string;
  readonly hypotheses: Hypotheses;
  readonly conclusion: Conclusion;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const wholeIn = (x: unknown, lo: number, hi: number): x is number => Number.isInteger(x) && (x as number) >= lo && (x as number) <= hi;

function parseShape(x: unknown, where: string): Result<ShapeFunction> {
  if (!isObject(x)) return err('CC012', `${where}: shortest must be an object of coefficients, e.g. { "channels": 1, "constant": 1 }`);
  const bad = unknownKey(x, ['channels', 'processes', 'initialComponents', 'constant'], `${where}'s shortest`);
  if (bad !== null) return err('CC012', bad);
  for (const [k, v] of Object.entries(x)) if (!Number.isInteger(v)) return err('CC012', `${where}: shortest.${k} must be a whole number, got ${echo(String(v))}`);
  return ok(x as ShapeFunction);
}

function parseConclusion(x: unknown, where: string): Result<Conclusion> {
  if (!isObject(x) || typeof x['kind'] !== 'string') return err('CC012', `${where}: conclusion must be an object { kind }, kind one of ${CONCLUSIONS.join(', ')}`);
  const kind = x['kind'];
  if (kind === 'every-check-holds' || kind === 'terminates-iff-reachable') {
    const bad = unknownKey(x, ['kind'], `${where}'s conclusion`);
    return bad === null ? ok({ kind }) : err('CC012', bad);
  }
  if (kind === 'some-cut-inconsistent') {
    const bad = unknownKey(x, ['kind', 'shortest'], `${where}'s conclusion`);
    if (bad !== null) return err('CC012', bad);
    if (x['shortest'] === undefined) return ok({ kind });
    const shape = parseShape(x['shortest'], where);
    return shape.ok ? ok({ kind, shortest: shape.value }) : shape;
  }
  return err('CC012', `${where}: unknown conclusion '${echo(kind)}'; expected one of ${CONCLUSIONS.join(', ')}`);
}

function parseHypotheses(x: unknown, where: string): Result<Hypotheses> {
  if (!isObject(x)) return err('CC012', `${where}: hypotheses must be an object`);
  const bad = unknownKey(x, ['graphs', 'processes', 'algorithm', 'channels', 'workloads', 'initiators', 'crashes', 'partialOrder'], `${where}'s hypotheses`);
  if (bad !== null) return err('CC012', bad);
  const { graphs, processes, algorithm, channels, workloads, initiators, crashes, partialOrder } = x;
  if (!GRAPH_CLASSES.includes(graphs as GraphClass)) return err('CC012', `${where}: graphs must be one of ${GRAPH_CLASSES.join(', ')}`);
  if (!isObject(processes) || !wholeIn(processes['from'], 1, MAX_GRAPH_PROCESSES) || !wholeIn(processes['to'], processes['from'] as number, MAX_GRAPH_PROCESSES))
    return err('CC012', `${where}: processes must be { from, to } with 1 ≤ from ≤ to ≤ ${MAX_GRAPH_PROCESSES}`);
  if (typeof algorithm !== 'string' || builtinAlgorithm(algorithm) === undefined)
    return err('CC012', `${where}: algorithm must be a built-in algorithm's name (${BUILTIN_ALGORITHMS.filter((a) => !a.includes('/')).join(', ')}, or a variant), got ${echo(String(algorithm))}`);
  if (!DISCIPLINES.includes(channels as Discipline)) return err('CC012', `${where}: channels must be one of ${DISCIPLINES.join(', ')}`);
  if (!Array.isArray(workloads) || workloads.length === 0 || workloads.some((w) => typeof w !== 'string'))
    return err('CC012', `${where}: workloads must be a non-empty array of workload strings, e.g. ["bank:1,1"]`);
  for (const w of workloads as string[]) {
    const parsed = parseWorkload(w);
    if (!parsed.ok) return err('CC012', `${where}: ${parsed.error.message}`);
  }
  if (!INITIATOR_RULES.includes(initiators as InitiatorRule)) return err('CC012', `${where}: initiators must be one of ${INITIATOR_RULES.join(', ')}`);
  if (!wholeIn(crashes ?? 0, 0, 8)) return err('CC012', `${where}: crashes must be a whole number from 0 to 8`);
  if (partialOrder !== undefined && typeof partialOrder !== 'boolean') return err('CC012', `${where}: partialOrder must be true or false`);
  return ok({
    graphs: graphs as GraphClass,
    processes: { from: processes['from'] as number, to: processes['to'] as number },
    algorithm,
    channels: channels as Discipline,
    workloads: workloads as string[],
    initiators: initiators as InitiatorRule,
    crashes: (crashes ?? 0) as number,
    ...(partialOrder === undefined ? {} : { partialOrder }),
  });
}

/** The theorems of a theorem file's text (`file` names it in messages), or the first thing wrong with it. */
export function parseTheorems(text: string, file: string): Result<Theorem[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err('CC012', `theorem file ${echo(file)} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(doc) || !Array.isArray(doc['theorems'])) return err('CC012', `theorem file ${echo(file)} must hold an object { "theorems": [...] }`);
  const out: Theorem[] = [];
  for (const [i, t] of (doc['theorems'] as unknown[]).entries()) {
    const where = `theorem file ${echo(file)}, theorem ${i + 1}`;
    if (!isObject(t)) return err('CC012', `${where} must be an object`);
    const bad = unknownKey(t, ['id', 'title', 'statement', 'hypotheses', 'conclusion'], where);
    if (bad !== null) return err('CC012', bad);
    if (typeof t['id'] !== 'string' || !/^[a-z0-9-]+$/.test(t['id'])) return err('CC012', `${where}: id must be lower-case letters, digits and dashes`);
    if (out.some((o) => o.id === t['id'])) return err('CC012', `${where}: id '${t['id']}' appears twice`);
    const at = `${where} (${t['id']})`;
    if (typeof t['title'] !== 'string' || typeof t['statement'] !== 'string') return err('CC012', `${at}: title and statement must be strings`);
    const h = parseHypotheses(t['hypotheses'], at);
    if (!h.ok) return h;
    const c = parseConclusion(t['conclusion'], at);
    if (!c.ok) return c;
    out.push({ id: t['id'], title: t['title'], statement: t['statement'], hypotheses: h.value, conclusion: c.value });
  }
  return ok(out);
}
