// The public contract of a snapshot algorithm. An algorithm is a value: its own state per process and per
// in-channel (plain data, compared by value), and pure handlers that return what they do as data (effects).
// cutcheck interns the states and memoises the handlers, as it does for workloads, so the search runs on
// integers and calls each handler once per distinct input.

import type { ProcessContext, ProcessId } from '../model/types.ts';

/**
 * What a handler does, as data. Channels are named by the process at their other end: an in-channel by the
 * sender (`from`), an out-channel by the receiver (`to`). A process touches only its own channels.
 */
export type Effect<C = unknown, M = unknown> =
  /** Save the process's current local state as its recorded state. */
  | { readonly kind: 'record' }
  /** From now on, the in-channel from `from` is being recorded (shown as such; `receive` sees `recording`). */
  | { readonly kind: 'start-recording'; readonly from: ProcessId }
  | { readonly kind: 'stop-recording'; readonly from: ProcessId }
  /** In `receive` only: append the arriving application message to its in-channel's recorded state. */
  | { readonly kind: 'append' }
  /**
   * Send a control message (a marker, a count, a barrier) on the out-channel to `to`. With `overtake`, it goes to
   * the head of the channel, ahead of everything queued there (a priority event, as Flink's unaligned barriers).
   */
  | { readonly kind: 'send'; readonly to: ProcessId; readonly payload?: M; readonly overtake?: boolean }
  /**
   * Save what is queued on the out-channel to `to` right now as that channel's recorded state: the sender's own
   * output buffer, which an overtaking barrier jumps (Flink's unaligned checkpoints persist it so).
   */
  | { readonly kind: 'record-outgoing'; readonly to: ProcessId }
  /** Hold back every message on the in-channel from `from` until it is unblocked. */
  | { readonly kind: 'block'; readonly from: ProcessId }
  | { readonly kind: 'unblock'; readonly from: ProcessId }
  /** Replace this process's state of the in-channel from `from`. */
  | { readonly kind: 'set-channel'; readonly from: ProcessId; readonly state: C }
  /** This process is done with the snapshot; the snapshot completes when every process is. */
  | { readonly kind: 'complete' }
  /**
   * Append what is queued on the in-channel from `from` right now to its recorded state. No real process can
   * see into a channel: this exists so that broken variants can model that mistake.
   */
  | { readonly kind: 'record-queued'; readonly from: ProcessId };

/** A handler's answer: the process's next algorithm state (default: unchanged) and its effects, in order. */
export interface Reaction<P, C = unknown, M = unknown> {
  readonly next?: P;
  readonly effects?: readonly Effect<C, M>[];
}

/** The in-channel a message arrived on, as its receiver sees it. */
export interface InChannel<C> {
  readonly from: ProcessId;
  /** The receiver's state of this channel. */
  readonly state: C;
  readonly recording: boolean;
  readonly blocked: boolean;
}

export interface ControlArrival<C, M> extends InChannel<C> {
  readonly payload: M;
  /** The control message was sent for an earlier snapshot of the same execution. */
  readonly stale: boolean;
}

export interface AppArrival<C, B> extends InChannel<C> {
  /** What the sender's `send` handler piggybacked; undefined if nothing (or sent in an earlier snapshot). */
  readonly piggyback: B | undefined;
  /**
   * A recovery put the message back: it was part of the restored checkpoint's channel state, re-injected ahead of
   * anything sent after the crash. Only a job that may crash has such messages.
   */
  readonly restored: boolean;
}

/** What `send` adds to an outgoing application message. */
export interface Piggyback<P, B> {
  readonly next?: P;
  readonly piggyback?: B;
}

/**
 * A snapshot algorithm. P is its state per process, C its state per in-channel (kept by the receiver), M the
 * payload of its control messages, B what it piggybacks on application messages. All must be plain data or
 * immutable.js values; handlers must be pure (they are memoised).
 *
 * Each snapshot of an execution starts from `init` and `initChannel`; application messages still in flight
 * when a snapshot completes lose their piggyback.
 */
export interface SnapshotAlgorithm<P = unknown, C = unknown, M = unknown, B = unknown> {
  readonly name: string;
  /** One line on what it does, for `--help` and reports. */
  readonly summary?: string;
  init(ctx: ProcessContext): P;
  /** The receiver's initial state of its in-channel from `from` (default null). */
  initChannel?(from: ProcessId, ctx: ProcessContext): C;
  /** The initiator starts the snapshot: its reaction, or null when it cannot start now. */
  initiate(s: P, ctx: ProcessContext): Reaction<P, C, M> | null;
  /** A control message arrived. */
  control(s: P, msg: ControlArrival<C, M>, ctx: ProcessContext): Reaction<P, C, M>;
  /** An application message arrived; called before the workload handles it. */
  receive?(s: P, msg: AppArrival<C, B>, ctx: ProcessContext): Reaction<P, C, M>;
  /** An application message is being sent to `to`: what to piggyback on it. */
  send?(s: P, to: ProcessId, ctx: ProcessContext): Piggyback<P, B>;
  /** The workload at this process has just handled an event (an action, or an application message). */
  after?(s: P, ctx: ProcessContext): Reaction<P, C, M>;
  /**
   * An internal step of the algorithm at this process, taken whenever the search chooses, as any other step: its
   * reaction, or null when there is none to take now. It models work a process does on its own time, such as the
   * second half of a snapshot split in two (Flink's broken variants: the state saved, a record sent, then the barrier).
   */
  step?(s: P, ctx: ProcessContext): Reaction<P, C, M> | null;
  /** How many snapshots one execution may take with this algorithm (default 16, cutcheck's limit). */
  readonly maxSnapshots?: number;
  /**
   * Who starts a snapshot when the model does not say: process 0 (default), or every `source` (each process with no
   * in-channel), as Flink's coordinator triggers every source of a dataflow job.
   */
  readonly defaultInitiators?: 'first' | 'sources';
  readonly show?: {
    state?(s: P): string;
    channel?(c: C): string;
    control?(m: M): string;
    piggyback?(b: B): string;
    /** What the internal step from state `s` does, for reports ("forwards the barrier"). */
    step?(s: P): string;
  };
}

/** Identity function that gives an algorithm definition type checking and inference. */
export const defineAlgorithm = <P, C = null, M = null, B = never>(a: SnapshotAlgorithm<P, C, M, B>): SnapshotAlgorithm<P, C, M, B> => a;

// Effect constructors, for handlers that read better than object literals.
const RECORD = { kind: 'record' } as const;
const APPEND = { kind: 'append' } as const;
const COMPLETE = { kind: 'complete' } as const;
export const recordState = (): Effect<never, never> => RECORD;
export const appendMessage = (): Effect<never, never> => APPEND;
export const completeLocally = (): Effect<never, never> => COMPLETE;
export const startRecording = (from: ProcessId): Effect<never, never> => ({ kind: 'start-recording', from });
export const stopRecording = (from: ProcessId): Effect<never, never> => ({ kind: 'stop-recording', from });
export const sendControl = <M = never>(to: ProcessId, payload?: M): Effect<never, M> => (payload === undefined ? { kind: 'send', to } : { kind: 'send', to, payload });
/** A control message sent to the head of the out-channel to `to`, overtaking what is queued there. */
export const sendAhead = <M = never>(to: ProcessId, payload?: M): Effect<never, M> =>
  payload === undefined ? { kind: 'send', to, overtake: true } : { kind: 'send', to, payload, overtake: true };
export const recordOutgoing = (to: ProcessId): Effect<never, never> => ({ kind: 'record-outgoing', to });
export const blockChannel = (from: ProcessId): Effect<never, never> => ({ kind: 'block', from });
export const unblockChannel = (from: ProcessId): Effect<never, never> => ({ kind: 'unblock', from });
export const setChannel = <C>(from: ProcessId, state: C): Effect<C, never> => ({ kind: 'set-channel', from, state });
export const recordQueued = (from: ProcessId): Effect<never, never> => ({ kind: 'record-queued', from });

/** How a report names the state of a channel's recording. */
export type ChannelPhase = 'idle' | 'recording' | 'closed';
