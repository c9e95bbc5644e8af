// The parser of an implementation's event log for `cutcheck admit --log`: JSON Lines, one event per line, as a
// Chandy-Lamport implementation (the course assignment's, or a real system's) can write them as they happen:
//
//   {"event":"send","src":"N1","dst":"N2","tokens":3,"id":"m1"}            an application message leaves src
//   {"event":"receive","src":"N1","dst":"N2","tokens":3,"id":"m1"}         dst takes it off the link
//   {"event":"record","server":"N2","snapshot":0,"tokens":7}               N2 records its state for snapshot 0
//   {"event":"marker-sent","src":"N2","dst":"N3","snapshot":0}             N2 puts snapshot 0's marker on N2→N3
//   {"event":"marker-received","src":"N2","dst":"N3","snapshot":0}         N3 takes it off the link
//   {"event":"snapshot","id":0,"tokens":{...},"messages":[...]}            the snapshot as collected (the snapshot
//                                                                          file's JSON form)
//   {"event":"tick"}                                                       time passes (ignored)
//
// On receive, `tokens` and `id` are optional (without either, the message is the one at the head of the link); on
// record, `tokens` is optional. Every event may carry a `time` (a number or a string), which is ignored: the log's
// order is the order of its lines. Empty lines are skipped. A `record` that no `marker-received` at that server
// came before starts its snapshot: the log's snapshot starts, in order, are the script's snapshot events.
//
// Keys are strict, as in the scenario files' JSON forms, and every refusal is a CC013 error of one line naming the
// file, the line and what was expected. Whether the events can happen in that order is the checker's question
// (src/admit/log.ts), not the parser's.

import { type Result, describeThrown, err, ok } from '../errors.ts';
import {
  MAX_SNAPSHOT_ID,
  MAX_TOKENS,
  type RecordedSnapshot,
  type ScenarioEvent,
  type ScenarioTopology,
  indexOf,
  isObject,
  keysProblem,
  linkProblem,
  plain,
  refuse,
  shown,
  snapshotFromValue,
  unknownServer,
  wholeJson,
  withoutBom,
} from './formats.ts';

/** The most events a log may hold. */
export const MAX_LOG_EVENTS = 1_000_000;
/** Longest message id. */
export const MAX_MESSAGE_ID_LENGTH = 100;

interface Link {
  readonly src: string;
  readonly dst: string;
}

export type LogEvent = { readonly line: number } & (
  | ({ readonly kind: 'send'; readonly tokens: number; readonly id?: string } & Link)
  | ({ readonly kind: 'receive'; readonly tokens?: number; readonly id?: string } & Link)
  | ({ readonly kind: 'marker-sent' | 'marker-received'; readonly snapshot: number } & Link)
  | { readonly kind: 'record'; readonly server: string; readonly snapshot: number; readonly tokens?: number }
  /** The snapshot as the implementation collected it. */
  | { readonly kind: 'snapshot'; readonly recorded: RecordedSnapshot }
  | { readonly kind: 'tick' }
);

export type LogEventKind = LogEvent['kind'];

const KEYS: Readonly<Record<LogEventKind, { readonly known: readonly string[]; readonly required: readonly string[] }>> = {
  send: { known: ['src', 'dst', 'tokens', 'id'], required: ['src', 'dst', 'tokens'] },
  receive: { known: ['src', 'dst', 'tokens', 'id'], required: ['src', 'dst'] },
  'marker-sent': { known: ['src', 'dst', 'snapshot'], required: ['src', 'dst', 'snapshot'] },
  'marker-received': { known: ['src', 'dst', 'snapshot'], required: ['src', 'dst', 'snapshot'] },
  record: { known: ['server', 'snapshot', 'tokens'], required: ['server', 'snapshot'] },
  snapshot: { known: ['id', 'tokens', 'messages'], required: ['id', 'tokens', 'messages'] },
  tick: { known: [], required: [] },
};
const KINDS = Object.keys(KEYS) as readonly LogEventKind[];
const isKind = (k: unknown): k is LogEventKind => typeof k === 'string' && (KINDS as readonly string[]).includes(k);

/** Where each send of a message id was, to refuse an id sent twice. */
type SentIds = Map<string, number>;

/** One line's event, or a refusal naming the line. */
function eventOf(v: unknown, where: string, line: number, topology: ScenarioTopology, sent: SentIds): Result<LogEvent> {
  if (!isObject(v)) return refuse(where, `expected an event object { "event": KIND, … }, got ${shown(v)}`);
  const kind = v['event'];
  if (!isKind(kind)) return refuse(where, `"event" must be one of ${KINDS.map((k) => `"${k}"`).join(', ')}, got ${shown(kind)}`);
  const { known, required } = KEYS[kind];
  const bad = keysProblem(v, ['event', 'time', ...known], required);
  if (bad !== null) return refuse(where, `${bad} (a ${kind} event has ${known.length === 0 ? 'no other key' : known.map((k) => `"${k}"`).join(', ')})`);
  const time = v['time'];
  if (time !== undefined && typeof time !== 'number' && typeof time !== 'string') return refuse(`${where}.time`, `expected a number or a string (it is ignored), got ${shown(time)}`);
  const ix = indexOf(topology);
  const server = (key: string): Result<string> => {
    const s = v[key];
    if (typeof s !== 'string') return refuse(`${where}.${key}`, `expected a server id (a string), got ${shown(s)}`);
    return ix.servers.has(s) ? ok(s) : refuse(`${where}.${key}`, unknownServer(s, ix.ids));
  };
  const link = (): Result<Link> => {
    const [src, dst] = [v['src'], v['dst']];
    if (typeof src !== 'string') return refuse(`${where}.src`, `expected a server id (a string), got ${shown(src)}`);
    if (typeof dst !== 'string') return refuse(`${where}.dst`, `expected a server id (a string), got ${shown(dst)}`);
    const problem = linkProblem(ix, src, dst);
    return typeof problem === 'string' ? refuse(where, problem) : ok({ src, dst });
  };
  const whole = (key: string, min: number, max: number, what: string): Result<number> => {
    const n = wholeJson(v[key], min, max);
    return n === null ? refuse(`${where}.${key}`, `expected ${what}, a whole number from ${min} to ${max}, got ${shown(v[key])}`) : ok(n);
  };
  const snapshot = (): Result<number> => whole('snapshot', 0, MAX_SNAPSHOT_ID, 'the snapshot id');
  const messageId = (): Result<string | undefined> => {
    const id = v['id'];
    if (id === undefined) return ok(undefined);
    if (typeof id === 'number' && Number.isSafeInteger(id)) return ok(String(id));
    if (typeof id !== 'string' || id === '' || id.length > MAX_MESSAGE_ID_LENGTH)
      return refuse(`${where}.id`, `expected a message id (a whole number, or a string of 1 to ${MAX_MESSAGE_ID_LENGTH} characters), got ${shown(id)}`);
    return ok(id);
  };
  switch (kind) {
    case 'send':
    case 'receive': {
      const l = link();
      if (!l.ok) return l;
      const id = messageId();
      if (!id.ok) return id;
      const tokens = kind === 'send' || v['tokens'] !== undefined ? whole('tokens', 1, MAX_TOKENS, 'the tokens the message carries') : ok(undefined);
      if (!tokens.ok) return tokens;
      const named = { ...(id.value === undefined ? {} : { id: id.value }) };
      if (kind === 'receive') return ok({ line, kind, ...l.value, ...named, ...(tokens.value === undefined ? {} : { tokens: tokens.value }) });
      if (id.value !== undefined) {
        const first = sent.get(id.value);
        if (first !== undefined) return refuse(`${where}.id`, `message id ${plain(id.value, 40)} was already sent on line ${first}; each message has an id of its own`);
        sent.set(id.value, line);
      }
      return ok({ line, kind, ...l.value, ...named, tokens: tokens.value as number });
    }
    case 'marker-sent':
    case 'marker-received': {
      const l = link();
      if (!l.ok) return l;
      const s = snapshot();
      return s.ok ? ok({ line, kind, ...l.value, snapshot: s.value }) : s;
    }
    case 'record': {
      const at = server('server');
      if (!at.ok) return at;
      const s = snapshot();
      if (!s.ok) return s;
      const tokens = v['tokens'] === undefined ? ok(undefined) : whole('tokens', 0, MAX_TOKENS, 'the recorded tokens');
      if (!tokens.ok) return tokens;
      return ok({ line, kind, server: at.value, snapshot: s.value, ...(tokens.value === undefined ? {} : { tokens: tokens.value }) });
    }
    case 'snapshot': {
      const rest = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'event' && k !== 'time'));
      const recorded = snapshotFromValue(rest, where, topology);
      return recorded.ok ? ok({ line, kind, recorded: recorded.value }) : recorded;
    }
    case 'tick':
      return ok({ line, kind });
  }
}

/** An event log against its topology: every server and link an event names exists, and each message id is sent once. */
export function parseLog(text: string, file: string, topology: ScenarioTopology): Result<readonly LogEvent[]> {
  const events: LogEvent[] = [];
  const sent: SentIds = new Map();
  const collected = new Map<number, number>();
  const lines = withoutBom(text).split('\n');
  for (const [i, raw] of lines.entries()) {
    const body = raw.trim();
    if (body === '') continue;
    const where = `${file}:${i + 1}`;
    if (events.length >= MAX_LOG_EVENTS) return err('CC008', `${file} holds more than ${MAX_LOG_EVENTS} events; at most ${MAX_LOG_EVENTS}`);
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch (e) {
      return refuse(where, `not a JSON object on one line (${plain(describeThrown(e), 120)}); a log holds one event per line`);
    }
    const e = eventOf(v, where, i + 1, topology, sent);
    if (!e.ok) return e;
    if (e.value.kind === 'snapshot') {
      const first = collected.get(e.value.recorded.id);
      if (first !== undefined) return refuse(where, `snapshot ${e.value.recorded.id} was already collected on line ${first}`);
      collected.set(e.value.recorded.id, i + 1);
    }
    events.push(e.value);
  }
  if (events.length === 0) return refuse(file, 'holds no event: expected one JSON object per line, such as {"event":"send","src":"N1","dst":"N2","tokens":3}');
  return ok(events);
}

/** A log's snapshot starts: each `record` with no `marker-received` of its snapshot at its server before it, the first per snapshot id. */
export interface LogStart {
  /** The snapshot's id in the log. */
  readonly id: number;
  /** Its number in the script (0, 1, 2 … in the order the log starts them). */
  readonly index: number;
  readonly server: string;
  readonly line: number;
}

/**
 * The script a log runs: its sends, and its snapshot starts where they happen (the log's own order), in the
 * scenario's terms; and the starts, by the log's snapshot ids.
 */
export function logScript(log: readonly LogEvent[]): { readonly events: readonly ScenarioEvent[]; readonly starts: ReadonlyMap<number, LogStart> } {
  const starts = new Map<number, LogStart>();
  const reached = new Set<string>();
  const events: ScenarioEvent[] = [];
  for (const e of log) {
    if (e.kind === 'send') events.push({ kind: 'send', src: e.src, dst: e.dst, tokens: e.tokens, line: e.line });
    else if (e.kind === 'marker-received') reached.add(`${e.snapshot} ${e.dst}`);
    else if (e.kind === 'record' && !reached.has(`${e.snapshot} ${e.server}`) && !starts.has(e.snapshot)) {
      const start = { id: e.snapshot, index: starts.size, server: e.server, line: e.line };
      starts.set(e.snapshot, start);
      events.push({ kind: 'snapshot', server: e.server, id: start.index, line: e.line });
    }
  }
  return { events, starts };
}
