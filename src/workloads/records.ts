// The `records:K` workload: a dataflow job. A process with no in-channel is a source, with a replayable log of K
// records and a read position (its offset); every other process is a task that sums the values it receives and
// passes each record on to every out-neighbour (a task with none is a sink). Every record carries a ghost id, its
// source and offset, and its lineage, the processes it went through; a task keeps the ghost ids it absorbed, one
// per routing path, so that `exactly-once`, `no-loss` and `no-duplicate` can compare them with a failure-free run.
// No record crosses the same channel twice, which bounds every loop of a cyclic graph (an `iterate` round trip).

import type { ProcessContext, Workload } from '../model/types.ts';

/** A source: how many records of its log it has emitted (its read position). */
export interface SourceState {
  readonly offset: number;
}
/** A task: the sum of the values it received, and the ghost id of each record it absorbed, sorted. */
export interface TaskState {
  readonly sum: number;
  readonly seen: readonly string[];
}
export type RecordsState = SourceState | TaskState;

/** A record in flight: its ghost id (`source.n`, the n-th record of that source's log), its value, and its lineage. */
export interface DataRecord {
  readonly rec: string;
  readonly v: number;
  /** The processes it went through, its source first and its sender last. */
  readonly path: readonly number[];
}

const isSource = (s: RecordsState): s is SourceState => 'offset' in s;

/** The ghost id a task absorbs: the record's id and the route it took after its source (`0.2>1` came via P1). */
export const ghostOf = (m: DataRecord): string => m.rec + m.path.slice(1).map((p) => `>${p}`).join('');

/** Whether the record has already crossed the channel from `from` to `to`. */
function crossed(path: readonly number[], from: number, to: number): boolean {
  for (let i = 0; i + 1 < path.length; i++) if (path[i] === from && path[i + 1] === to) return true;
  return false;
}

function insertSorted(list: readonly string[], x: string): string[] {
  const out = [...list];
  let i = out.length;
  while (i > 0 && (out[i - 1] as string) > x) i--;
  out.splice(i, 0, x);
  return out;
}

export function records(k: number): Workload<RecordsState, DataRecord> {
  const forward = (m: DataRecord, ctx: ProcessContext): { to: number; msg: DataRecord }[] => {
    const path = [...m.path, ctx.self];
    return ctx.out.filter((q) => !crossed(path, ctx.self, q)).map((to) => ({ to, msg: { rec: m.rec, v: m.v, path } }));
  };
  return {
    name: `records:${k}`,
    init: (ctx) => (ctx.in.length === 0 ? { offset: 0 } : { sum: 0, seen: [] }),
    actions: (s, ctx) => {
      if (!isSource(s) || s.offset >= k) return [];
      const rec = `${ctx.self}.${s.offset + 1}`;
      const msg: DataRecord = { rec, v: s.offset + 1, path: [ctx.self] };
      return [{ label: `emit ${rec}`, next: { offset: s.offset + 1 }, sends: ctx.out.map((to) => ({ to, msg })) }];
    },
    receive: (s, _from, m, ctx) => {
      // A source has no in-channel, so only tasks receive.
      const t = s as TaskState;
      return { next: { sum: t.sum + m.v, seen: insertSorted(t.seen, ghostOf(m)) }, sends: forward(m, ctx) };
    },
    ghosts: (s) => (isSource(s) ? [] : s.seen),
    show: {
      local: (s) => (isSource(s) ? `offset ${s.offset}/${k}` : `sum ${s.sum}${s.seen.length === 0 ? '' : ` [${s.seen.join(' ')}]`}`),
      message: (m) => `${m.rec}${m.path.length > 1 ? `@${m.path.slice(1).join('>')}` : ''}`,
    },
  };
}
