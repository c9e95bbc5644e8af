// Turns a ModelSpec (what a user writes) into a Model (what the engine runs): defaults filled, everything validated.

import { type Result, ok, err } from '../errors.ts';
import { validateTopology } from './topology.ts';
import { type Discipline, type Model, type ModelSpec, DISCIPLINES } from './types.ts';

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
  const algorithm = spec.algorithm ?? { kind: 'chandy-lamport' as const, initiators: [0] };
  if (algorithm.kind !== 'chandy-lamport') return err('CC005', `unknown snapshot algorithm '${String(algorithm.kind)}'`);
  for (const p of algorithm.initiators)
    if (!Number.isInteger(p) || p < 0 || p >= t.n) return err('CC005', `initiator ${p} is not a process of this topology (0..${t.n - 1})`);
  const initiators = [...new Set(algorithm.initiators)].sort((a, b) => a - b);
  return ok({ name: spec.name ?? 'model', topology: t, workload: spec.workload, disciplines, algorithm: { kind: algorithm.kind, initiators } });
}
