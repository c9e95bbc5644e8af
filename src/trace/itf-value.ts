// Values in the Informal Trace Format (ITF, the trace format of Apalache and Quint): integers as
// {"#bigint": "..."}, tuples {"#tup": [...]}, sets {"#set": [...]}, maps {"#map": [[k, v], ...]}, records as
// objects, lists as arrays; anything else {"#unserializable": "..."}. Decoding also accepts plain JSON integers.

import { isImmutable, isKeyed, isList, isOrderedSet, isSet } from 'immutable';

export type Itf = string | boolean | number | { readonly [k: string]: Itf } | readonly Itf[];

export const int = (n: number | bigint): Itf => ({ '#bigint': String(n) });
export const tup = (...items: Itf[]): Itf => ({ '#tup': items });
export const map = (entries: readonly (readonly [Itf, Itf])[]): Itf => ({ '#map': entries.map(([k, v]) => [k, v]) });
export const some = (v: Itf): Itf => ({ tag: 'Some', value: v });
export const none: Itf = { tag: 'None', value: { '#tup': [] } };

const isPlainObject = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Encodes a workload value (plain data or immutable.js values) as ITF. */
export function toItf(v: unknown): Itf {
  if (typeof v === 'number') return Number.isInteger(v) ? int(v) : { '#unserializable': String(v) };
  if (typeof v === 'bigint') return int(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === null || v === undefined) return { '#unserializable': String(v) };
  if (Array.isArray(v)) return v.map(toItf);
  if (isImmutable(v)) {
    if (isList(v)) return v.toArray().map(toItf);
    if (isSet(v) || isOrderedSet(v)) return { '#set': v.toArray().map(toItf) };
    if (isKeyed(v)) return map(v.toArray().map(([k, x]) => [toItf(k), toItf(x)] as const));
    return toItf(v.toJS());
  }
  if (v instanceof Map) return map([...v.entries()].map(([k, x]) => [toItf(k), toItf(x)] as const));
  if (v instanceof Set) return { '#set': [...v].map(toItf) };
  if (typeof v === 'object' && isPlainObject(v)) {
    const entries = Object.entries(v);
    // A key that starts with '#' would read as an ITF tag; such an object is written as a map instead.
    if (entries.some(([k]) => k.startsWith('#'))) return map(entries.map(([k, x]) => [k, toItf(x)] as const));
    return Object.fromEntries(entries.map(([k, x]) => [k, toItf(x)]));
  }
  return { '#unserializable': String(v) };
}

/**
 * Decodes an ITF value into plain JavaScript: integers as numbers (bigint beyond the safe range), #map as Map, #set
 * as Set. It recurses, so values of a file go through `checkValues` (validate.ts) first, which bounds their depth.
 */
export function fromItf(v: unknown): unknown {
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(fromItf);
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o['#bigint'] === 'string') {
    // A #bigint that spells no integer decodes to nothing, like any other value that is not ITF.
    if (!/^-?\d+$/.test(o['#bigint'])) return undefined;
    const b = BigInt(o['#bigint']);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  if (Array.isArray(o['#tup'])) return o['#tup'].map(fromItf);
  if (Array.isArray(o['#set'])) return new Set(o['#set'].map(fromItf));
  if (Array.isArray(o['#map'])) return new Map((o['#map'] as unknown[]).map((e) => (Array.isArray(e) ? [fromItf(e[0]), fromItf(e[1])] : [undefined, undefined])));
  if (typeof o['#unserializable'] === 'string') {
    const s = o['#unserializable'];
    return s === 'null' ? null : s === 'undefined' ? undefined : Number.isNaN(Number(s)) && s !== 'NaN' ? s : Number(s);
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromItf(x)]));
}
