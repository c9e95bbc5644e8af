// Loads a model file (`.ts` or `.js`) and merges the command line's --topology/--workload/--channels/--initiators into it.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Result, ok, err } from '../errors.ts';
import type { ModelSpec, Topology, Workload } from '../model/types.ts';
import { parseTopology } from '../model/topology.ts';
import { parseWorkload } from '../workloads/registry.ts';
import type { VerifyArgs } from './args.ts';

export type Expectation = 'holds' | 'violated';

/** What a model file provides: a whole model or just a workload, and optionally the verdict it expects. */
export interface Loaded {
  readonly source: string;
  readonly name?: string;
  readonly topology?: Topology;
  readonly workload?: Workload<unknown, unknown>;
  readonly network?: ModelSpec['network'];
  readonly algorithm?: ModelSpec['algorithm'];
  readonly expect?: Expectation;
}

const isWorkload = (x: unknown): x is Workload<unknown, unknown> =>
  typeof x === 'object' && x !== null && ['init', 'actions', 'receive'].every((k) => typeof (x as Record<string, unknown>)[k] === 'function');

export async function loadModelFile(path: string): Promise<Result<Loaded>> {
  const full = resolve(path);
  if (!existsSync(full)) return err('CC004', `model file '${path}' does not exist`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return err('CC004', `model file '${path}' failed to load: ${why}`);
  }
  const expect = mod['expect'];
  if (expect !== undefined && expect !== 'holds' && expect !== 'violated')
    return err('CC004', `model file '${path}': 'expect' must be 'holds' or 'violated'`);
  const exp = expect === undefined ? {} : { expect: expect as Expectation };
  const candidate = mod['default'] ?? mod['model'] ?? mod['workload'];
  if (isWorkload(candidate)) return ok({ source: path, workload: candidate, ...exp });
  if (typeof candidate === 'object' && candidate !== null && isWorkload((candidate as ModelSpec).workload)) {
    const m = candidate as ModelSpec;
    return ok({
      source: path,
      ...(m.name !== undefined ? { name: m.name } : {}),
      workload: m.workload,
      ...(m.topology !== undefined ? { topology: m.topology } : {}),
      ...(m.network !== undefined ? { network: m.network } : {}),
      ...(m.algorithm !== undefined ? { algorithm: m.algorithm } : {}),
      ...exp,
    });
  }
  return err('CC004', `model file '${path}' exports no model: export default a model ({ topology, workload, ... }) or a workload`);
}

/** Combines what a file gave (if anything) with the command line; the command line wins. */
export function buildSpec(base: Loaded | null, args: VerifyArgs): Result<ModelSpec<unknown, unknown>> {
  let topology = base?.topology;
  if (args.topology !== undefined || topology === undefined) {
    const t = parseTopology(args.topology ?? 'complete:3');
    if (!t.ok) return t;
    topology = t.value;
  }
  let workload = base?.workload;
  if (args.workload !== undefined || workload === undefined) {
    const w = parseWorkload(args.workload ?? 'bank:1,1');
    if (!w.ok) return w;
    workload = w.value;
  }
  const baseNet = base?.network ?? { discipline: 'fifo' as const };
  const wantsFaults = args.lossy || args.duplicating || args.faults !== undefined || args.faultMessages !== undefined;
  const faults = wantsFaults
    ? {
        lossy: args.lossy || baseNet.faults?.lossy === true,
        duplicating: args.duplicating || baseNet.faults?.duplicating === true,
        budget: args.faults ?? baseNet.faults?.budget ?? 1,
        messages: args.faultMessages ?? baseNet.faults?.messages ?? 'all',
      }
    : baseNet.faults;
  if (wantsFaults && faults !== undefined && !faults.lossy && !faults.duplicating)
    return err('CC007', '--faults and --fault-messages need --lossy or --duplicating');
  const network = {
    ...(args.channels !== undefined ? { discipline: args.channels } : baseNet),
    ...(faults !== undefined ? { faults } : {}),
  };
  const baseAlg = base?.algorithm ?? { kind: 'chandy-lamport' as const, initiators: [0] };
  const algorithm = {
    ...baseAlg,
    ...(args.initiators !== undefined ? { initiators: args.initiators } : {}),
    ...(args.snapshots !== undefined ? { snapshots: args.snapshots } : {}),
    ...(args.variant !== undefined ? { variant: args.variant } : {}),
  };
  const name = base?.name ?? base?.source ?? 'cutcheck';
  if (topology === undefined || workload === undefined) return err('CC005', 'no topology or workload'); // both set above
  return ok({ name, topology, workload, network, algorithm });
}
