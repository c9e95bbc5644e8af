// Loads a model file (`.ts`, `.mts`, `.js`, `.mjs`, in any folder) and merges the command line's --topology/--workload/--channels/--initiators into it.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Result, describeThrown, echo, ok, err } from '../errors.ts';
import { unknownKey } from '../model/strict.ts';
import { describeLoadFailure, importModel, MODEL_EXTENSIONS } from './import-model.ts';
import { importing } from './pending.ts';
import type { AlgorithmSpec, ModelSpec, Topology, Workload } from '../model/types.ts';
import { algorithmSpecError, algorithmSpecOf, defaultInitiatorsOf, noSources } from '../model/define.ts';
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

/** The exports cutcheck reads from a model file; any other export is the file's own business. */
const EXPORTS = ['default', 'model', 'workload', 'expect'] as const;

/** The model file at `path`, loaded, or one line saying why it cannot be. */
export async function loadModelFile(path: string): Promise<Result<Loaded>> {
  const full = resolve(path);
  const name = echo(path);
  let isFile: boolean;
  try {
    isFile = statSync(full).isFile();
  } catch {
    return err('CC004', `model file ${name} does not exist`);
  }
  if (!isFile) return err('CC004', `${name} is a folder, not a model file`);
  if (!MODEL_EXTENSIONS.some((x) => full.endsWith(x)))
    return err('CC004', `model file ${name} must end in ${MODEL_EXTENSIONS.join(', ')}`);
  let ns: Record<string, unknown>;
  try {
    ns = await importing(path, () => importModel(full));
  } catch (e) {
    return err('CC004', `model file ${name} failed to load: ${describeLoadFailure(e, full)}`);
  }
  // Reading an export runs user code (a getter, a Proxy); whatever it throws is the file's fault.
  const read: Partial<Record<(typeof EXPORTS)[number], unknown>> = {};
  try {
    for (const k of EXPORTS) read[k] = ns[k];
  } catch (e) {
    return err('CC004', `model file ${name}: reading its exports threw: ${describeThrown(e)}`);
  }
  const expect = read.expect;
  if (expect !== undefined && expect !== 'holds' && expect !== 'violated')
    return err('CC004', `model file ${name}: 'expect' must be 'holds' or 'violated'`);
  const exp = expect === undefined ? {} : { expect: expect as Expectation };
  const candidate = read.default ?? read.model ?? read.workload;
  try {
    if (isWorkload(candidate)) return ok({ source: path, workload: candidate, ...exp });
    if (typeof candidate === 'object' && candidate !== null && 'workload' in candidate) {
      const m = candidate as ModelSpec;
      const extra = unknownKey(m, ['name', 'topology', 'workload', 'network', 'algorithm'], `the model exported by ${name}`);
      if (extra !== null) return err('CC005', extra);
      if (!isWorkload(m.workload)) return err('CC005', `the model exported by ${name} needs a workload with init, actions and receive functions`);
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
  } catch (e) {
    return err('CC004', `model file ${name}: reading its model threw: ${describeThrown(e)}`);
  }
  return err('CC004', `model file ${name} exports no model: export default a model ({ topology, workload, ... }) or a workload`);
}

/** The model file a command line names, loaded, or null when it names none. */
export async function loadOptional(path: string | undefined): Promise<Result<Loaded | null>> {
  return path === undefined ? ok(null) : loadModelFile(path);
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
  const wantsFaults = args.lossy || args.duplicating || args.faults !== undefined || args.faultMessages !== undefined || args.crashes !== undefined;
  const crash = args.crashes === undefined ? baseNet.faults?.crash === true : args.crashes > 0;
  const faults = wantsFaults
    ? {
        lossy: args.lossy || baseNet.faults?.lossy === true,
        duplicating: args.duplicating || baseNet.faults?.duplicating === true,
        crash,
        budget: args.faults ?? args.crashes ?? baseNet.faults?.budget ?? 1,
        messages: args.faultMessages ?? baseNet.faults?.messages ?? 'all',
      }
    : baseNet.faults;
  if (wantsFaults && faults !== undefined && !faults.lossy && !faults.duplicating && !faults.crash && args.crashes === undefined)
    return err('CC007', '--faults and --fault-messages need --lossy, --duplicating or --crashes');
  const overrides = { ...(args.channels !== undefined ? {} : baseNet.overrides), ...args.channelOverrides };
  const network = {
    ...(args.channels !== undefined ? { discipline: args.channels } : baseNet),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    ...(faults !== undefined ? { faults } : {}),
  };
  const unnamed = args.initiators === undefined ? algorithmSpecError(base?.algorithm) : null;
  if (unnamed !== null) return err('CC005', unnamed);
  // A built-in named on the command line replaces the model's algorithm, and with it the model's variant.
  const { variant: baseVariant, ...baseAlg } = algorithmSpecOf(base?.algorithm);
  let algorithm: AlgorithmSpec = {
    ...baseAlg,
    ...(baseVariant !== undefined && args.algorithm === undefined ? { variant: baseVariant } : {}),
    ...(args.algorithm !== undefined ? { kind: args.algorithm } : {}),
    ...(args.initiators !== undefined ? { initiators: args.initiators } : {}),
    ...(args.snapshots !== undefined ? { snapshots: args.snapshots } : {}),
    ...(args.track !== undefined ? { track: args.track } : {}),
    ...(args.variant !== undefined ? { variant: args.variant } : {}),
  };
  // The command line spells the algorithm out as { kind, initiators }: where a name alone would start, it starts.
  if (algorithm.initiators === undefined) {
    const kind = algorithm.variant === undefined || typeof algorithm.kind !== 'string' ? algorithm.kind : `${algorithm.kind}/${algorithm.variant}`;
    const initiators = defaultInitiatorsOf(kind, topology);
    if (initiators.length === 0) return err('CC005', noSources(typeof kind === 'string' ? kind : kind.name));
    algorithm = { ...algorithm, initiators };
  }
  const name = base?.name ?? base?.source ?? 'cutcheck';
  if (topology === undefined || workload === undefined) return err('CC005', 'no topology or workload'); // both set above
  return ok({ name, topology, workload, network, algorithm });
}
