// A checkpoint of verify's product search, as TLC takes them: the search between two levels (visited set, trail,
// the next level's states, the events already handed over) with what verify had gathered by then (the distinct
// cuts, the violations noted, the counts), so that a search killed later is taken up from it and reports the
// same facts. This module is the data and its byte layout; reading and writing files is the caller's.

import { createHash } from 'node:crypto';
import { fromJS, hash } from 'immutable';
import { type Result, err, ok } from '../errors.ts';
import type { SearchImage, Segments } from '../explore/search.ts';
import type { Interner } from '../system/intern.ts';
import type { ProductSystem } from '../system/system.ts';
import type { VerifyResult } from './result.ts';
import type { Pending } from './violations.ts';

/** Bumped whenever the layout changes: a checkpoint of another version is refused, not misread. */
export const CHECKPOINT_VERSION = 1;
const MAGIC = 'cutcheck checkpoint\n';

/** What verify had gathered when the checkpoint was taken, besides the distinct cuts. */
export interface ObserverState {
  readonly completions: number;
  readonly shortestInconsistent: number | null;
  readonly example: { readonly parent: number; readonly code: number; readonly rich: boolean } | null;
  readonly pending: readonly Pending[];
  /** Snapshots one after another: per snapshot id, its cut ids, those recorded inconsistently, its shortest such run. */
  readonly perId: readonly (readonly [number, readonly number[], readonly number[], number | null])[] | null;
  /** A shard's cut fingerprints, by cut id. */
  readonly cutFps: readonly string[] | null;
}

/** The settings a resumed search must share with the one it takes up (the others, such as bounds and threads, may change). */
export interface CheckpointSettings {
  /** The channel capacity the search had grown to, and the limit it may grow to. */
  readonly capacity: number;
  readonly capacityLimit: number;
  readonly stopAtFirst: boolean;
  readonly partialOrder: boolean;
  readonly symmetry: boolean;
  readonly example: boolean;
  readonly shard: { readonly index: number; readonly count: number; readonly splitAt?: number } | null;
}

export interface Checkpoint {
  readonly version: number;
  readonly model: VerifyResult['model'];
  readonly settings: CheckpointSettings;
  /** The workload's and algorithm's interned values (see tablesDigest): the ids in the saved states mean the same. */
  readonly tables: string;
  /** Wall-clock time of verify so far, over every run that took part. */
  readonly elapsedMs: number;
  /** When it was taken (ISO 8601). */
  readonly savedAt: string;
  readonly observer: ObserverState;
  /** The distinct cuts by id: fingerprint words, index in R (-1: not in R), and whether some run recorded it inconsistently. */
  readonly cuts: { readonly hi: Uint32Array; readonly lo: Uint32Array; readonly inR: Int32Array; readonly bad: Uint8Array };
  readonly search: SearchImage;
}

/**
 * The values the saved states' ids stand for: the workload's local states and messages, and the algorithm's
 * states, channel states, payloads and piggybacks, in id order. A resumed search must give every value the id
 * it had; this digest says whether it does.
 */
export function tablesDigest(sys: ProductSystem): string {
  const h = createHash('sha256');
  const add = (name: string, interner: Interner<unknown>): void => {
    h.update(`${name}:${interner.values.length}:`);
    for (const v of interner.values) h.update(`${hash(fromJS(v))},`);
  };
  add('locals', sys.table.locals);
  add('payloads', sys.table.payloads);
  add('procs', sys.alg.procs);
  add('channels', sys.alg.channels);
  add('alg-payloads', sys.alg.payloads);
  add('piggybacks', sys.alg.piggybacks);
  return h.digest('hex').slice(0, 32);
}

/** The byte sections of a checkpoint, in file order. */
const SECTIONS = ['set', 'runs', 'ordinals', 'frontier', 'carry', 'events', 'cutsHi', 'cutsLo', 'cutsInR', 'cutsBad'] as const;
type Section = (typeof SECTIONS)[number];

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const pad = (n: number): number => (8 - (n % 8)) % 8;

/**
 * The checkpoint as the chunks of its file, in order: a magic line, the header's length and JSON text (with `extra`,
 * the caller's own JSON), then each section padded to 8 bytes. The chunks are views of the search's memory: write
 * them before the search goes on.
 */
export function encodeCheckpoint(cp: Checkpoint, extra: unknown): Uint8Array[] {
  const s = cp.search;
  const sections: Record<Section, Uint8Array> = {
    set: s.set.table,
    runs: s.trail.runs,
    ordinals: s.trail.ordinals,
    frontier: s.frontier.bytes,
    carry: s.carry?.bytes ?? new Uint8Array(0),
    events: s.events.distinct?.table ?? new Uint8Array(0),
    cutsHi: bytesOf(cp.cuts.hi),
    cutsLo: bytesOf(cp.cuts.lo),
    cutsInR: bytesOf(cp.cuts.inR),
    cutsBad: cp.cuts.bad,
  };
  const header = {
    version: cp.version,
    model: cp.model,
    settings: cp.settings,
    tables: cp.tables,
    elapsedMs: cp.elapsedMs,
    savedAt: cp.savedAt,
    observer: cp.observer,
    cuts: cp.cuts.hi.length,
    search: {
      depth: s.depth,
      base: s.base,
      transitions: s.transitions,
      elapsedMs: s.elapsedMs,
      set: { slots: s.set.slots, size: s.set.size },
      trail: { closed: s.trail.closed, big: s.trail.big },
      frontier: { counts: s.frontier.counts, lengths: s.frontier.lengths },
      carry: s.carry === null ? null : { counts: s.carry.counts, lengths: s.carry.lengths },
      events: { delivered: s.events.delivered, distinct: s.events.distinct === null ? null : { slots: s.events.distinct.slots, size: s.events.distinct.size } },
      shard: s.shard,
    },
    sections: SECTIONS.map((name) => sections[name].byteLength),
    extra,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(MAGIC.length + 8);
  head.set(new TextEncoder().encode(MAGIC));
  new DataView(head.buffer).setFloat64(MAGIC.length, json.length, true);
  const chunks: Uint8Array[] = [head, json, new Uint8Array(pad(json.length))];
  for (const name of SECTIONS) chunks.push(sections[name], new Uint8Array(pad(sections[name].byteLength)));
  return chunks;
}

/** Reads `length` bytes at `position` of the file (fewer at its end). */
export type ReadAt = (position: number, length: number) => Uint8Array;

/** A checkpoint and the caller's `extra`, from a reader of its file of `size` bytes; one line saying what is wrong otherwise. */
export function decodeCheckpoint(read: ReadAt, size: number): Result<{ checkpoint: Checkpoint; extra: unknown }> {
  const bad = (what: string): Result<never> => err('CC014', `not a checkpoint cutcheck can take up: ${what}`);
  const head = read(0, MAGIC.length + 8);
  if (head.length < MAGIC.length + 8 || new TextDecoder().decode(head.subarray(0, MAGIC.length)) !== MAGIC)
    return bad("it does not start as a checkpoint does (written by 'cutcheck verify --checkpoint FILE')");
  const jsonLength = new DataView(head.buffer, head.byteOffset).getFloat64(MAGIC.length, true);
  if (!Number.isInteger(jsonLength) || jsonLength < 2 || MAGIC.length + 8 + jsonLength > size) return bad('its header is cut short');
  let h: Record<string, unknown>;
  try {
    h = JSON.parse(new TextDecoder().decode(read(MAGIC.length + 8, jsonLength))) as Record<string, unknown>;
  } catch {
    return bad('its header is not JSON');
  }
  if (typeof h !== 'object' || h === null) return bad('its header is not an object');
  if (h['version'] !== CHECKPOINT_VERSION) return bad(`it is of version ${String(h['version'])}, and this cutcheck reads version ${CHECKPOINT_VERSION}`);
  const lengths = h['sections'];
  if (!Array.isArray(lengths) || lengths.length !== SECTIONS.length || lengths.some((n) => !Number.isSafeInteger(n) || (n as number) < 0)) return bad('its list of sections is malformed');
  let at = MAGIC.length + 8 + jsonLength + pad(jsonLength);
  const sections = {} as Record<Section, Uint8Array>;
  for (const [i, name] of SECTIONS.entries()) {
    const n = lengths[i] as number;
    if (at + n > size) return bad(`it is cut short (the ${name} section ends past the file's ${size} bytes): was it written completely?`);
    sections[name] = read(at, n);
    at += n + pad(n);
  }
  try {
    return ok({ checkpoint: fromHeader(h, sections), extra: h['extra'] });
  } catch (e) {
    return bad(e instanceof Error ? e.message : String(e));
  }
}

const words = <T>(bytes: Uint8Array, make: (b: ArrayBuffer, at: number, n: number) => T, size: number): T => {
  if (bytes.byteLength % size !== 0) throw new Error('a section is not a whole number of words');
  // A copy aligned for the words (a read section may start anywhere in its buffer).
  const copy = bytes.slice();
  return make(copy.buffer, 0, bytes.byteLength / size);
};

/** The header's fields, checked as far as a mistake would mislead the search rather than stop it at once. */
function fromHeader(h: Record<string, unknown>, sec: Record<Section, Uint8Array>): Checkpoint {
  const need = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(what);
  };
  const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  const obj = (v: unknown): Record<string, unknown> => {
    need(typeof v === 'object' && v !== null && !Array.isArray(v), 'a field of its header is not an object');
    return v as Record<string, unknown>;
  };
  const s = obj(h['search']);
  const set = obj(s['set']);
  const trail = obj(s['trail']);
  const frontier = obj(s['frontier']);
  const events = obj(s['events']);
  const observer = obj(h['observer']);
  const settings = obj(h['settings']);
  need(count(s['depth']) && count(s['base']) && count(s['transitions']) && typeof s['elapsedMs'] === 'number', 'its search counts are malformed');
  need(count(set['slots']) && count(set['size']) && count(trail['closed']) && Array.isArray(trail['big']), 'its visited set or trail is malformed');
  need(trail['closed'] === s['base'] && sec.runs.length === s['base'] && sec.ordinals.length === s['base'], 'its trail does not cover the states before the saved level');
  const segments = (v: unknown, bytes: Uint8Array, what: string): Segments => {
    const o = obj(v);
    const counts = o['counts'];
    const lengths = o['lengths'];
    need(Array.isArray(counts) && Array.isArray(lengths) && counts.length === lengths.length && counts.every(count) && lengths.every(count), `its ${what} is malformed`);
    need((lengths as number[]).reduce((a, b) => a + b, 0) === bytes.length, `its ${what} bytes do not match their segments`);
    return { bytes, counts: counts as number[], lengths: lengths as number[] };
  };
  const front = segments(frontier, sec.frontier, 'frontier');
  const carry = s['carry'] === null ? null : segments(s['carry'], sec.carry, 'carry');
  need(carry !== null || sec.carry.length === 0, 'its carry bytes belong to no segments');
  const distinct = events['distinct'];
  need(count(events['delivered']) && (distinct === null || (count(obj(distinct)['slots']) && count(obj(distinct)['size']))), 'its events are malformed');
  const cuts = h['cuts'];
  need(count(cuts) && sec.cutsHi.length === 4 * cuts && sec.cutsLo.length === 4 * cuts && sec.cutsInR.length === 4 * cuts && sec.cutsBad.length === cuts, 'its cuts are malformed');
  need(count(observer['completions']) && Array.isArray(observer['pending']), 'its counts of what the search found are malformed');
  need(count(settings['capacity']) && count(settings['capacityLimit']) && typeof settings['stopAtFirst'] === 'boolean', 'its settings are malformed');
  need(typeof h['tables'] === 'string' && typeof h['elapsedMs'] === 'number' && typeof h['model'] === 'object' && h['model'] !== null, 'its model is not named');
  const shard = s['shard'];
  const d = distinct === null ? null : obj(distinct);
  return {
    version: CHECKPOINT_VERSION,
    model: h['model'] as VerifyResult['model'],
    settings: settings as unknown as CheckpointSettings,
    tables: h['tables'] as string,
    elapsedMs: h['elapsedMs'] as number,
    savedAt: String(h['savedAt']),
    observer: observer as unknown as ObserverState,
    cuts: {
      hi: words(sec.cutsHi, (b, at, n) => new Uint32Array(b, at, n), 4),
      lo: words(sec.cutsLo, (b, at, n) => new Uint32Array(b, at, n), 4),
      inR: words(sec.cutsInR, (b, at, n) => new Int32Array(b, at, n), 4),
      bad: sec.cutsBad,
    },
    search: {
      depth: s['depth'] as number,
      base: s['base'] as number,
      transitions: s['transitions'] as number,
      elapsedMs: s['elapsedMs'] as number,
      set: { slots: set['slots'] as number, size: set['size'] as number, table: sec.set },
      trail: { closed: trail['closed'] as number, runs: sec.runs, ordinals: sec.ordinals, big: trail['big'] as number[] },
      frontier: front,
      carry,
      events: { delivered: events['delivered'] as number, distinct: d === null ? null : { slots: d['slots'] as number, size: d['size'] as number, table: sec.events } },
      shard: shard === null || shard === undefined ? null : (shard as SearchImage['shard']),
    },
  };
}
