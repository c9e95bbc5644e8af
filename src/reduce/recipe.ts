// How a worker thread rebuilds the product system and its reductions without the model's code, which cannot
// cross threads: the model's data, the workload's answers on every input R reaches, and the algorithm's answers on
// every input it can produce (both frozen, with the ids the main thread gave them). Valid only where the product
// asks nothing R does not (no faults) and the algorithm's tables close, which `productRecipe` checks.

import type { ActionRow, ReceiveRow } from '../system/intern.ts';
import { WorkloadTable } from '../system/intern.ts';
import { ProductSystem } from '../system/system.ts';
import type { Model, ProcessContext, ResolvedAlgorithm, Workload } from '../model/types.ts';
import type { SnapshotAlgorithm } from '../snapshot/api.ts';
import type { FrozenAlgorithm } from '../system/algtable.ts';
import { fullExpander, type Expander, type Symmetry } from '../explore/expander.ts';
import type { BuildExpander } from '../explore/worker.ts';
import type { AppInfo } from './appinfo.ts';
import { PartialOrderExpander } from './por.ts';
import { buildSymmetry } from './symmetry.ts';

export interface ProductRecipe {
  readonly model: Omit<Model, 'workload' | 'algorithm'> & { readonly algorithm: Omit<ResolvedAlgorithm, 'impl'> };
  readonly workloadName: string;
  /** The workload follows a script: the worker's system must keep its turns and start its snapshots too. */
  readonly scripted: boolean;
  /** Each process's initial local state, as a value (interned again in the worker, to the same ids). */
  readonly initial: readonly unknown[];
  readonly actions: readonly (readonly [number, number, readonly ActionRow[]])[];
  readonly receives: readonly (readonly [number, number, number, ReceiveRow])[];
  readonly algorithm: FrozenAlgorithm;
  readonly cap: number;
  readonly maxSnapshots: number;
  /** The application summary for partial-order reduction, or null when it is off. */
  readonly por: AppInfo | null;
  readonly perms: readonly Int32Array[];
}

/**
 * New rows, per process and per channel, the algorithm's tables may need before a worker is not worth it (the
 * search then runs on one thread). Chandy-Lamport on complete:N needs about 5N per process and channel.
 */
export const ALGORITHM_CLOSURE_ROWS = 200;

/** A recipe for `sys`, or why there cannot be one. */
export function productRecipe(sys: ProductSystem, info: AppInfo | null, por: boolean, perms: readonly Int32Array[]): ProductRecipe | string {
  const f = sys.model.faults;
  if (f.budget > 0 && (f.lossy || f.duplicating)) return 'faults reach workload inputs outside R';
  if (sys.crashes) return 'a crash restores a checkpoint, which may lie outside R';
  if (sys.model.workload.ahead !== undefined) return "the workload's ahead answers what each process may still do, and a worker thread cannot ask it";
  if (info === null) return 'the application space is too large to freeze';
  const limit = ALGORITHM_CLOSURE_ROWS * (sys.n + sys.channelCount);
  if (!sys.alg.close(limit, sys.maxSnapshots > 1))
    return `${sys.algorithm.name}'s own states do not close within ${limit.toLocaleString('en-US')} inputs (a counter, say), so a worker cannot be handed them`;
  const { workload, ...rest } = sys.model;
  const { name, broken, initiators, snapshots, track } = sys.model.algorithm;
  const model = { ...rest, algorithm: { name, broken, initiators, snapshots, ...(track === undefined ? {} : { track }) } };
  const table = sys.table;
  const actions: [number, number, ActionRow[]][] = [];
  info.locals.forEach((ls, p) => ls.forEach((l) => actions.push([p, l, table.actions(p, l)])));
  const receives: [number, number, number, ReceiveRow][] = [];
  for (let i = 0; i < info.receives.length; i += 3) {
    const [c, l, m] = [info.receives[i] as number, info.receives[i + 1] as number, info.receives[i + 2] as number];
    receives.push([c, l, m, table.receive(c, l, m)]);
  }
  return {
    model,
    workloadName: workload.name,
    scripted: workload.scripted === true,
    initial: table.initialLocals.map((id) => table.locals.values[id]),
    actions,
    receives,
    algorithm: sys.alg.freeze(),
    cap: sys.cap,
    maxSnapshots: sys.maxSnapshots,
    por: por ? info : null,
    perms,
  };
}

/** A workload table that answers from the recipe and refuses anything else. */
class FrozenTable extends WorkloadTable {
  private readonly acts = new Map<number, ActionRow[]>();
  private readonly recvs = new Map<number, ReceiveRow>();
  private readonly n: number;
  private readonly channels: number;
  private readonly payloadIds: number;

  constructor(model: Model, recipe: ProductRecipe) {
    super(model);
    this.n = model.topology.n;
    this.channels = model.topology.channels.length;
    this.payloadIds = Math.max(1, ...recipe.receives.map((r) => r[2] + 1));
    for (const [p, l, rows] of recipe.actions) this.acts.set(l * this.n + p, [...rows]);
    for (const [c, l, m, row] of recipe.receives) this.recvs.set((l * this.payloadIds + m) * this.channels + c, row);
  }

  override actions(p: number, local: number): ActionRow[] {
    const rows = this.acts.get(local * this.n + p);
    if (rows === undefined) throw new Error(`internal: a search worker met P${p} in a local state R does not reach`);
    return rows;
  }

  override receive(channel: number, local: number, payload: number): ReceiveRow {
    const row = payload < this.payloadIds ? this.recvs.get((local * this.payloadIds + payload) * this.channels + channel) : undefined;
    if (row === undefined) throw new Error('internal: a search worker met a delivery R does not make');
    return row;
  }
}

/** Rebuilds, in a worker, the expander and symmetry the main thread searches with. */
export const buildExpander: BuildExpander = (data) => {
  const recipe = data as ProductRecipe;
  // The algorithm answers from its frozen tables; its handlers are never called in a worker.
  const unreachable = (): never => {
    throw new Error(`internal: a search worker called ${recipe.algorithm.name} outside its frozen tables`);
  };
  const algorithm: SnapshotAlgorithm = { name: recipe.algorithm.name, init: unreachable, initiate: unreachable, control: unreachable };
  const workload: Workload<unknown, unknown> = {
    name: recipe.workloadName,
    scripted: recipe.scripted,
    init: (ctx: ProcessContext) => recipe.initial[ctx.self],
    actions: () => [],
    receive: (s) => ({ next: s }),
  };
  const model: Model = { ...recipe.model, workload, algorithm: { ...recipe.model.algorithm, impl: algorithm } };
  const table = new FrozenTable(model, recipe);
  const sys = new ProductSystem(model, table, algorithm, recipe.cap, recipe.maxSnapshots, recipe.algorithm);
  const expander: Expander = recipe.por === null ? fullExpander(sys) : new PartialOrderExpander(sys, recipe.por);
  const symmetry: Symmetry | null = recipe.perms.length === 0 ? null : buildSymmetry(sys, recipe.perms);
  return { expander, symmetry };
};
