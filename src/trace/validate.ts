// Checking a trace file's shape as it is read, so that replay and the renderers can trust the document the reader
// returns: one walk bounds the nesting and checks ITF's tagged values, and small readers check each field, every
// failure a CC011 error of one line naming the field and showing (clipped) what was there.

import { echo, fail, oneLine } from '../errors.ts';

/** Deepest nesting a trace file may have; real traces stay below twenty. */
export const MAX_DEPTH = 1000;
/** Longest integer a #bigint may spell, in digits. */
const MAX_DIGITS = 1000;

const INTEGER = /^-?\d+$/;

/** A value of the input as an error message shows it: scalars echoed (strings quoted, clipped), lists and objects by kind. */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  // U+2028 and U+2029 end a line in some viewers; echo escapes the other line breaks and control characters.
  if (typeof v === 'string') return echo(v.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`));
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object' && v !== null) {
    const b = (v as Obj)['#bigint'];
    return typeof b === 'string' ? `{"#bigint": ${shown(b)}}` : 'an object';
  }
  return oneLine(String(v), 60);
}

/** `path` extended by a key: `.name` for a plain key, `[3]` for an index, `["odd key"]` otherwise. */
export const at = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[#\w-]+$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${shown(key)}]`;

/** Fails with CC011: `path` and what it must be, and (if given) what it holds. */
export const malformed = (path: string, what: string, ...got: [unknown?]): never => fail('CC011', `${path} ${what}${got.length > 0 ? `, got ${shown(got[0])}` : ''}`);

interface Node {
  readonly v: unknown;
  readonly depth: number;
  readonly parent: Node | null;
  readonly key: string | number;
}

/** Where a node is, clipped: a path thousands of levels deep is shown by its two ends. */
function pathOf(node: Node): string {
  const keys: (string | number)[] = [];
  for (let n: Node | null = node; n !== null && n.parent !== null; n = n.parent) keys.push(n.key);
  return oneLine(keys.reverse().reduce<string>((p, k) => at(p, k), ''), 120);
}

/** ITF's tags, checked wherever they appear, so that decoding can take any value of a checked file as it is. */
function checkTags(o: Obj, node: Node): void {
  const b = o['#bigint'];
  if (b !== undefined && (typeof b !== 'string' || !INTEGER.test(b) || b.length > MAX_DIGITS))
    malformed(at(pathOf(node), '#bigint'), `must be a whole number in decimal digits (at most ${MAX_DIGITS})`, b);
  for (const tag of ['#tup', '#set', '#map'] as const) if (o[tag] !== undefined && !Array.isArray(o[tag])) malformed(at(pathOf(node), tag), 'must be a list', o[tag]);
  const entries = o['#map'];
  if (Array.isArray(entries))
    for (const [i, e] of entries.entries()) if (!Array.isArray(e) || e.length !== 2) malformed(at(at(pathOf(node), '#map'), i), 'must be a [key, value] pair', e);
  const u = o['#unserializable'];
  if (u !== undefined && typeof u !== 'string') malformed(at(pathOf(node), '#unserializable'), 'must be a string', u);
}

/** Walks every value of a parsed file without recursion: nesting at most MAX_DEPTH deep, ITF tags well formed. */
export function checkValues(root: unknown): void {
  const stack: Node[] = [{ v: root, depth: 0, parent: null, key: '' }];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const { v, depth } = node;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) fail('CC011', `nested too deep at ${pathOf(node)} (more than ${MAX_DEPTH} levels)`);
    const parent = node;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, parent, key: i }));
    else {
      checkTags(v as Obj, node);
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, depth: depth + 1, parent, key: k });
    }
  }
}

// ---- field readers: each returns the value typed, or fails naming `path` ----

export type Obj = Readonly<Record<string, unknown>>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const obj = (v: unknown, path: string): Obj => (isObj(v) ? v : malformed(path, 'must be an object', v));
export const list = (v: unknown, path: string): readonly unknown[] => (Array.isArray(v) ? v : malformed(path, 'must be a list', v));
export const str = (v: unknown, path: string): string => (typeof v === 'string' ? v : malformed(path, 'must be a string', v));
export const bool = (v: unknown, path: string): boolean => (typeof v === 'boolean' ? v : malformed(path, 'must be true or false', v));

/** A string a command line could have held: no control characters, at most `max` long. */
export const plainText = (v: unknown, path: string, max = 500): string => {
  const s = str(v, path);
  // eslint-disable-next-line no-control-regex
  return s.length > 0 && s.length <= max && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s) ? s : malformed(path, `must be 1 to ${max} characters with no control characters`, s);
};

/** A whole number, as plain JSON or ITF's {"#bigint": "..."}, from `min` to `max`. */
export function whole(v: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const b = isObj(v) && typeof v['#bigint'] === 'string' && INTEGER.test(v['#bigint']) ? Number(v['#bigint']) : v;
  const range = max === Number.MAX_SAFE_INTEGER ? (min === 0 ? ' (0 or more)' : ` of at least ${min}`) : ` from ${min} to ${max}`;
  return typeof b === 'number' && Number.isInteger(b) && b >= min && b <= max ? b : malformed(path, `must be a whole number${range}`, v);
}

export const oneOf = <T extends string>(v: unknown, path: string, options: readonly T[]): T =>
  options.includes(v as T) ? (v as T) : malformed(path, `must be one of ${options.join(', ')}`, v);

/** `{ key: value }` if `o` has the field, read and checked, else `{}`: an optional field, to spread into a result. */
export const opt = <K extends string, T>(o: Obj, key: K, path: string, read: (v: unknown, path: string) => T): Partial<Record<K, T>> =>
  o[key] === undefined ? {} : ({ [key]: read(o[key], at(path, key)) } as Partial<Record<K, T>>);
