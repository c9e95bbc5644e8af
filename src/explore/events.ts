// Hands an event to an observer, and, under symmetry, every image of it: the search keeps one state per orbit,
// so the observer must still see each image g(next) of a step, under the id of g(parent) (a virtual id: real
// id + g·2^32, which the trail's `pathTo` maps back) and with the image step's code.

import type { Observer } from './search.ts';
import { type Symmetry, permute } from './expander.ts';
import { ADDED, FULL, FingerprintSet, type SetImage } from './fpset.ts';
import type { ByteStream } from './memory.ts';
import { AT, getVarint, getVector, putVarint, putVector, unzigzag, zigzag } from './records.ts';
import { Keys, ZH, fullHash } from './zobrist.ts';

/** Ids at and above this name the image of a stored state under a symmetry. */
export const VIRTUAL = 2 ** 32;
export const virtualId = (id: number, g: number): number => id + (g + 1) * VIRTUAL;

export class EventFanout {
  private readonly imaged: Int32Array;
  private readonly seen: number[] = [];
  private readonly keys: Keys;
  /** Fingerprints of the event vectors already handed over, when only distinct ones are. */
  private distinct: FingerprintSet | null;
  /** Events handed to the observer, images included. */
  delivered = 0;

  constructor(
    readonly observer: Pick<Observer, 'onEvent'>,
    readonly symmetry: Symmetry | null,
    width: number,
    /**
     * Hand each distinct event vector over once only, the first time (so at its least depth). Sound for observers
     * whose verdict on an event is a function of the vector, that keep the first of equal findings (verify's is).
     */
    distinct = false,
  ) {
    this.imaged = new Int32Array(width);
    this.keys = new Keys(width);
    this.distinct = distinct ? FingerprintSet.create(1 << 12, false) : null;
  }

  /** The events already handed over, for a checkpoint (null: every event is handed over). */
  image(): { readonly delivered: number; readonly distinct: SetImage | null } {
    return { delivered: this.delivered, distinct: this.distinct?.image() ?? null };
  }

  /** Takes up where the fan-out `image` was taken from stopped. */
  restore(image: { readonly delivered: number; readonly distinct: SetImage | null }): void {
    if ((image.distinct === null) !== (this.distinct === null)) throw new RangeError('a saved fan-out hands over distinct events where this one does not, or the other way');
    this.delivered = image.delivered;
    if (image.distinct !== null) this.distinct = FingerprintSet.restore(image.distinct, false);
  }

  /** Bytes held to recognise repeated events. */
  bytes(): number {
    return this.distinct?.bytes() ?? 0;
  }

  /** Whether the vector whose fingerprint is in ZH is new (always, unless only distinct events are handed over). */
  private fresh(): boolean {
    const set = this.distinct;
    if (set === null) return true;
    let r = set.insert(ZH.hi, ZH.lo);
    while (r === FULL) {
      set.grow();
      r = set.insert(ZH.hi, ZH.lo);
    }
    if (r !== ADDED) return false;
    set.added(1);
    if (set.wantsGrowth(1)) set.grow();
    return true;
  }

  /** `codes[g]` is the code of the image step under group element g (computed by `imageCodes`). */
  deliver(vec: Int32Array, event: number, parent: number, code: number, depth: number, codes: ArrayLike<number>): boolean {
    const onEvent = this.observer.onEvent;
    if (onEvent === undefined) return false;
    const sym = this.symmetry;
    const images = sym === null ? 0 : sym.maps.length;
    let stop = false;
    // Distinct images only: a state fixed by part of the group has fewer.
    const seen = this.seen;
    seen.length = 0;
    fullHash(this.keys, vec, null);
    if (this.fresh()) {
      this.delivered++;
      stop = onEvent.call(this.observer, vec, event, parent, code, depth);
    }
    seen.push(ZH.hi, ZH.lo);
    for (let g = 0; g < images; g++) {
      permute(vec, (sym as Symmetry).maps[g] as Int32Array, this.imaged);
      fullHash(this.keys, this.imaged, null);
      let dup = false;
      for (let k = 0; k < seen.length; k += 2) if (seen[k] === ZH.hi && seen[k + 1] === ZH.lo) dup = true;
      if (dup) continue;
      seen.push(ZH.hi, ZH.lo);
      if (!this.fresh()) continue;
      this.delivered++;
      if (onEvent.call(this.observer, this.imaged, event, virtualId(parent, g), codes[g] as number, depth)) stop = true;
    }
    return stop;
  }
}

/** The image codes of a step, into `out` (one per non-identity group element). */
export function imageCodes(sym: Symmetry | null, code: number, cur: Int32Array, out: Int32Array): Int32Array {
  if (sym !== null) for (let g = 0; g < sym.maps.length; g++) out[g] = sym.imageCode(g, code, cur);
  return out;
}

/** An event or terminal state as a worker thread hands it to the main thread. */
export interface EventRecord {
  /** 0: a step raised events; 1: a terminal state. */
  kind: number;
  /** The parent's id (an event) or the state's id (a terminal state). */
  id: number;
  code: number;
  event: number;
  depth: number;
  /** Image codes, one per non-identity symmetry. */
  readonly codes: Int32Array;
}

export function writeEvent(out: ByteStream, r: EventRecord, images: number, vec: Int32Array): void {
  const bytes = out.reserve(10 * (vec.length + images) + 64);
  let at = out.length;
  bytes[at++] = r.kind;
  at = putVarint(bytes, at, r.id);
  at = putVarint(bytes, at, zigzag(r.code));
  at = putVarint(bytes, at, zigzag(r.event));
  at = putVarint(bytes, at, r.depth);
  for (let g = 0; g < images; g++) at = putVarint(bytes, at, zigzag(r.codes[g] as number));
  out.length = putVector(bytes, at, vec);
}

/** Reads a record written by `writeEvent` into `r` and `vec`; returns the next offset. */
export function readEvent(bytes: Uint8Array, at: number, r: EventRecord, images: number, vec: Int32Array): number {
  r.kind = bytes[at++] as number;
  r.id = getVarint(bytes, at);
  r.code = unzigzag(getVarint(bytes, AT.at));
  r.event = unzigzag(getVarint(bytes, AT.at));
  r.depth = getVarint(bytes, AT.at);
  for (let g = 0; g < images; g++) r.codes[g] = unzigzag(getVarint(bytes, AT.at));
  getVector(bytes, AT.at, vec);
  return AT.at;
}
