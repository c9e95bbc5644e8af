// Turns a ModelSpec (what a user writes) into a Model (what the engine runs): defaults filled, everything validated.

import { type Result, describeThrown, ok, err } from '../errors.ts';
import { unknownKey } from './strict.ts';
import { validateTopology } from './topology.ts';
import { type AlgorithmSpec, type Discipline, type Topology, type Model, type ModelSpec, type ResolvedAlgorithm, DISCIPLINES, CL_VARIANTS, channelName } from './types.ts';
import type { SnapshotAlgorithm } from '../snapshot/api.ts';
import { BUILTIN_ALGORITHMS, builtinAlgorithm, builtinEntry } from '../snapshot/registry.ts';

export const MAX_FAULTS = 8;
/** Markers carry the snapshot id in a few bits of their word; see network/message.ts. */
export const MAX_SNAPSHOTS = 16;

/** Identity function that gives a model file type checking and inference. */
export const defineModel = <S, M>(spec: ModelSpec<S, M>): ModelSpec<S, M> => spec;

const MODEL_KEYS = ['name', 'topology', 'workload', 'network', 'algorithm'];
const WORKLOAD_KEYS = ['name', 'init', 'actions', 'receive', 'invariants', 'stable', 'ghosts', 'recorded', 'scripted', 'ahead', 'show'];
const SHOW_KEYS = ['local', 'message', 'state'];
const NETWORK_KEYS = ['discipline', 'overrides', 'faults'];
const FAULT_KEYS = ['lossy', 'duplicating', 'crash', 'budget', 'channels', 'messages'];
const ALGORITHM_KEYS = ['kind', 'initiators', 'variant', 'snapshots', 'track'];
const ALGORITHM_VALUE_KEYS = ['name', 'summary', 'init', 'initChannel', 'initiate', 'control', 'receive', 'send', 'after', 'step', 'maxSnapshots', 'defaultInitiators', 'show'];
const ALGORITHM_SHOW_KEYS = ['state', 'channel', 'control', 'piggyback', 'step'];

/** An algorithm value rather than an AlgorithmSpec: it has the handlers. */
const isAlgorithmValue = (x: unknown): boolean => isObject(x) && (typeof x['initiate'] === 'function' || typeof x['control'] === 'function' || typeof x['init'] === 'function');

/** The first thing wrong with the shape of an algorithm value, or null. */
function algorithmShapeError(a: Record<string, unknown>): string | null {
  const where = `algorithm '${typeof a['name'] === 'string' ? a['name'] : '?'}'`;
  const bad = unknownKey(a, ALGORITHM_VALUE_KEYS, where);
  if (bad !== null) return bad;
  if (typeof a['name'] !== 'string' || a['name'].trim() === '') return 'an algorithm needs a name (a non-empty string)';
  for (const f of ['init', 'initiate', 'control'])
    if (typeof a[f] !== 'function') return `${where} needs init, initiate and control functions; ${f} is ${kindOf(a[f])}`;
  for (const f of ['initChannel', 'receive', 'send', 'after', 'step'])
    if (a[f] !== undefined && typeof a[f] !== 'function') return `${where}: ${f} must be a function, got ${kindOf(a[f])}`;
  if (a['summary'] !== undefined && typeof a['summary'] !== 'string') return `${where}: summary must be a string`;
  const starts = a['defaultInitiators'];
  if (starts !== undefined && starts !== 'first' && starts !== 'sources') return `${where}: defaultInitiators must be 'first' or 'sources', got ${String(starts)}`;
  const max = a['maxSnapshots'];
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1)) return `${where}: maxSnapshots must be a whole number from 1, got ${String(max)}`;
  const show = a['show'];
  if (show !== undefined) {
    if (!isObject(show)) return `${where}: show must be an object, got ${kindOf(show)}`;
    const badShow = unknownKey(show, ALGORITHM_SHOW_KEYS, `${where}'s show`);
    if (badShow !== null) return badShow;
    for (const [k, f] of Object.entries(show)) if (typeof f !== 'function') return `${where}: show.${k} must be a function`;
  }
  return null;
}

/** The algorithm a model names: a built-in by name, or the user's value; or the first thing wrong with it. */
function resolveAlgorithm(spec: AlgorithmSpec, topology: Topology): Result<ResolvedAlgorithm> {
  const n = topology.n;
  let impl: SnapshotAlgorithm;
  let broken = false;
  if (typeof spec.kind === 'string') {
    const name = spec.variant === undefined ? spec.kind : `${spec.kind}/${spec.variant}`;
    if (spec.variant !== undefined && spec.kind !== 'chandy-lamport') return err('CC005', `variant '${spec.variant}' belongs to chandy-lamport, not to '${spec.kind}'`);
    if (spec.variant !== undefined && !CL_VARIANTS.includes(spec.variant))
      return err('CC005', `unknown Chandy-Lamport variant '${String(spec.variant)}'; expected one of ${CL_VARIANTS.join(', ')}`);
    const entry = builtinAlgorithm(name);
    if (entry === undefined) return err('CC005', `unknown snapshot algorithm '${name}'; the built-in ones are ${BUILTIN_ALGORITHMS.join(', ')}`);
    impl = entry.algorithm;
    broken = entry.broken;
  } else {
    const a: unknown = spec.kind;
    if (!isObject(a)) return err('CC005', `algorithm.kind must be a built-in algorithm's name or an algorithm value, got ${kindOf(a)}`);
    const shape = algorithmShapeError(a);
    if (shape !== null) return err('CC005', shape);
    if (spec.variant !== undefined) return err('CC005', `variant belongs to the built-in chandy-lamport, not to algorithm '${String(a['name'])}'`);
    impl = a as unknown as SnapshotAlgorithm;
    const entry = builtinEntry(impl);
    if (entry === undefined && builtinAlgorithm(impl.name) !== undefined)
      return err('CC005', `the name '${impl.name}' belongs to a built-in algorithm; give yours a name of its own`);
    broken = entry?.broken ?? false;
  }
  const snapshots = spec.snapshots ?? 1;
  if (!Number.isInteger(snapshots) || snapshots < 1 || snapshots > MAX_SNAPSHOTS)
    return err('CC008', `the number of snapshots must be a whole number from 1 to ${MAX_SNAPSHOTS}, got ${snapshots}`);
  const most = Math.min(MAX_SNAPSHOTS, impl.maxSnapshots ?? MAX_SNAPSHOTS);
  // Following one placed snapshot, an execution runs that one alone whatever the script places (see algorithm.track).
  if (snapshots > most && spec.track === undefined) return err('CC008', `${impl.name} takes at most ${most} snapshot${most === 1 ? '' : 's'} per execution, not ${snapshots}`);
  const defaults = defaultInitiators(impl, topology);
  if (spec.initiators === undefined && defaults.length === 0) return err('CC005', noSources(impl.name));
  const given: unknown = spec.initiators ?? defaults;
  if (!Array.isArray(given)) return err('CC005', `algorithm.initiators must be an array of process numbers, got ${kindOf(given)}`);
  for (const p of given as number[]) if (!Number.isInteger(p) || p < 0 || p >= n) return err('CC005', `initiator ${String(p)} is not a process of this topology (0..${n - 1})`);
  const initiators = [...new Set(given as number[])].sort((x, y) => x - y);
  const track: unknown = spec.track;
  if (track !== undefined && (typeof track !== 'number' || !Number.isInteger(track) || track < 0 || track >= snapshots))
    return err('CC005', `algorithm.track must name one of the ${snapshots === 1 ? 'snapshot (0)' : `snapshots (0 to ${snapshots - 1})`}, got ${typeof track === 'number' ? String(track) : kindOf(track)}`);
  return ok({ name: impl.name, impl, broken, initiators, snapshots, ...(track === undefined ? {} : { track }) });
}

export const noSources = (name: string): string =>
  `${name} starts its snapshots at the sources, and this topology has none (every process has an in-channel); name the initiators`;

/** Where an algorithm starts its snapshots when the model does not say: process 0, or every source (no in-channel). */
export function defaultInitiators(impl: Pick<SnapshotAlgorithm, 'defaultInitiators'>, topology: Topology): number[] {
  if (impl.defaultInitiators !== 'sources') return [0];
  return Array.from({ length: topology.n }, (_, p) => p).filter((p) => !topology.channels.some((c) => c.to === p));
}

/** The default initiators of the algorithm `kind` names (a built-in's name or a value); process 0 for a name cutcheck does not know. */
export function defaultInitiatorsOf(kind: AlgorithmSpec['kind'], topology: Topology): number[] {
  const impl = typeof kind === 'string' ? builtinAlgorithm(kind)?.algorithm : isObject(kind) ? kind : undefined;
  return impl === undefined ? [0] : defaultInitiators(impl, topology);
}

/** The AlgorithmSpec a model's `algorithm` field stands for (a name or a value alone: the algorithm's own initiators). */
export function algorithmSpecOf(a: ModelSpec['algorithm']): AlgorithmSpec {
  if (a === undefined) return { kind: 'chandy-lamport' };
  if (typeof a === 'string' || isAlgorithmValue(a)) return { kind: a as AlgorithmSpec['kind'] };
  return a as AlgorithmSpec;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const kindOf = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x);

/** The first thing wrong with the shape of a model as a user wrote it: unknown keys, wrong types. */
function shapeError(spec: ModelSpec<unknown, unknown>): string | null {
  const where = `model '${typeof spec.name === 'string' ? spec.name : 'model'}'`;
  if (spec.name !== undefined && typeof spec.name !== 'string') return `${where}: name must be a string, got ${kindOf(spec.name)}`;
  const w: unknown = spec.workload;
  if (!isObject(w)) return `${where} needs a workload object with init, actions and receive functions, got ${kindOf(w)}`;
  for (const f of ['init', 'actions', 'receive'])
    if (typeof w[f] !== 'function') return `${where}: the workload needs init, actions and receive functions; ${f} is ${kindOf(w[f])}`;
  if (typeof w['name'] !== 'string') return `${where}: the workload needs a name (a string)`;
  if (w['ghosts'] !== undefined && typeof w['ghosts'] !== 'function') return `${where}: workload.ghosts must be a function from a local state to a list of ids`;
  if (w['scripted'] !== undefined && typeof w['scripted'] !== 'boolean') return `${where}: workload.scripted must be true or false, got ${kindOf(w['scripted'])}`;
  if (w['recorded'] !== undefined && typeof w['recorded'] !== 'function') return `${where}: workload.recorded must be a function from a local state to what an implementation records of it`;
  if (w['ahead'] !== undefined && typeof w['ahead'] !== 'function') return `${where}: workload.ahead must be a function from a local state to { sendsTo, turn }`;
  if (w['ahead'] !== undefined && w['scripted'] !== true) return `${where}: workload.ahead belongs to a scripted workload (scripted: true)`;
  for (const group of ['invariants', 'stable'] as const) {
    const g = w[group];
    if (g === undefined) continue;
    if (!isObject(g)) return `${where}: workload.${group} must be an object of named predicates, got ${kindOf(g)}`;
    for (const [k, f] of Object.entries(g)) if (typeof f !== 'function') return `${where}: workload.${group}.${k} must be a function`;
  }
  const show = w['show'];
  if (show !== undefined) {
    if (!isObject(show)) return `${where}: workload.show must be an object, got ${kindOf(show)}`;
    const bad = unknownKey(show, SHOW_KEYS, `${where}'s workload.show`);
    if (bad !== null) return bad;
    for (const [k, f] of Object.entries(show)) if (typeof f !== 'function') return `${where}: workload.show.${k} must be a function`;
  }
  const net: unknown = spec.network;
  if (net !== undefined) {
    if (!isObject(net)) return `${where}: network must be an object { discipline, overrides?, faults? }, got ${kindOf(net)}`;
    const bad = unknownKey(net, NETWORK_KEYS, `${where}'s network`);
    if (bad !== null) return bad;
    if (net['overrides'] !== undefined && !isObject(net['overrides'])) return `${where}: network.overrides must be an object like { "0>1": "unordered" }`;
    const f = net['faults'];
    if (f !== undefined) {
      if (!isObject(f)) return `${where}: network.faults must be an object, got ${kindOf(f)}`;
      const badF = unknownKey(f, FAULT_KEYS, `${where}'s network.faults`);
      if (badF !== null) return badF;
      for (const k of ['lossy', 'duplicating', 'crash']) if (f[k] !== undefined && typeof f[k] !== 'boolean') return `${where}: network.faults.${k} must be true or false`;
      const ch = f['channels'];
      if (ch !== undefined && (!Array.isArray(ch) || ch.some((c) => typeof c !== 'string')))
        return `${where}: network.faults.channels must be an array of channel keys like "0>1", got ${kindOf(ch)}`;
    }
  }
  const alg: unknown = spec.algorithm;
  if (alg !== undefined && typeof alg !== 'string' && !isAlgorithmValue(alg)) {
    if (!isObject(alg)) return `${where}: algorithm must be a built-in name, an algorithm value or an object { kind, initiators }, got ${kindOf(alg)}`;
    const bad = unknownKey(alg, ALGORITHM_KEYS, `${where}'s algorithm`);
    if (bad !== null) return bad;
  }
  return algorithmSpecError(spec.algorithm);
}

/**
 * An algorithm written as an object { kind, initiators } must name its initiators: a model that spells out its
 * algorithm is not guessed at. A name or a value alone starts where the algorithm says (process 0, or the sources).
 */
export function algorithmSpecError(a: ModelSpec['algorithm']): string | null {
  if (a === undefined || typeof a === 'string' || isAlgorithmValue(a) || !isObject(a)) return null;
  return a['initiators'] === undefined ? 'algorithm.initiators must be an array of process numbers, got undefined' : null;
}

/** A model with its defaults filled in, or the first thing wrong with it. Never throws, whatever `spec` holds. */
export function resolveModel(spec: ModelSpec<unknown, unknown>): Result<Model> {
  try {
    return resolveChecked(spec);
  } catch (e) {
    return err('CC005', `the model cannot be read: ${describeThrown(e)}`);
  }
}

function resolveChecked(spec: ModelSpec<unknown, unknown>): Result<Model> {
  if (!isObject(spec)) return err('CC005', `a model must be an object with topology and workload, got ${kindOf(spec)}`);
  const extra = unknownKey(spec, MODEL_KEYS, `model '${typeof spec.name === 'string' ? spec.name : 'model'}'`);
  if (extra !== null) return err('CC005', extra);
  const wExtra = isObject(spec.workload) ? unknownKey(spec.workload, WORKLOAD_KEYS, `the workload of model '${String(spec.name)}'`) : null;
  if (wExtra !== null) return err('CC005', wExtra);
  const shape = shapeError(spec);
  if (shape !== null) return err('CC005', shape);
  if (spec.topology === undefined) return err('CC005', `model '${String(spec.name)}' has no topology`);
  const topology = validateTopology(spec.topology);
  if (!topology.ok) return topology;
  const t = topology.value;
  const network = spec.network ?? { discipline: 'fifo' as Discipline };
  if (!DISCIPLINES.includes(network.discipline))
    return err('CC005', `unknown channel discipline '${String(network.discipline)}'; expected ${DISCIPLINES.join(' or ')}`);
  const keys = new Set(t.channels.map((c) => `${c.from}>${c.to}`));
  for (const [k, d] of Object.entries(network.overrides ?? {})) {
    if (!keys.has(k)) return err('CC005', `network override for channel '${k}', which the topology does not have`);
    if (!DISCIPLINES.includes(d)) return err('CC005', `unknown channel discipline '${String(d)}' for channel ${k}`);
  }
  const disciplines = t.channels.map((c) => network.overrides?.[`${c.from}>${c.to}`] ?? network.discipline);
  const f = network.faults ?? {};
  const budget = f.budget ?? 1;
  if (!Number.isInteger(budget) || budget < 0 || budget > MAX_FAULTS) return err('CC008', `the fault budget must be a whole number from 0 to ${MAX_FAULTS}, got ${budget}`);
  for (const k of f.channels ?? []) if (!keys.has(k)) return err('CC005', `faults named for channel '${k}', which the topology does not have`);
  if (f.messages !== undefined && !['all', 'markers', 'application'].includes(f.messages))
    return err('CC005', `faults.messages must be all, markers or application, got '${String(f.messages)}'`);
  const faulty = t.channels.map((c) => f.channels === undefined || f.channels.includes(`${c.from}>${c.to}`));
  const algorithm = resolveAlgorithm(algorithmSpecOf(spec.algorithm), t);
  if (!algorithm.ok) return algorithm;
  // A crash rolls every process back to a checkpoint, but not the harness that runs the script: the two would part.
  if (spec.workload.scripted === true && f.crash === true && budget > 0)
    return err('CC005', `model '${String(spec.name)}': a scripted workload cannot be combined with crashes`);
  if (algorithm.value.track !== undefined && spec.workload.scripted !== true)
    return err('CC005', `model '${String(spec.name)}': algorithm.track follows one snapshot a script places, and the workload is not scripted`);
  return ok({
    name: spec.name ?? 'model',
    topology: t,
    workload: spec.workload,
    disciplines,
    faults: { lossy: f.lossy === true, duplicating: f.duplicating === true, crash: f.crash === true, budget, channels: faulty, messages: f.messages ?? 'all' },
    algorithm: algorithm.value,
  });
}

/** The channel disciplines in a few words: `fifo`, or `fifo but unordered P0→P1` when some channels differ. */
export function disciplineText(model: Pick<Model, 'disciplines' | 'topology'>): string {
  const fifo = model.disciplines.filter((d) => d === 'fifo').length;
  const base: Discipline = fifo * 2 >= model.disciplines.length ? 'fifo' : 'unordered';
  const others = model.topology.channels.filter((_, i) => model.disciplines[i] !== base).map((c) => channelName(model.topology, c));
  return others.length === 0 ? base : `${base} but ${base === 'fifo' ? 'unordered' : 'fifo'} ${others.join(', ')}`;
}
