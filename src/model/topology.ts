// Built-in topologies and the parser for topology strings (`complete:3`, `ring:4`, `edges:0>1,1>0`).

import { type Result, echo, ok, err } from '../errors.ts';
import type { Channel, ProcessContext, Topology } from './types.ts';
import { unknownKey } from './strict.ts';

export const MAX_PROCESSES = 64;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export function complete(n: number): Topology {
  return make(`complete:${n}`, n, range(n).flatMap((i) => range(n).filter((j) => j !== i).map((j) => ({ from: i, to: j }))));
}
export function ring(n: number): Topology {
  return make(`ring:${n}`, n, range(n).map((i) => ({ from: i, to: (i + 1) % n })));
}
export function biring(n: number): Topology {
  return make(`biring:${n}`, n, range(n).flatMap((i) => [{ from: i, to: (i + 1) % n }, { from: i, to: (i + n - 1) % n }]));
}
export function star(n: number): Topology {
  return make(`star:${n}`, n, range(n).slice(1).flatMap((i) => [{ from: 0, to: i }, { from: i, to: 0 }]));
}
export function line(n: number): Topology {
  return make(`line:${n}`, n, range(n - 1).flatMap((i) => [{ from: i, to: i + 1 }, { from: i + 1, to: i }]));
}
/** Channels as pairs `[from, to]`; a third element `true` marks a back-edge (written `2~>1` in a topology string). */
export function edges(list: readonly (readonly [number, number] | readonly [number, number, boolean])[], n?: number): Topology {
  const named = Math.max(0, ...list.flatMap(([a, b]) => [a + 1, b + 1]));
  const size = n ?? named;
  const text = list.map(([a, b, back]) => `${a}${back === true ? '~>' : '>'}${b}`).join(',');
  // A process on no channel (or a graph with none) needs the count spelled out: `edges:3:0>1`.
  const spec = size === named && list.length > 0 ? `edges:${text}` : `edges:${size}:${text}`;
  return make(spec, size, list.map(([from, to, back]) => (back === true ? { from, to, back } : { from, to })));
}

// Dataflow graphs (Flink-style jobs): sources have no in-channel, sinks no out-channel.

/** A source, N-2 tasks in a chain, and a sink. */
export function pipeline(n: number): Topology {
  const names = ['src', ...range(n - 2).map((i) => `t${i + 1}`), 'sink'];
  return make(`pipeline:${n}`, n, range(n - 1).map((i) => ({ from: i, to: i + 1 })), names);
}
/** A source fanned out to two tasks, a and b, that feed one two-input task, join. */
export function diamond(): Topology {
  return make('diamond', 4, [{ from: 0, to: 1 }, { from: 0, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 3 }], ['src', 'a', 'b', 'join']);
}
/** K sources into one task. */
export function fanin(k: number): Topology {
  return make(`fanin:${k}`, k + 1, range(k).map((i) => ({ from: i, to: k })), [...range(k).map((i) => `s${i}`), 'sum']);
}
/** A loop: src feeds head, head feeds body, body feeds the sink and, over the back-edge, head again. */
export function iterate(): Topology {
  return make('iterate', 4, [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 2, to: 1, back: true }, { from: 2, to: 3 }], ['src', 'head', 'body', 'sink']);
}

/** Sorts channels (by sender, then receiver) and removes duplicates, so equal topologies are equal data. */
function make(spec: string, n: number, channels: Channel[], names?: readonly string[]): Topology {
  const seen = new Set<string>();
  const unique = channels.filter((c) => {
    const k = `${c.from}>${c.to}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => a.from - b.from || a.to - b.to);
  return names === undefined ? { n, channels: unique, spec } : { n, channels: unique, names, spec };
}

/** Checks a topology built by hand or parsed: process count, no self-loops, endpoints in range. */
export function validateTopology(t: Topology): Result<Topology> {
  if (typeof t !== 'object' || t === null) return err('CC005', `a topology must be an object { n, channels }, got ${t === null ? 'null' : typeof t}`);
  const extra = unknownKey(t, ['n', 'channels', 'names', 'spec'], 'the topology');
  if (extra !== null) return err('CC005', extra);
  if (!Number.isInteger(t.n) || t.n < 1 || t.n > MAX_PROCESSES)
    return err('CC005', `a topology needs between 1 and ${MAX_PROCESSES} processes, got ${String(t.n)}`);
  if (!Array.isArray(t.channels)) return err('CC005', `topology.channels must be an array of { from, to }, got ${t.channels === null ? 'null' : typeof t.channels}`);
  if (t.names !== undefined && (!Array.isArray(t.names) || t.names.some((x) => typeof x !== 'string')))
    return err('CC005', 'topology.names must be an array of strings');
  const seen = new Set<string>();
  for (const c of t.channels as readonly (Channel | null)[]) {
    if (typeof c !== 'object' || c === null) return err('CC005', 'every entry of topology.channels must be an object { from, to }');
    const extraKey = unknownKey(c, ['from', 'to', 'back'], 'a channel');
    if (extraKey !== null) return err('CC005', extraKey);
    if (c.back !== undefined && typeof c.back !== 'boolean') return err('CC005', `channel ${String(c.from)}>${String(c.to)}: back must be true or false`);
    if (!Number.isInteger(c.from) || !Number.isInteger(c.to) || c.from < 0 || c.to < 0 || c.from >= t.n || c.to >= t.n)
      return err('CC005', `channel ${String(c.from)}>${String(c.to)} names a process outside 0..${t.n - 1}`);
    if (c.from === c.to) return err('CC005', `channel ${c.from}>${c.to} is a self-loop; channels join two different processes`);
    const k = `${c.from}>${c.to}`;
    if (seen.has(k)) return err('CC005', `channel ${k} appears twice; at most one channel per ordered pair`);
    seen.add(k);
  }
  if (t.names !== undefined && t.names.length !== t.n)
    return err('CC005', `the topology names ${t.names.length} processes but has ${t.n}`);
  return ok(t);
}

const SIZED: Readonly<Record<string, { min: number; max?: number; build: (n: number) => Topology }>> = {
  complete: { min: 2, build: complete },
  ring: { min: 2, build: ring },
  biring: { min: 3, build: biring },
  star: { min: 2, build: star },
  line: { min: 2, build: line },
  pipeline: { min: 2, build: pipeline },
  fanin: { min: 1, max: MAX_PROCESSES - 1, build: fanin },
};
const FIXED: Readonly<Record<string, () => Topology>> = { diamond, iterate };

export const TOPOLOGY_FORMS = 'complete:N, ring:N, biring:N, star:N, line:N, edges:0>1,1>0 (2~>1 marks a back-edge; edges:3:0>1 gives the process count), and dataflow graphs pipeline:N, diamond, fanin:K, iterate';

export function parseTopology(text: string): Result<Topology> {
  const fixed = Object.hasOwn(FIXED, text.trim()) ? FIXED[text.trim()] : undefined;
  if (fixed !== undefined) return ok(fixed());
  const m = /^([a-z]+):(.*)$/.exec(text.trim());
  if (m === null) return err('CC001', `'${text}' is not a topology; expected one of ${TOPOLOGY_FORMS}`);
  const [, kind = '', arg = ''] = m;
  if (kind === 'edges') {
    // `edges:N:LIST` gives the process count, for processes on no channel; LIST may then be empty.
    const sized = /^(\d+):(.*)$/.exec(arg);
    const given = sized === null ? null : Number(sized[1]);
    const body = sized === null ? arg : (sized[2] as string);
    if (given !== null && (given < 1 || given > MAX_PROCESSES)) return err('CC001', `'${text}': the process count must be from 1 to ${MAX_PROCESSES}, got ${given}`);
    const parts = body.trim() === '' && given !== null ? [] : body.split(',').map((s) => s.trim());
    const list: [number, number, boolean][] = [];
    for (const part of parts) {
      const e = /^(\d+)(~?)>(\d+)$/.exec(part);
      if (e === null) return err('CC001', `'${part}' in '${text}' is not an edge; write edges as FROM>TO (FROM~>TO for a back-edge), e.g. edges:0>1,1>0`);
      list.push([Number(e[1]), Number(e[3]), e[2] === '~']);
    }
    const named = Math.max(0, ...list.flatMap(([a, b]) => [a + 1, b + 1]));
    if (named > MAX_PROCESSES) return err('CC001', `'${text}' names process ${named - 1}; at most ${MAX_PROCESSES} processes`);
    if (given !== null && named > given) return err('CC001', `'${text}' names process ${named - 1}, but has only ${given} processes (0..${given - 1})`);
    const n = given ?? named;
    const seen = new Set<string>();
    for (const [a, b] of list) {
      if (a === b) return err('CC001', `'${a}>${b}' in '${text}' is a self-loop`);
      if (seen.has(`${a}>${b}`)) return err('CC001', `'${a}>${b}' appears twice in '${text}'; at most one channel per ordered pair`);
      seen.add(`${a}>${b}`);
    }
    return validateTopology(edges(list, n));
  }
  const sized = Object.hasOwn(SIZED, kind) ? SIZED[kind] : undefined;
  if (sized === undefined)
    return err('CC001', Object.hasOwn(FIXED, kind) ? `'${text}': ${kind} takes no size; write just ${kind}` : `unknown topology '${kind}' in '${text}'; expected one of ${TOPOLOGY_FORMS}`);
  if (!/^\d+$/.test(arg)) return err('CC001', `'${text}': the size must be a whole number, e.g. ${kind}:3`);
  const n = Number(arg);
  const max = sized.max ?? MAX_PROCESSES;
  if (n < sized.min || n > max)
    return err('CC001', kind === 'fanin' ? `'${text}': fanin takes from ${sized.min} to ${max} sources` : `'${text}': ${kind} needs between ${sized.min} and ${max} processes`);
  return ok(sized.build(n));
}

/** What each process may see of the topology: its out- and in-neighbours, and which in-channels are back-edges. */
export function processContexts(t: Topology): ProcessContext[] {
  return Array.from({ length: t.n }, (_, p) => ({
    self: p,
    n: t.n,
    out: t.channels.filter((c) => c.from === p).map((c) => c.to),
    in: t.channels.filter((c) => c.to === p).map((c) => c.from),
    backIn: t.channels.filter((c) => c.to === p && c.back === true).map((c) => c.from),
  }));
}

/** The index of the channel `text` names: `FROM>TO` by process numbers or names (`2>3`, `a>join`, `a→join`). */
export function findChannel(t: Topology, text: string): Result<number> {
  const parts = text.split(/>|→|->/);
  const names = t.channels.map((c) => `${t.names?.[c.from] ?? c.from}>${t.names?.[c.to] ?? c.to}`).join(', ');
  if (parts.length !== 2) return err('CC007', `a channel is written FROM>TO, e.g. ${names.split(', ')[0] ?? '0>1'}; got ${echo(text)}`);
  const proc = (s: string): number => {
    const named = t.names?.indexOf(s.trim()) ?? -1;
    return named >= 0 ? named : /^\d+$/.test(s.trim()) ? Number(s.trim()) : -1;
  };
  const [from, to] = [proc(parts[0] as string), proc(parts[1] as string)];
  const i = t.channels.findIndex((c) => c.from === from && c.to === to);
  if (i < 0) return err('CC007', `the topology has no channel ${echo(text)}; its channels are ${names}`);
  return ok(i);
}
