// Turns a ModelSpec (what a user writes) into a Model (what the engine runs): defaults filled, everything validated.

import { type Result, ok, err } from '../errors.ts';
import { validateTopology } from './topology.ts';
import { type Discipline, type Model, type ModelSpec, DISCIPLINES, CL_VARIANTS } from './types.ts';

export const MAX_FAULTS = 8;
/** Markers carry the snapshot id in a few bits of their word; see network/message.ts. */
export const MAX_SNAPSHOTS = 8;

/** Identity function that gives a model file type checking and inference. */
export const defineModel = <S, M>(spec: ModelSpec<S, M>): ModelSpec<S, M> => spec;

export function resolveModel(spec: ModelSpec<unknown, unknown>): Result<Model> {
  if (typeof spec !== 'object' || spec === null) return err('CC005', 'a model must be an object with topology and workload');
  const w = spec.workload as Partial<ModelSpec['workload']> | undefined;
  if (w === undefined || typeof w.init !== 'function' || typeof w.actions !== 'function' || typeof w.receive !== 'function')
    return err('CC005', `model '${String(spec.name)}': the workload needs init, actions and receive functions`);
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
  const algorithm = spec.algorithm ?? { kind: 'chandy-lamport' as const, initiators: [0] };
  if (algorithm.kind !== 'chandy-lamport') return err('CC005', `unknown snapshot algorithm '${String(algorithm.kind)}'`);
  if (algorithm.variant !== undefined && !CL_VARIANTS.includes(algorithm.variant))
    return err('CC005', `unknown Chandy-Lamport variant '${String(algorithm.variant)}'; expected one of ${CL_VARIANTS.join(', ')}`);
  const snapshots = algorithm.snapshots ?? 1;
  if (!Number.isInteger(snapshots) || snapshots < 1 || snapshots > MAX_SNAPSHOTS)
    return err('CC008', `the number of snapshots must be a whole number from 1 to ${MAX_SNAPSHOTS}, got ${snapshots}`);
  for (const p of algorithm.initiators)
    if (!Number.isInteger(p) || p < 0 || p >= t.n) return err('CC005', `initiator ${p} is not a process of this topology (0..${t.n - 1})`);
  const initiators = [...new Set(algorithm.initiators)].sort((a, b) => a - b);
  return ok({
    name: spec.name ?? 'model',
    topology: t,
    workload: spec.workload,
    disciplines,
    faults: { lossy: f.lossy === true, duplicating: f.duplicating === true, budget, channels: faulty, messages: f.messages ?? 'all' },
    algorithm: { ...algorithm, initiators, snapshots },
  });
}
