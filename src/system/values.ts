// What a workload may use as a local state or a message: plain data (numbers, strings, booleans, null,
// bigints, arrays, plain objects) or immutable.js values, all compared by value. Anything else would be
// compared by identity (a class instance, a Map), never settle (a Promise from an async handler), or
// break the interner (a cycle); it is refused with a sentence saying where in the value it is.

import { isImmutable } from 'immutable';

/** Deepest nesting a state may have; deeper is almost surely a mistake (and would overflow the stack). */
const MAX_DEPTH = 200;

const at = (path: string): string => (path === '' ? '' : ` at ${path}`);

/** Why `value` cannot be a state or message, or null when it can. Never throws. */
export function unusableValue(value: unknown): string | null {
  try {
    return walk(value, '', new Set(), 0);
  } catch (e) {
    return `reading it threw (${e instanceof Error ? e.message : 'a non-Error'})`;
  }
}

function walk(v: unknown, path: string, open: Set<object>, depth: number): string | null {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'bigint':
    // Stryker disable next-line ConditionalExpression: the case falls through to 'number', which returns null too
    case 'undefined':
      return null;
    case 'number':
      return null;
    case 'symbol':
      return `it holds a symbol${at(path)}`;
    case 'function':
      return `it holds a function${at(path)}`;
    // Stryker disable next-line ConditionalExpression,StringLiteral: without the case, an object leaves the switch as the case's break does
    case 'object':
      break;
  }
  if (v === null || isImmutable(v)) return null;
  const obj = v as object;
  if (depth > MAX_DEPTH) return `it is nested more than ${MAX_DEPTH} deep${at(path)}`;
  if (typeof (obj as { then?: unknown }).then === 'function')
    return `it is a Promise${at(path)} (handlers must be synchronous: an async init, actions or receive returns a Promise)`;
  if (open.has(obj)) return `it contains a cycle${at(path)}`;
  const proto: unknown = Object.getPrototypeOf(obj);
  if (Array.isArray(obj)) {
    open.add(obj);
    // Stryker disable next-line EqualityOperator: (`<=`) obj[length] reads undefined, which is plain data
    for (let i = 0; i < obj.length; i++) {
      const why = walk(obj[i], `${path}[${i}]`, open, depth + 1);
      if (why !== null) return why;
    }
    open.delete(obj);
    return null;
  }
  if (proto !== Object.prototype && proto !== null) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return `it is an instance of ${typeof name === 'string' && name !== '' ? name : 'a class'}${at(path)}, which would be compared by identity; use plain objects and arrays, or immutable.js values`;
  }
  open.add(obj);
  for (const key of Object.keys(obj)) {
    const why = walk((obj as Record<string, unknown>)[key], `${path}.${key}`, open, depth + 1);
    if (why !== null) return why;
  }
  open.delete(obj);
  return null;
}
