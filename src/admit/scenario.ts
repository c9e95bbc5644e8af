// A scenario of the course assignment (a topology file and an events file) as a cutcheck model: its servers are the
// processes, named by their ids, its links the channels, and its events a script (ticks dropped: cutcheck explores
// every timing) run by Chandy-Lamport on FIFO channels, in the script's global order unless told otherwise.

import type { Result } from '../errors.ts';
import type { ModelSpec, Topology } from '../model/types.ts';
import { scriptModel, type ScriptEvent, type ScriptOrder, type ScriptState } from '../workloads/script.ts';
import type { ScenarioEvent, ScenarioTopology } from './formats.ts';

export interface ScenarioOptions {
  readonly order?: ScriptOrder;
  readonly discipline?: 'fifo' | 'unordered';
  readonly name?: string;
  /** Follow only this snapshot, the others overlapping it as the script places them (see proofs/overlapping-snapshots.md). */
  readonly track?: number;
}

/** Process numbers by server id: process p is the scenario's p-th server. */
function processOf(t: ScenarioTopology): (id: string) => number {
  const index = new Map(t.servers.map((s, i) => [s.id, i]));
  return (id) => index.get(id) as number; // the parser let through only servers of the topology
}

/** The topology of a scenario: process p is its p-th server, named by its id. */
export function scenarioTopology(t: ScenarioTopology): Topology {
  const at = processOf(t);
  return { n: t.servers.length, channels: t.links.map((l) => ({ from: at(l.src), to: at(l.dst) })), names: t.servers.map((s) => s.id) };
}

export function scenarioModel(t: ScenarioTopology, events: readonly ScenarioEvent[], options: ScenarioOptions = {}): Result<ModelSpec<ScriptState, number>> {
  const topology = scenarioTopology(t);
  const at = processOf(t);
  const script = events.flatMap((e): ScriptEvent[] =>
    e.kind === 'send' ? [{ kind: 'send', from: at(e.src), to: at(e.dst), tokens: e.tokens }] : e.kind === 'snapshot' ? [{ kind: 'snapshot', at: at(e.server) }] : [],
  );
  return scriptModel(
    options.name ?? 'scenario',
    topology,
    t.servers.map((s) => s.tokens),
    script,
    {
      ...(options.order === undefined ? {} : { order: options.order }),
      ...(options.discipline === undefined ? {} : { discipline: options.discipline }),
      ...(options.track === undefined ? {} : { track: options.track }),
    },
  );
}
