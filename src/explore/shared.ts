// The memory the search threads share: a control block of counters and flags, the visited set, the trail, the
// table of work units of the current level, and each thread's frontier and event streams.

import type { FingerprintSetHandle } from './fpset.ts';
import { type Backing, ensureBytes, growable } from './memory.ts';
import type { TrailHandle } from './trail.ts';

/** Slots of the control block (an Int32Array). */
export const CTL = {
  /** Bumped by the main thread to start a level. */
  GO: 0,
  /** Next unclaimed unit of the level. */
  NEXT: 1,
  UNITS: 2,
  DEPTH: 3,
  /** Which of each thread's two frontier streams is read this level (the other is written). */
  PARITY: 4,
  /** States claimed against the state bound: stored, or claimed by a thread and not yet used (see Runner.claim). */
  RESERVED: 5,
  /** Worker threads done with this level. */
  DONE: 6,
  /** Someone needs the visited set to grow; threads park until EPOCH (growths done so far) changes. */
  GROW: 7,
  /** Bumped before every claim on the state bound, so that a refused thread can tell whether claims changed hands. */
  GRANTS: 8,
  EPOCH: 9,
  STOP: 10,
  TRUNCATED: 11,
  /** Worker threads poke this to wake the main thread. */
  SIGNAL: 12,
  READY: 13,
  /** Set when a worker failed; its error comes as a message. */
  FAILED: 14,
  /** Set (with GO bumped) to make the workers exit. */
  QUIT: 15,
  /** Non-zero (the checkpoint's number) while the main thread takes a checkpoint: workers hold at their next unit's start. */
  PAUSE: 16,
  /** Per thread t: bytes of its event stream published to the main thread, at EVENTS + t. */
  EVENTS: 17,
} as const;

/** Per thread t, at ctl[ACTIVE(threads) + t]: 1 while it works on the current level. */
export const ACTIVE = (threads: number): number => CTL.EVENTS + threads;
/** Per thread t, at ctl[PARKED(threads) + t]: EPOCH + 1 while it waits for that growth of the visited set. */
export const PARKED = (threads: number): number => CTL.EVENTS + 2 * threads;
/** Per thread t, at ctl[HOLDING(threads) + t]: 1 while it may hold claims on the state bound that it has not used. */
export const HOLDING = (threads: number): number => CTL.EVENTS + 3 * threads;
/** Per thread t, at ctl[HELD(threads) + t]: the PAUSE it holds for, having reported what it did of the level so far. */
export const HELD = (threads: number): number => CTL.EVENTS + 4 * threads;

/** Ints per unit in the units table: thread whose stream holds it, byte offset, states, first id. */
export const UNIT = 4;

export interface SharedHandles {
  readonly ctl: Int32Array;
  readonly set: FingerprintSetHandle;
  readonly trail: TrailHandle;
  readonly units: Backing;
  /** frontier[thread][parity] */
  readonly frontier: readonly (readonly [Backing, Backing])[];
  readonly events: readonly Backing[];
}

export function createHandles(threads: number, set: FingerprintSetHandle, trail: TrailHandle, shared: boolean): SharedHandles {
  const buf = (bytes: number): Backing => growable(bytes, shared);
  return {
    ctl: new Int32Array(shared ? new SharedArrayBuffer(4 * (CTL.EVENTS + 5 * threads)) : new ArrayBuffer(4 * (CTL.EVENTS + 5 * threads))),
    set,
    trail,
    units: buf(1 << 16),
    frontier: Array.from({ length: threads }, () => [buf(1 << 16), buf(1 << 16)] as const),
    events: Array.from({ length: threads }, () => buf(1 << 12)),
  };
}

/** Writes the units table for a level from finished sub-segments (thread, offset, count), assigning ids from `base`. */
export function writeUnits(h: SharedHandles, segments: readonly number[], base: number): number {
  const n = segments.length / 3;
  ensureBytes(h.units, n * UNIT * 4 + 16);
  const t = new Int32Array(h.units, 0, n * UNIT);
  let id = base;
  for (let i = 0; i < n; i++) {
    t[i * UNIT] = segments[3 * i] as number;
    t[i * UNIT + 1] = segments[3 * i + 1] as number;
    t[i * UNIT + 2] = segments[3 * i + 2] as number;
    t[i * UNIT + 3] = id;
    id += segments[3 * i + 2] as number;
  }
  return id - base;
}
