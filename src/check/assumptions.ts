// The assumption matrix: the model checked, with its own algorithm, with Chandy-Lamport's assumptions all kept,
// then with each one dropped in turn (FIFO, reliable delivery, no duplication, a single snapshot, connectivity).
// An algorithm that takes one snapshot per execution has no single-snapshot row.

import { type Result, ok } from '../errors.ts';
import { defaultInitiators, resolveModel } from '../model/define.ts';
import type { ModelSpec, NetworkSpec, Topology } from '../model/types.ts';
import { edges } from '../model/topology.ts';
import { CHECKS, type CheckName, type Verdict } from './result.ts';
import { verify, type VerifyOptions } from './verify.ts';

export const ASSUMPTIONS = ['none', 'fifo', 'reliable', 'no-duplication', 'single-snapshot', 'connectivity'] as const;
export type Dropped = (typeof ASSUMPTIONS)[number];

export interface MatrixCell {
  readonly holds: boolean | null; // null: not settled (the search was cut short), or the check does not apply
  /** False for a check that does not apply to the model (reported n/a). */
  readonly applies: boolean;
  /** Steps in the shortest counterexample, or null when the check holds. */
  readonly shortest: number | null;
}

export interface MatrixRow {
  readonly dropped: Dropped;
  /** What was changed to drop the assumption. */
  readonly change: string;
  /** Command-line flags that reproduce this row with `cutcheck verify`. */
  readonly flags: readonly string[];
  readonly verdict: Verdict;
  readonly checks: Readonly<Record<CheckName, MatrixCell>>;
  readonly states: number;
}

export interface MatrixOptions extends Pick<VerifyOptions, 'maxStates' | 'capacity' | 'onProgress' | 'partialOrder' | 'symmetry' | 'workers' | 'interrupt' | 'maxMemoryBytes'> {
  /** Fault budget for the `reliable` and `no-duplication` rows (default 1). */
  readonly faults?: number;
  /** Snapshots for the `single-snapshot` row (default 2). */
  readonly snapshots?: number;
}

/** The processes farthest (in channel hops) from the initiators; the last of them is cut off. */
function farthest(t: Topology, initiators: readonly number[]): number {
  const dist = new Array<number>(t.n).fill(Number.POSITIVE_INFINITY);
  const queue = [...initiators];
  for (const p of initiators) dist[p] = 0;
  while (queue.length > 0) {
    const p = queue.shift() as number;
    for (const c of t.channels) if (c.from === p && dist[c.to] === Number.POSITIVE_INFINITY) {
      dist[c.to] = (dist[p] as number) + 1;
      queue.push(c.to);
    }
  }
  let best = -1;
  for (let p = 0; p < t.n; p++) if (!initiators.includes(p) && (best < 0 || (dist[p] as number) >= (dist[best] as number))) best = p;
  return best;
}

export function assumptionMatrix<S, M>(spec: ModelSpec<S, M>, options: MatrixOptions = {}): Result<readonly MatrixRow[]> {
  const budget = options.faults ?? 1;
  const snapshots = options.snapshots ?? 2;
  // The model as given must be valid before its variants are built from it (no silent defaults for what is wrong).
  const resolved = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!resolved.ok) return resolved;
  const initiators = resolved.value.algorithm.initiators;
  // Crashes are part of a dataflow model, not an assumption: every row keeps them, and network faults come on top
  // of their budget.
  const f = resolved.value.faults;
  const crashes = f.crash ? f.budget : 0;
  const crash = crashes > 0 ? { crash: true, budget: crashes } : null;
  const withCrash = (discipline: 'fifo' | 'unordered', extra?: { lossy?: boolean; duplicating?: boolean }): NetworkSpec =>
    extra === undefined
      ? { discipline, ...(crash === null ? {} : { faults: crash }) }
      : { discipline, faults: { ...extra, ...(crash === null ? {} : { crash: true }), budget: budget + crashes } };
  const faultText = (what: string, verb: string): string =>
    crashes > 0
      ? `${what}: a budget of ${budget + crashes} faults, each a crash or a message (markers included) that may ${verb}`
      : `${what}: up to ${budget} message(s), markers included, may ${verb}`;
  const base: ModelSpec<S, M> = {
    ...spec,
    network: withCrash('fifo'),
    algorithm: { kind: resolved.value.algorithm.impl, initiators },
  };
  const victim = farthest(spec.topology, initiators);
  const kept = spec.topology.channels.filter((c) => c.to !== victim);
  // The topology left, whose spec `--topology` reads back with every process (one cut off last may be on no channel
  // any more) and every back-edge.
  const cut = edges(kept.map((c) => [c.from, c.to, c.back === true] as const), spec.topology.n);
  const cutTopology: Topology =
    victim < 0
      ? spec.topology
      : {
          ...cut,
          // Stryker disable next-line ObjectLiteral: names only label processes in text, and no row of the matrix shows one (the row names P-numbers)
          ...(spec.topology.names ? { names: spec.topology.names } : {}),
        };
  // A process cut off is a source, where a dataflow algorithm starts its snapshots by default. When the model's
  // initiators are the default ones and the cut would move them, the flags name them, so that `cutcheck verify` with
  // these flags (which takes the default of the topology it is given) checks what the row checked.
  const impl = resolved.value.algorithm.impl;
  const same = (ps: readonly number[]): boolean => ps.join(',') === initiators.join(',');
  const moved = same(defaultInitiators(impl, spec.topology)) && !same(defaultInitiators(impl, cutTopology));
  const variants: { dropped: Dropped; change: string; flags: string[]; spec: ModelSpec<S, M> }[] = [
    { dropped: 'none', change: 'FIFO, reliable, no duplicates, one snapshot', flags: ['--channels', 'fifo'], spec: base },
    { dropped: 'fifo', change: 'every channel unordered', flags: ['--channels', 'unordered'], spec: { ...base, network: withCrash('unordered') } },
    {
      dropped: 'reliable',
      change: faultText('lossy', 'vanish'),
      flags: ['--channels', 'fifo', '--lossy', '--faults', String(budget + crashes)],
      spec: { ...base, network: withCrash('fifo', { lossy: true }) },
    },
    {
      dropped: 'no-duplication',
      change: faultText('duplicating', 'be copied'),
      flags: ['--channels', 'fifo', '--duplicating', '--faults', String(budget + crashes)],
      spec: { ...base, network: withCrash('fifo', { duplicating: true }) },
    },
    {
      dropped: 'single-snapshot',
      change: `${snapshots} snapshots in sequence, markers carrying snapshot ids`,
      flags: ['--channels', 'fifo', '--snapshots', String(snapshots)],
      spec: { ...base, algorithm: { kind: resolved.value.algorithm.impl, initiators, snapshots } },
    },
    {
      dropped: 'connectivity',
      change: victim < 0 ? 'no process to cut off' : `every channel into P${victim} removed`,
      flags: ['--channels', 'fifo', '--topology', cut.spec!, ...(moved ? ['--initiators', initiators.join(',')] : [])],
      spec: { ...base, topology: cutTopology },
    },
  ];
  const rows: MatrixRow[] = [];
  const most = resolved.value.algorithm.impl.maxSnapshots ?? snapshots;
  for (const v of variants) {
    if (v.dropped === 'single-snapshot' && most < snapshots) continue;
    const r = verify(v.spec, { stopAtFirst: false, ...options });
    if (!r.ok) return r;
    const res = r.value;
    const checks = Object.fromEntries(
      CHECKS.map((c): [CheckName, MatrixCell] => {
        const violation = res.violations.find((x) => x.check === c);
        const status = res.checks[c];
        return [c, { holds: status === 'unknown' || status === 'n/a' ? null : status === 'holds', applies: status !== 'n/a', shortest: violation?.trace.steps.length ?? null }];
      }),
    ) as Record<CheckName, MatrixCell>;
    rows.push({ dropped: v.dropped, change: v.change, flags: v.flags, verdict: res.verdict, checks, states: res.stats.productStates });
  }
  return ok(rows);
}
