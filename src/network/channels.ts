// The network module: every rule about what a channel holds and what it may deliver lives here.
// A channel is a length word followed by `cap` message words inside the state vector.

import type { Discipline } from '../model/types.ts';

/** Thrown when a channel would exceed its capacity; the checker retries with a larger capacity. */
export class CapacityOverflow extends Error {
  constructor(readonly capacity: number, readonly channel: number) {
    super(`channel capacity ${capacity} exceeded`);
  }
}

export const FIFO = 0;
export const UNORDERED = 1;
export type DisciplineCode = typeof FIFO | typeof UNORDERED;
export const disciplineCode = (d: Discipline): DisciplineCode => (d === 'fifo' ? FIFO : UNORDERED);

/**
 * Adds a message to channel `channel` at `base`. FIFO appends; unordered keeps the multiset sorted so equal
 * multisets are equal words. A full channel throws CapacityOverflow: never a silent drop.
 */
export function push(v: Int32Array, base: number, cap: number, word: number, discipline: DisciplineCode, channel: number): void {
  const len = v[base] as number;
  if (len >= cap) throw new CapacityOverflow(cap, channel);
  let i = base + 1 + len;
  if (discipline === UNORDERED) {
    // Stryker disable next-line EqualityOperator: equal words are the same message, so shifting past them or not leaves the same vector
    while (i > base + 1 && (v[i - 1] as number) > word) {
      v[i] = v[i - 1] as number;
      i--;
    }
  }
  v[i] = word;
  v[base] = len + 1;
}

/** Adds a message at the head of a FIFO channel, ahead of everything queued (an unordered channel has no head). */
export function pushFront(v: Int32Array, base: number, cap: number, word: number, discipline: DisciplineCode, channel: number): void {
  if (discipline === UNORDERED) {
    push(v, base, cap, word, discipline, channel);
    return;
  }
  const len = v[base] as number;
  if (len >= cap) throw new CapacityOverflow(cap, channel);
  v.copyWithin(base + 2, base + 1, base + 1 + len);
  v[base + 1] = word;
  v[base] = len + 1;
}

/** Removes and returns the message at position k (0 = head). */
export function removeAt(v: Int32Array, base: number, k: number): number {
  const len = v[base] as number;
  const at = base + 1 + k;
  const word = v[at] as number;
  // Stryker disable next-line EqualityOperator: one more copy writes the slot past the last message, which the next line clears
  for (let i = at; i < base + len; i++) v[i] = v[i + 1] as number;
  v[base + len] = 0;
  v[base] = len - 1;
  return word;
}

/**
 * Positions whose message may be delivered next, written into `out`; returns how many.
 * FIFO: the head only. Unordered: one position per distinct message (equal messages are interchangeable).
 */
export function deliverable(v: Int32Array, base: number, discipline: DisciplineCode, out: Int32Array): number {
  const len = v[base] as number;
  if (len === 0) return 0;
  if (discipline === FIFO) {
    out[0] = 0;
    return 1;
  }
  let count = 0;
  let prev = 0;
  for (let k = 0; k < len; k++) {
    const w = v[base + 1 + k] as number;
    // Stryker disable next-line ConditionalExpression: prev starts at 0, which no message word is, so the head always differs from it
    if (k === 0 || w !== prev) out[count++] = k;
    prev = w;
  }
  return count;
}

/** Clears the colour and tag bits of every application message (used when a snapshot completes). */
export function clearBits(v: Int32Array, base: number, mask: number): void {
  const len = v[base] as number;
  for (let i = base + 1; i <= base + len; i++) {
    const w = v[i] as number;
    // Stryker disable next-line EqualityOperator: no message word is 0
    if (w > 0) v[i] = w & ~mask;
  }
}
