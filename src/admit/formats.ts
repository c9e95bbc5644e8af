// Parsers for the scenario files of the widely taught Go Chandy-Lamport course assignment (a topology, a script of
// events, and the state one snapshot recorded), each in its plain text form and in an equivalent JSON form, for
// `cutcheck admit`. Nothing here runs a scenario: a file that parses is well formed and names only servers and links
// of its topology; whether a recorded snapshot is one the script can produce is the checker's question.
//
// Text forms. Empty lines and lines starting with '#' are skipped, surrounding whitespace is ignored, and fields are
// separated by runs of whitespace (a BOM and CRLF line endings are accepted):
//   topology   N (1 to 64), then N lines 'ID TOKENS', then any number of lines 'SRC DST', one directed link each
//              ('A A', a link from a server to itself, is accepted and dropped)
//   events     'send SRC DST N' | 'snapshot SERVER' | 'tick' | 'tick K', run in order; snapshots are numbered 0, 1, 2 …
//   snapshot   lines told apart by their number of fields: 'ID' (exactly once), 'SERVER TOKENS' (once per server of
//              the topology), 'SRC DST token(N)' (one message in flight; several on a link are in arrival order)
//
// JSON forms, chosen when the first character that is not whitespace is '{' or '['. Keys are strict (an unknown key
// is refused, with the nearest known one), and every value is the text form's, field for field:
//   topology   { "servers": [{ "id": "N1", "tokens": 10 }, …], "links": [["N1", "N2"], …] }
//   events     { "events": [EVENT, …] } or a bare [EVENT, …], each EVENT an object with exactly one key:
//              { "send": ["N1", "N2", 3] }   { "snapshot": "N1" }   { "tick": 1 }
//   snapshot   { "id": 0, "tokens": { "N1": 5, "N2": 3 }, "messages": [{ "src": "N1", "dst": "N2", "tokens": [3, 1] }] }
//              (one entry per link, its tokens in arrival order; an entry with no tokens says nothing and is dropped)
// A JSON event's `line` is its 1-based position in the array. Error paths are 0-based, as JSON paths are: the
// event at events[3] has line 4.
//
// Every refusal is a CC013 error of one line naming the file, the line (or JSON path) and what was expected. The
// checks of meaning (duplicates, unknown servers and links, missing states) are shared by both forms: each form only
// turns its syntax into a list of entries, in file order, each entry or a refusal, and one fold checks them in that
// order, so the first problem reported is the first in the file.

import { type CutcheckError, type Result, describeThrown, err, ok, oneLine } from '../errors.ts';
import { nearestKey } from '../model/strict.ts';
import { MAX_PROCESSES } from '../model/topology.ts';

/** Largest token count a file may name: a bound on absurd values, far above any classroom scenario. */
export const MAX_TOKENS = 1_000_000_000;
/** Largest `tick K`. */
export const MAX_TICKS = 1_000_000_000;
/** Largest snapshot id a recorded snapshot may name. */
export const MAX_SNAPSHOT_ID = 1_000_000_000;
/** Longest server id: ids are echoed in messages and reports, so they stay readable. */
export const MAX_ID_LENGTH = 100;

export interface ScenarioTopology {
  readonly servers: readonly { readonly id: string; readonly tokens: number }[];
  /** Directed links in file order, without self-links. */
  readonly links: readonly { readonly src: string; readonly dst: string }[];
}

export type ScenarioEvent =
  | { readonly kind: 'send'; readonly src: string; readonly dst: string; readonly tokens: number; readonly line: number }
  | { readonly kind: 'snapshot'; readonly server: string; readonly id: number; readonly line: number }
  | { readonly kind: 'tick'; readonly ticks: number; readonly line: number };

export interface RecordedSnapshot {
  readonly file: string;
  readonly id: number;
  /** Each server's recorded tokens, in the topology's server order. */
  readonly tokens: ReadonlyMap<string, number>;
  /** One entry per link that has messages in flight, in the topology's link order; tokens in arrival order. */
  readonly messages: readonly { readonly src: string; readonly dst: string; readonly tokens: readonly number[] }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

export const refuse = <T>(where: string, problem: string): Result<T> => err('CC013', oneLine(`${where}: ${problem}`));
export const pass = <T>(error: CutcheckError): Result<T> => ({ ok: false, error });

/**
 * User text as a message shows it: on one line and clipped. oneLine escapes the C0 controls; the C1 controls and
 * U+2028/U+2029 end a line in some viewers too, so they are escaped here as well.
 */
export const plain = (s: string, max = 60): string =>
  oneLine(s.replace(/[\u0080-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), max);
const quoted = (s: string): string => `'${plain(s)}'`;

const range = (min: number, max: number): string => `a whole number from ${min} to ${max}`;
const count = (n: number, thing: string): string => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** A JSON value as a message shows it: scalars as written, lists and objects by kind (never walked: they may be huge). */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `"${plain(v)}"`;
  if (Array.isArray(v)) return `a list of ${count(v.length, 'item')}`;
  if (typeof v === 'object' && v !== null) return 'an object';
  return plain(String(v));
}

/** A few names, then how many there are in all: a 64-server topology must not make a line of a thousand characters. */
function names(list: readonly string[]): string {
  const shownNames = list.slice(0, 6).map((s) => plain(s, 20));
  return list.length <= 6 ? shownNames.join(', ') : `${shownNames.join(', ')}, … (${list.length} in all)`;
}

export const unknownServer = (id: string, ids: readonly string[]): string => `server ${plain(id)} is not in the topology (servers: ${names(ids)})`;
export const linkName = (src: string, dst: string): string => `${plain(src, 30)}→${plain(dst, 30)}`;

// ---------------------------------------------------------------------------------------------------------------
// Values

/** A whole number written in decimal digits (no sign, point, exponent or 0x) within [min, max], or null. */
function wholeText(s: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(s)) return null;
  // Leading zeros are harmless; past 15 digits a number is above every bound here (and no longer exact as a double).
  const digits = s.replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return null;
  const n = Number(digits);
  return n >= min && n <= max ? n : null;
}

/** A JSON number that is whole and within [min, max], or null; -0 comes back as 0 so both forms give equal values. */
export const wholeJson = (v: unknown, min: number, max: number): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v + 0 : null);

/**
 * What is wrong with a server id, or null. Ids are free-form but must survive both forms and every message: no
 * whitespace (the text form splits on it), no control characters, no leading '#' (the line would be a comment), and
 * no leading '{' or '[' (a snapshot file starting with such a line would be read as JSON).
 */
export function idProblem(id: string): string | null {
  if (id === '') return 'is empty';
  if (/\s/.test(id)) return 'contains whitespace';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return 'contains a control character';
  if (id.startsWith('#')) return "starts with '#', which makes its line a comment in the text form";
  if (id.startsWith('{') || id.startsWith('[')) return `starts with '${id[0]}', which makes a text file starting with it read as JSON`;
  if (id.length > MAX_ID_LENGTH) return `is ${id.length} characters long (at most ${MAX_ID_LENGTH})`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Where an entry came from

/** `where` prefixes a refusal (`events.txt:4`, `events.json: events[3]`); `ref` is how a later refusal points back. */
interface Place {
  readonly where: string;
  readonly ref: string;
}
const textPlace = (file: string, no: number): Place => ({ where: `${file}:${no}`, ref: `on line ${no}` });
const jsonPlace = (file: string, path: string): Place => ({ where: path === '' ? file : `${file}: ${path}`, ref: `at ${path}` });

/** `path` extended by a key: `.key`, `[3]`, or `["N 1"]` for a user's key. */
const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_]\w*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}["${plain(key, 30)}"]`;

// ---------------------------------------------------------------------------------------------------------------
// Text lines

interface Line {
  readonly no: number;
  /** The line without surrounding whitespace. */
  readonly text: string;
  /** At most five fields: no form has more than four, so a fifth already means "too many" (and a 10 MB line is not split). */
  readonly fields: readonly string[];
}

export const withoutBom = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** The lines that say something, numbered from 1. A '\r' before '\n' is whitespace and goes with the trim. */
const contentLines = (text: string): readonly Line[] =>
  text.split('\n').flatMap((raw, i) => {
    const s = raw.trim();
    return s === '' || s.startsWith('#') ? [] : [{ no: i + 1, text: s, fields: s.split(/\s+/, 5) }];
  });

/** A line as a refusal echoes it: runs of whitespace as one space, a long line by its two ends. */
function echoLine(l: Line): string {
  const s = l.text.length <= 200 ? l.text : `${l.text.slice(0, 100)} … ${l.text.slice(-100)}`;
  return quoted(s.replace(/\s+/g, ' '));
}

const field = (l: Line, i: number): string => l.fields[i] ?? '';

// ---------------------------------------------------------------------------------------------------------------
// Topology

interface ServerEntry extends Place {
  readonly id: string;
  readonly tokens: number;
}
interface LinkEntry extends Place {
  readonly src: string;
  readonly dst: string;
}
interface TopologyEntries {
  readonly servers: readonly Result<ServerEntry>[];
  readonly links: readonly Result<LinkEntry>[];
}

const TOKENS_RANGE = range(0, MAX_TOKENS);

function topologyFromText(lines: readonly Line[], file: string): TopologyEntries {
  const [head, ...rest] = lines;
  if (head === undefined)
    return { servers: [refuse(file, `expected the number of servers (${range(1, MAX_PROCESSES)}), but the file has no line that is not empty or a comment`)], links: [] };
  const n = head.fields.length === 1 ? wholeText(field(head, 0), 1, MAX_PROCESSES) : null;
  if (n === null) return { servers: [refuse(`${file}:${head.no}`, `expected the number of servers, ${range(1, MAX_PROCESSES)}, got ${echoLine(head)}`)], links: [] };
  const serverLines = rest.slice(0, n);
  const servers = serverLines.map((l, i): Result<ServerEntry> => {
    const tokens = l.fields.length === 2 ? wholeText(field(l, 1), 0, MAX_TOKENS) : null;
    if (tokens === null)
      return refuse(`${file}:${l.no}`, `expected server ${i + 1} of ${n} as 'ID TOKENS', TOKENS ${TOKENS_RANGE}, got ${echoLine(l)} (line ${head.no} says there ${n === 1 ? 'is' : 'are'} ${count(n, 'server')})`);
    return ok({ ...textPlace(file, l.no), id: field(l, 0), tokens });
  });
  // Too few server lines is found where the count is, after the server lines that are there have been checked.
  const missing = serverLines.length < n ? [refuse<ServerEntry>(`${file}:${head.no}`, `the count says ${count(n, 'server')}, but only ${count(serverLines.length, 'server line')} follow${serverLines.length === 1 ? 's' : ''}`)] : [];
  const links = rest.slice(n).map((l): Result<LinkEntry> =>
    l.fields.length === 2 ? ok({ ...textPlace(file, l.no), src: field(l, 0), dst: field(l, 1) }) : refuse(`${file}:${l.no}`, `expected a link 'SRC DST', got ${echoLine(l)}`),
  );
  return { servers: [...servers, ...missing], links };
}

export const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with an object's keys (unknown, with the nearest known one; or missing), or null. */
export function keysProblem(o: Readonly<Record<string, unknown>>, known: readonly string[], required: readonly string[]): string | null {
  for (const k of Object.keys(o)) {
    if (known.includes(k)) continue;
    const near = nearestKey(k, known);
    return `unknown key "${plain(k, 30)}"; ${near !== undefined ? `did you mean "${near}"?` : `expected ${known.map((x) => `"${x}"`).join(', ')}`}`;
  }
  const absent = required.find((k) => !Object.hasOwn(o, k));
  return absent === undefined ? null : `missing key "${absent}"`;
}

const TOPOLOGY_SHAPE = '{ "servers": [{ "id": ID, "tokens": N }, …], "links": [[SRC, DST], …] }';

function topologyFromJson(v: unknown, file: string): TopologyEntries {
  const fail = (path: string, problem: string): TopologyEntries => ({ servers: [refuse(jsonPlace(file, path).where, problem)], links: [] });
  if (!isObject(v)) return fail('', `expected a topology ${TOPOLOGY_SHAPE}, got ${shown(v)}`);
  const keys = keysProblem(v, ['servers', 'links'], ['servers', 'links']);
  if (keys !== null) return fail('', `${keys} (a topology is ${TOPOLOGY_SHAPE})`);
  const [servers, links] = [v['servers'], v['links']];
  if (!Array.isArray(servers)) return fail('servers', `expected a list of { "id": ID, "tokens": N }, got ${shown(servers)}`);
  if (servers.length < 1 || servers.length > MAX_PROCESSES) return fail('servers', `expected from 1 to ${MAX_PROCESSES} servers, got ${servers.length}`);
  if (!Array.isArray(links)) return fail('links', `expected a list of [SRC, DST] pairs, got ${shown(links)}`);
  return {
    servers: servers.map((s: unknown, i): Result<ServerEntry> => {
      const place = jsonPlace(file, at('servers', i));
      if (!isObject(s)) return refuse(place.where, `expected a server { "id": ID, "tokens": N }, got ${shown(s)}`);
      const bad = keysProblem(s, ['id', 'tokens'], ['id', 'tokens']);
      if (bad !== null) return refuse(place.where, bad);
      if (typeof s['id'] !== 'string') return refuse(`${place.where}.id`, `expected a server id (a string), got ${shown(s['id'])}`);
      const tokens = wholeJson(s['tokens'], 0, MAX_TOKENS);
      if (tokens === null) return refuse(`${place.where}.tokens`, `expected ${TOKENS_RANGE}, got ${shown(s['tokens'])}`);
      return ok({ ...place, id: s['id'], tokens });
    }),
    links: links.map((l: unknown, i): Result<LinkEntry> => {
      const place = jsonPlace(file, at('links', i));
      if (!Array.isArray(l) || l.length !== 2 || typeof l[0] !== 'string' || typeof l[1] !== 'string')
        return refuse(place.where, `expected a link [SRC, DST], two server ids, got ${Array.isArray(l) && l.length === 2 ? `[${shown(l[0])}, ${shown(l[1])}]` : shown(l)}`);
      return ok({ ...place, src: l[0], dst: l[1] });
    }),
  };
}

function assembleTopology(entries: TopologyEntries): Result<ScenarioTopology> {
  const serverAt = new Map<string, string>();
  const servers: { id: string; tokens: number }[] = [];
  for (const r of entries.servers) {
    if (!r.ok) return pass(r.error);
    const s = r.value;
    const bad = idProblem(s.id);
    if (bad !== null) return refuse(s.where, `server id ${quoted(s.id)} ${bad}`);
    const first = serverAt.get(s.id);
    if (first !== undefined) return refuse(s.where, `server ${plain(s.id)} is listed twice (first ${first})`);
    serverAt.set(s.id, s.ref);
    servers.push({ id: s.id, tokens: s.tokens });
  }
  const ids = servers.map((s) => s.id);
  const linkAt = new Map<string, Map<string, string>>();
  const links: { src: string; dst: string }[] = [];
  for (const r of entries.links) {
    if (!r.ok) return pass(r.error);
    const l = r.value;
    const unknown = [l.src, l.dst].find((id) => !serverAt.has(id));
    if (unknown !== undefined) return refuse(l.where, unknownServer(unknown, ids));
    // The assignment's topologies may list a server's link to itself; a server never sends to itself, so it goes.
    if (l.src === l.dst) continue;
    const from = linkAt.get(l.src) ?? new Map<string, string>();
    const first = from.get(l.dst);
    if (first !== undefined) return refuse(l.where, `link ${linkName(l.src, l.dst)} is listed twice (first ${first})`);
    linkAt.set(l.src, from.set(l.dst, l.ref));
    links.push({ src: l.src, dst: l.dst });
  }
  return ok({ servers, links });
}

// ---------------------------------------------------------------------------------------------------------------
// What the later files check against

export interface Index {
  readonly ids: readonly string[];
  readonly servers: ReadonlySet<string>;
  /** Link position in the topology, by sender then receiver. */
  readonly links: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export function indexOf(t: ScenarioTopology): Index {
  const links = new Map<string, Map<string, number>>();
  t.links.forEach((l, i) => links.set(l.src, (links.get(l.src) ?? new Map<string, number>()).set(l.dst, i)));
  const ids = t.servers.map((s) => s.id);
  return { ids, servers: new Set(ids), links };
}

/** The position of link src→dst, or what is wrong with naming it (an unknown server, or no such link). */
export function linkProblem(ix: Index, src: string, dst: string): number | string {
  const unknown = [src, dst].find((id) => !ix.servers.has(id));
  if (unknown !== undefined) return unknownServer(unknown, ix.ids);
  const i = ix.links.get(src)?.get(dst);
  if (i !== undefined) return i;
  const out = [...(ix.links.get(src)?.keys() ?? [])];
  return `the topology has no link ${linkName(src, dst)} (${out.length === 0 ? `${plain(src)} has no outgoing link` : `links from ${plain(src)} go to ${names(out)}`})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

type EventEntry = Place & { readonly line: number } & (
    | { readonly kind: 'send'; readonly src: string; readonly dst: string; readonly tokens: number }
    | { readonly kind: 'snapshot'; readonly server: string }
    | { readonly kind: 'tick'; readonly ticks: number }
  );

const EVENT_FORMS = "'send SRC DST N', 'snapshot SERVER' or 'tick [K]'";
const SEND_TOKENS = `the token count must be ${range(1, MAX_TOKENS)}`;
const TICKS = `K must be ${range(1, MAX_TICKS)}`;

function eventFromLine(l: Line, file: string): Result<EventEntry> {
  const place = { ...textPlace(file, l.no), line: l.no };
  const [command] = l.fields;
  const n = l.fields.length;
  if (command === 'send') {
    if (n !== 4) return refuse(place.where, `expected 'send SRC DST N', got ${echoLine(l)}`);
    const tokens = wholeText(field(l, 3), 1, MAX_TOKENS);
    if (tokens === null) return refuse(place.where, `${SEND_TOKENS}, got ${quoted(field(l, 3))}`);
    return ok({ ...place, kind: 'send', src: field(l, 1), dst: field(l, 2), tokens });
  }
  if (command === 'snapshot') {
    if (n !== 2) return refuse(place.where, `expected 'snapshot SERVER', got ${echoLine(l)}`);
    return ok({ ...place, kind: 'snapshot', server: field(l, 1) });
  }
  if (command === 'tick') {
    if (n > 2) return refuse(place.where, `expected 'tick' or 'tick K', got ${echoLine(l)}`);
    const ticks = n === 1 ? 1 : wholeText(field(l, 1), 1, MAX_TICKS);
    if (ticks === null) return refuse(place.where, `${TICKS}, got ${quoted(field(l, 1))}`);
    return ok({ ...place, kind: 'tick', ticks });
  }
  return refuse(place.where, `expected ${EVENT_FORMS}, got ${echoLine(l)}`);
}

const EVENT_SHAPES = '{ "send": [SRC, DST, N] }, { "snapshot": SERVER } or { "tick": K }';
const EVENT_KEYS = ['send', 'snapshot', 'tick'] as const;

function eventFromJson(v: unknown, file: string, path: string, i: number): Result<EventEntry> {
  const place = { ...jsonPlace(file, path), line: i + 1 };
  if (!isObject(v)) return refuse(place.where, `expected one of ${EVENT_SHAPES}, got ${shown(v)}`);
  const bad = keysProblem(v, EVENT_KEYS, []);
  if (bad !== null) return refuse(place.where, bad);
  const keys = Object.keys(v);
  if (keys.length !== 1) return refuse(place.where, `expected exactly one of "send", "snapshot" or "tick", got ${keys.length === 0 ? 'an object with no key' : keys.map((k) => `"${k}"`).join(' and ')}`);
  const where = (...keys: (string | number)[]): string => jsonPlace(file, keys.reduce<string>(at, path)).where;
  const send = v['send'];
  if (send !== undefined) {
    if (!Array.isArray(send) || send.length !== 3) return refuse(where('send'), `expected [SRC, DST, N], got ${shown(send)}`);
    const [src, dst, n] = send as readonly unknown[];
    if (typeof src !== 'string') return refuse(where('send', 0), `expected a server id (a string), got ${shown(src)}`);
    if (typeof dst !== 'string') return refuse(where('send', 1), `expected a server id (a string), got ${shown(dst)}`);
    const tokens = wholeJson(n, 1, MAX_TOKENS);
    if (tokens === null) return refuse(where('send', 2), `${SEND_TOKENS}, got ${shown(n)}`);
    return ok({ ...place, kind: 'send', src, dst, tokens });
  }
  const server = v['snapshot'];
  if (server !== undefined) {
    if (typeof server !== 'string') return refuse(where('snapshot'), `expected a server id (a string), got ${shown(server)}`);
    return ok({ ...place, kind: 'snapshot', server });
  }
  const ticks = wholeJson(v['tick'], 1, MAX_TICKS);
  if (ticks === null) return refuse(where('tick'), `${TICKS}, got ${shown(v['tick'])}`);
  return ok({ ...place, kind: 'tick', ticks });
}

function eventsFromJson(v: unknown, file: string): readonly Result<EventEntry>[] {
  if (Array.isArray(v)) return v.map((e: unknown, i) => eventFromJson(e, file, at('', i), i));
  if (!isObject(v)) return [refuse(file, `expected { "events": [EVENT, …] } or [EVENT, …], got ${shown(v)}`)];
  const bad = keysProblem(v, ['events'], ['events']);
  if (bad !== null) return [refuse(file, `${bad} (events are { "events": [EVENT, …] } or [EVENT, …])`)];
  const list = v['events'];
  if (!Array.isArray(list)) return [refuse(jsonPlace(file, 'events').where, `expected a list of events, each one of ${EVENT_SHAPES}, got ${shown(list)}`)];
  return list.map((e: unknown, i) => eventFromJson(e, file, at('events', i), i));
}

function assembleEvents(topology: ScenarioTopology, entries: readonly Result<EventEntry>[]): Result<readonly ScenarioEvent[]> {
  const ix = indexOf(topology);
  const events: ScenarioEvent[] = [];
  let snapshots = 0;
  for (const r of entries) {
    if (!r.ok) return pass(r.error);
    const e = r.value;
    if (e.kind === 'send') {
      const link = linkProblem(ix, e.src, e.dst);
      if (typeof link === 'string') return refuse(e.where, link);
      events.push({ kind: 'send', src: e.src, dst: e.dst, tokens: e.tokens, line: e.line });
    } else if (e.kind === 'snapshot') {
      if (!ix.servers.has(e.server)) return refuse(e.where, unknownServer(e.server, ix.ids));
      events.push({ kind: 'snapshot', server: e.server, id: snapshots++, line: e.line });
    } else events.push({ kind: 'tick', ticks: e.ticks, line: e.line });
  }
  return ok(events);
}

// ---------------------------------------------------------------------------------------------------------------
// Recorded snapshot

type SnapshotEntry = Place &
  (
    | { readonly kind: 'id'; readonly id: number }
    | { readonly kind: 'state'; readonly server: string; readonly tokens: number }
    /** A run of messages on one link, in arrival order: one token for a text line, a whole list for a JSON entry. */
    | { readonly kind: 'messages'; readonly src: string; readonly dst: string; readonly tokens: readonly number[] }
  );

const SNAPSHOT_ID = `the snapshot id must be ${range(0, MAX_SNAPSHOT_ID)}`;
const MESSAGE_TOKENS = `${range(1, MAX_TOKENS)} (a message carries what one send sent)`;

function snapshotEntryFromLine(l: Line, file: string): Result<SnapshotEntry> {
  const place = textPlace(file, l.no);
  const n = l.fields.length;
  if (n === 1) {
    const id = wholeText(field(l, 0), 0, MAX_SNAPSHOT_ID);
    return id === null ? refuse(place.where, `${SNAPSHOT_ID}, got ${echoLine(l)}`) : ok({ ...place, kind: 'id', id });
  }
  if (n === 2) {
    const tokens = wholeText(field(l, 1), 0, MAX_TOKENS);
    return tokens === null ? refuse(place.where, `expected a recorded state 'SERVER TOKENS', TOKENS ${TOKENS_RANGE}, got ${echoLine(l)}`) : ok({ ...place, kind: 'state', server: field(l, 0), tokens });
  }
  if (n === 3) {
    const m = /^token\((\d+)\)$/.exec(field(l, 2));
    const tokens = m === null ? null : wholeText(m[1] ?? '', 1, MAX_TOKENS);
    if (tokens === null) return refuse(place.where, `expected a message in flight as 'token(N)', N ${MESSAGE_TOKENS}, got ${quoted(field(l, 2))}`);
    return ok({ ...place, kind: 'messages', src: field(l, 0), dst: field(l, 1), tokens: [tokens] });
  }
  return refuse(place.where, `expected the snapshot id 'ID', a recorded state 'SERVER TOKENS' or a message in flight 'SRC DST token(N)', got ${echoLine(l)}`);
}

const SNAPSHOT_SHAPE = '{ "id": ID, "tokens": { SERVER: N, … }, "messages": [{ "src": SRC, "dst": DST, "tokens": [N, …] }, …] }';

function messagesFromJson(list: readonly unknown[], file: string): Result<SnapshotEntry>[] {
  const seen = new Map<string, Map<string, string>>();
  return list.map((m: unknown, i): Result<SnapshotEntry> => {
    const path = at('messages', i);
    const place = jsonPlace(file, path);
    if (!isObject(m)) return refuse(place.where, `expected { "src": SRC, "dst": DST, "tokens": [N, …] }, got ${shown(m)}`);
    const bad = keysProblem(m, ['src', 'dst', 'tokens'], ['src', 'dst', 'tokens']);
    if (bad !== null) return refuse(place.where, bad);
    const [src, dst, tokens] = [m['src'], m['dst'], m['tokens']];
    if (typeof src !== 'string') return refuse(`${place.where}.src`, `expected a server id (a string), got ${shown(src)}`);
    if (typeof dst !== 'string') return refuse(`${place.where}.dst`, `expected a server id (a string), got ${shown(dst)}`);
    if (!Array.isArray(tokens)) return refuse(`${place.where}.tokens`, `expected the messages' tokens in arrival order, [N, …], got ${shown(tokens)}`);
    const values = tokens.map((t: unknown) => wholeJson(t, 1, MAX_TOKENS));
    const wrong = values.indexOf(null);
    if (wrong >= 0) return refuse(`${place.where}.tokens[${wrong}]`, `expected ${MESSAGE_TOKENS}, got ${shown(tokens[wrong])}`);
    // One entry per link keeps the JSON form canonical, as the tokens object is (one key per server).
    const from = seen.get(src) ?? new Map<string, string>();
    const first = from.get(dst);
    if (first !== undefined) return refuse(place.where, `link ${linkName(src, dst)} already has an entry ${first}; list all its messages there, in arrival order`);
    seen.set(src, from.set(dst, place.ref));
    return ok({ ...place, kind: 'messages', src, dst, tokens: values as number[] });
  });
}

function snapshotFromJson(v: unknown, file: string): readonly Result<SnapshotEntry>[] {
  if (!isObject(v)) return [refuse(file, `expected a snapshot ${SNAPSHOT_SHAPE}, got ${shown(v)}`)];
  const bad = keysProblem(v, ['id', 'tokens', 'messages'], ['id', 'tokens', 'messages']);
  if (bad !== null) return [refuse(file, `${bad} (a snapshot is ${SNAPSHOT_SHAPE})`)];
  const id = wholeJson(v['id'], 0, MAX_SNAPSHOT_ID);
  const [tokens, messages] = [v['tokens'], v['messages']];
  if (id === null) return [refuse(jsonPlace(file, 'id').where, `${SNAPSHOT_ID}, got ${shown(v['id'])}`)];
  if (!isObject(tokens)) return [refuse(jsonPlace(file, 'tokens').where, `expected each server's recorded tokens, { SERVER: N, … }, got ${shown(tokens)}`)];
  if (!Array.isArray(messages)) return [refuse(jsonPlace(file, 'messages').where, `expected a list of { "src": SRC, "dst": DST, "tokens": [N, …] }, got ${shown(messages)}`)];
  // JSON.parse keeps the last of two equal keys, so a server named twice in "tokens" cannot be seen here.
  const states = Object.entries(tokens).map(([server, n]): Result<SnapshotEntry> => {
    const place = jsonPlace(file, at('tokens', server));
    const value = wholeJson(n, 0, MAX_TOKENS);
    return value === null ? refuse(place.where, `expected ${TOKENS_RANGE}, got ${shown(n)}`) : ok({ ...place, kind: 'state', server, tokens: value });
  });
  return [ok({ ...jsonPlace(file, 'id'), kind: 'id', id }), ...states, ...messagesFromJson(messages, file)];
}

function assembleSnapshot(file: string, topology: ScenarioTopology, entries: readonly Result<SnapshotEntry>[]): Result<RecordedSnapshot> {
  const ix = indexOf(topology);
  let id: { readonly value: number; readonly ref: string } | null = null;
  const recorded = new Map<string, { readonly tokens: number; readonly ref: string }>();
  const inFlight: number[][] = topology.links.map(() => []);
  for (const r of entries) {
    if (!r.ok) return pass(r.error);
    const e = r.value;
    if (e.kind === 'id') {
      if (id !== null) return refuse(e.where, `a second snapshot id (the first is ${id.ref}); a snapshot file records one snapshot`);
      id = { value: e.id, ref: e.ref };
    } else if (e.kind === 'state') {
      if (!ix.servers.has(e.server)) return refuse(e.where, unknownServer(e.server, ix.ids));
      const first = recorded.get(e.server);
      if (first !== undefined) return refuse(e.where, `server ${plain(e.server)} is recorded twice (first ${first.ref})`);
      recorded.set(e.server, { tokens: e.tokens, ref: e.ref });
    } else {
      const link = linkProblem(ix, e.src, e.dst);
      if (typeof link === 'string') return refuse(e.where, link);
      inFlight[link]?.push(...e.tokens);
    }
  }
  if (id === null) return refuse(file, 'no snapshot id: expected one line holding just the snapshot id, a whole number');
  const missing = ix.ids.filter((s) => !recorded.has(s));
  if (missing.length > 0)
    return refuse(file, `${missing.length === 1 ? 'server' : 'servers'} ${names(missing)} ${missing.length === 1 ? 'has' : 'have'} no recorded state (every server of the topology needs one)`);
  return ok({
    file,
    id: id.value,
    tokens: new Map(ix.ids.map((s) => [s, recorded.get(s)?.tokens ?? 0])),
    messages: topology.links.flatMap((l, i) => {
      const tokens = inFlight[i] ?? [];
      return tokens.length === 0 ? [] : [{ src: l.src, dst: l.dst, tokens }];
    }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The parsers

/**
 * JSON when the first character that is not whitespace opens an object or a list. No text file starts so: its first
 * line that says something is a count, a command, a snapshot id, or starts with a server id (never '{' or '[').
 */
const isJson = (body: string): boolean => /^\s*[[{]/.test(body);

function parseJson(body: string, file: string): Result<unknown> {
  try {
    return ok(JSON.parse(body));
  } catch (e) {
    return refuse(file, `not valid JSON (${plain(describeThrown(e), 200)})`);
  }
}

/** Reads a file's text in whichever form it is in: `text` gets its content lines, `json` its parsed value. */
function read<T>(text: string, file: string, fromText: (lines: readonly Line[]) => T, fromJson: (v: unknown) => T, failed: (r: CutcheckError) => T): T {
  const body = withoutBom(text);
  if (!isJson(body)) return fromText(contentLines(body));
  const json = parseJson(body, file);
  return json.ok ? fromJson(json.value) : failed(json.error);
}

/** A topology file, text or JSON: its servers with their initial tokens, and its links (self-links dropped). */
export function parseTopology(text: string, file: string): Result<ScenarioTopology> {
  return assembleTopology(
    read(text, file, (lines) => topologyFromText(lines, file), (v) => topologyFromJson(v, file), (e) => ({ servers: [pass(e)], links: [] })),
  );
}

/**
 * An events file, text or JSON, against its topology: every server and link an event names exists. Snapshots are
 * numbered 0, 1, 2 … in the order they appear. Comment lines are allowed in the text form too: no event starts with '#'.
 */
export function parseEvents(text: string, file: string, topology: ScenarioTopology): Result<readonly ScenarioEvent[]> {
  return assembleEvents(topology, read(text, file, (lines) => lines.map((l) => eventFromLine(l, file)), (v) => eventsFromJson(v, file), (e) => [pass(e)]));
}

/**
 * A recorded snapshot file, text or JSON, against its topology: one id, a recorded state for every server, and the
 * messages recorded in flight on existing links. Comment lines are allowed in the text form, as in the others.
 */
export function parseSnapshot(text: string, file: string, topology: ScenarioTopology): Result<RecordedSnapshot> {
  return assembleSnapshot(file, topology, read(text, file, (lines) => lines.map((l) => snapshotEntryFromLine(l, file)), (v) => snapshotFromJson(v, file), (e) => [pass(e)]));
}

/** A recorded snapshot given as the JSON form's value (a log's collected snapshot, src/admit/log-format.ts); `file` names where it was. */
export function snapshotFromValue(v: unknown, file: string, topology: ScenarioTopology): Result<RecordedSnapshot> {
  return assembleSnapshot(file, topology, snapshotFromJson(v, file));
}
