// A workload run from a script, as a course assignment's harness runs its event file: each process holds tokens;
// a `send` moves tokens from a process onto one of its out-channels (its count drops at once, and the receiver's
// rises when the message arrives); a `snapshot` starts the next snapshot at a process. The script runs in one
// global order (each event waits for the one before it, whoever takes it) or in each process's own order. A send
// the sender cannot afford yet waits for tokens to arrive; cutcheck explores every timing, so a script has no ticks.

import type { ActionOutcome, ModelSpec, ProcessId, Topology, Workload } from '../model/types.ts';
import { processName } from '../model/types.ts';
import { type Result, err, ok } from '../errors.ts';

export type ScriptEvent =
  | { readonly kind: 'send'; readonly from: ProcessId; readonly to: ProcessId; readonly tokens: number }
  | { readonly kind: 'snapshot'; readonly at: ProcessId };

/** One order for the whole script (as one harness runs it), or only each process's own events in order. */
export type ScriptOrder = 'global' | 'process';
export const SCRIPT_ORDERS: readonly ScriptOrder[] = ['global', 'process'];

/** A process's tokens, and how many of its own events it has taken (bookkeeping an implementation does not record). */
export interface ScriptState {
  readonly tokens: number;
  readonly done: number;
}

/** An event as its process takes it: the event, its place in the global order, and the snapshot it starts. */
interface Own {
  readonly event: ScriptEvent;
  readonly turn: number;
  readonly snapshot: number;
}

const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * The workload of a script over processes 0..n-1 starting with `tokens`. Snapshots are numbered 0, 1, 2, ... in
 * the order of the script's snapshot events. What an implementation records of a process is its tokens.
 */
export function scriptWorkload(tokens: readonly number[], events: readonly ScriptEvent[], order: ScriptOrder = 'global', names?: readonly string[]): Workload<ScriptState, number> {
  const own: Own[][] = tokens.map(() => []);
  let snapshots = 0;
  events.forEach((event, turn) => {
    const p = event.kind === 'send' ? event.from : event.at;
    own[p]?.push({ event, turn, snapshot: event.kind === 'snapshot' ? snapshots++ : -1 });
  });
  const name = (p: ProcessId): string => names?.[p] ?? `P${p}`;
  const start = total(tokens);
  // What each process may still do after its first `done` events: whom it still sends to, and its next turn.
  // Made from the end backwards, so that a long script costs its length times a process's out-degree.
  const aheadOf = own.map((mine) => {
    const rows: { sendsTo: ProcessId[]; reactsTo: ProcessId[]; turn: number | null }[] = [];
    let later: ProcessId[] = [];
    for (let done = mine.length - 1; done >= 0; done--) {
      const o = mine[done] as Own;
      if (o.event.kind === 'send') {
        const to = o.event.to;
        later = [to, ...later.filter((x) => x !== to)];
      }
      // A receive adds tokens and sends nothing.
      rows[done] = { sendsTo: later, reactsTo: [], turn: order === 'global' ? o.turn : null };
    }
    return rows;
  });
  const finished = { sendsTo: [], reactsTo: [], turn: null };
  return {
    name: `script (${events.length} event${events.length === 1 ? '' : 's'}, ${order} order)`,
    scripted: true,
    init: (ctx) => ({ tokens: tokens[ctx.self] ?? 0, done: 0 }),
    actions: (s, ctx): ActionOutcome<ScriptState, number>[] => {
      const next = own[ctx.self]?.[s.done];
      if (next === undefined) return [];
      const turn = order === 'global' ? { turn: next.turn } : {};
      const e = next.event;
      if (e.kind === 'snapshot') return [{ label: `start snapshot ${next.snapshot}`, next: { tokens: s.tokens, done: s.done + 1 }, snapshot: next.snapshot, ...turn }];
      // A send the sender cannot afford yet waits for tokens to arrive.
      if (s.tokens < e.tokens) return [];
      return [{ label: `send ${e.tokens} to ${name(e.to)}`, next: { tokens: s.tokens - e.tokens, done: s.done + 1 }, sends: [{ to: e.to, msg: e.tokens }], ...turn }];
    },
    receive: (s, _from, m) => ({ next: { tokens: s.tokens + m, done: s.done } }),
    ahead: (s, ctx) => aheadOf[ctx.self]?.[s.done] ?? finished,
    recorded: (s) => s.tokens,
    invariants: {
      'tokens are conserved': (g) => total(g.locals.map((s) => s.tokens)) + total(g.channels.flatMap((c) => c.messages)) === start,
    },
    show: {
      local: (s) => `${s.tokens} tokens (${s.done} event${s.done === 1 ? '' : 's'} done)`,
      message: (m) => `token(${m})`,
      state: (g) => `${total(g.locals.map((s) => s.tokens)) + total(g.channels.flatMap((c) => c.messages))} tokens in all`,
    },
  };
}

/** The most events a script may have. */
export const MAX_SCRIPT_EVENTS = 100_000;

/**
 * A model running a script on `topology` with Chandy-Lamport (or `algorithm`): every snapshot is placed by the
 * script, none starts on its own. Snapshots run one after another, or with `track: k` overlap as placed while the
 * search follows snapshot k alone (proofs/overlapping-snapshots.md). Refuses (CC005) an event on a process or a link the topology does not have.
 */
export function scriptModel(
  name: string,
  topology: Topology,
  tokens: readonly number[],
  events: readonly ScriptEvent[],
  options: { readonly order?: ScriptOrder; readonly discipline?: 'fifo' | 'unordered'; readonly algorithm?: string; readonly track?: number } = {},
): Result<ModelSpec<ScriptState, number>> {
  const { n } = topology;
  if (tokens.length !== n) return err('CC005', `the script gives tokens for ${tokens.length} process${tokens.length === 1 ? '' : 'es'}, and the topology has ${n}`);
  for (const [p, t] of tokens.entries())
    if (!Number.isSafeInteger(t) || t < 0) return err('CC005', `${processName(topology, p)} starts with ${String(t)} tokens; it must be a whole number from 0`);
  if (events.length > MAX_SCRIPT_EVENTS) return err('CC008', `the script has ${events.length} events; at most ${MAX_SCRIPT_EVENTS}`);
  const isProcess = (p: number): boolean => Number.isInteger(p) && p >= 0 && p < n;
  for (const [i, e] of events.entries()) {
    const at = `event ${i + 1} of the script`;
    if (e.kind === 'snapshot') {
      if (!isProcess(e.at)) return err('CC005', `${at} starts a snapshot at ${String(e.at)}, which is not a process of the topology (0..${n - 1})`);
      continue;
    }
    if (!isProcess(e.from) || !isProcess(e.to)) return err('CC005', `${at} sends from ${String(e.from)} to ${String(e.to)}, which are not both processes of the topology (0..${n - 1})`);
    if (!topology.channels.some((c) => c.from === e.from && c.to === e.to))
      return err('CC005', `${at} sends on ${processName(topology, e.from)}→${processName(topology, e.to)}, a channel the topology does not have`);
    if (!Number.isSafeInteger(e.tokens) || e.tokens < 1) return err('CC005', `${at} sends ${String(e.tokens)} tokens; a send moves a whole number from 1`);
  }
  const snapshots = events.filter((e) => e.kind === 'snapshot').length;
  return ok({
    name,
    topology,
    workload: scriptWorkload(tokens, events, options.order ?? 'global', topology.names),
    network: { discipline: options.discipline ?? 'fifo' },
    algorithm: { kind: options.algorithm ?? 'chandy-lamport', initiators: [], snapshots: Math.max(1, snapshots), ...(options.track === undefined ? {} : { track: options.track }) },
  });
}
