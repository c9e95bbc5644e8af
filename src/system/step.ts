// Atomic steps as data, and their packing into one int (kind in 3 bits, two operands) for the hot loop.

export const ACT = 0;
export const DELIVER = 1;
export const INITIATE = 2;
export const FAULT = 3;
/** The whole job crashes and restarts from its latest completed snapshot (a checkpoint). */
export const CRASH = 4;
/** An internal step of the snapshot algorithm at a process (SnapshotAlgorithm.step). */
export const INTERNAL = 5;

export const stepCode = (kind: number, a: number, b: number): number => kind | (a << 3) | (b << 16);
export const stepKind = (code: number): number => code & 7;
export const stepA = (code: number): number => (code >>> 3) & 0x1fff;
export const stepB = (code: number): number => code >>> 16;

export type MessageView =
  | { readonly kind: 'app'; readonly payload: unknown; readonly post: boolean; readonly piggyback?: unknown; readonly restored?: boolean }
  /** A control message of the snapshot algorithm (a marker), with its payload when it carries one. */
  | { readonly kind: 'marker'; readonly snapshot: number; readonly payload?: unknown };

/** Operand b of a fault step: the queue position, with this bit set for a duplication. */
export const DUPLICATE_BIT = 0x8000;

export type Step =
  | { readonly kind: 'act'; readonly process: number; readonly label: string }
  | { readonly kind: 'deliver'; readonly channel: number; readonly from: number; readonly to: number; readonly message: MessageView }
  | { readonly kind: 'initiate'; readonly process: number }
  /** The algorithm's own step at a process; `label` says what it does. */
  | { readonly kind: 'internal'; readonly process: number; readonly label: string }
  | { readonly kind: 'drop' | 'duplicate'; readonly channel: number; readonly from: number; readonly to: number; readonly message: MessageView }
  /** Every process fails; the job restores checkpoint `checkpoint` (0 = the first), or its initial state when null. */
  | { readonly kind: 'crash'; readonly checkpoint: number | null };
