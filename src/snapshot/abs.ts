// Asynchronous Barrier Snapshotting (Carbone et al. 2015), Flink's checkpoints, on the public algorithm API.
// Each source is triggered on its own: it records its offset (its local state) and sends barrier n on every
// output. A task with several inputs blocks each input that delivered barrier n until barrier n has come on all of
// its regular inputs; then it records its state, forwards barrier n on every output and unblocks. No channel state
// is recorded, except on back-edges: a task on a cycle aligns on its regular inputs only, and from its snapshot it
// logs the records arriving on each back-edge until barrier n comes back on it; the log is part of the snapshot.
// At-least-once mode is the same without blocking. Also ABS's classic mistakes, broken on purpose (AbsVariant).

import type { ProcessContext, ProcessId } from '../model/types.ts';
import {
  type Effect, type Reaction, type SnapshotAlgorithm, appendMessage, blockChannel, completeLocally, defineAlgorithm, recordState, sendControl,
  startRecording, stopRecording, unblockChannel,
} from './api.ts';

/**
 * The inputs that delivered barrier n so far (ascending), whether this process took its snapshot, and (broken
 * variants only) the half of a split snapshot still to do.
 */
export interface AbsState {
  readonly got: readonly ProcessId[];
  readonly snap: boolean;
  readonly pending?: 'snapshot' | 'forward' | 'record';
}

/**
 * ABS broken on purpose, each a mistake the modelling notes predict a failure for:
 * - `first-barrier`: the snapshot is taken at the first barrier, with alignment skipped;
 * - `unblock-early`: once aligned, the inputs are unblocked before the snapshot, which comes in a later step;
 * - `snapshot-emit-forward`: the state is saved, then (a later step) the barrier forwarded, so a record can be
 *   sent in between;
 * - `forward-emit-snapshot`: the barrier is forwarded, then (a later step) the state saved;
 * - `back-edge-regular`: a back-edge is aligned on like any input (the barrier can only come back after the
 *   snapshot: deadlock);
 * - `no-log`: records arriving on a back-edge after the snapshot are not logged.
 */
export const ABS_VARIANTS = ['first-barrier', 'unblock-early', 'snapshot-emit-forward', 'forward-emit-snapshot', 'back-edge-regular', 'no-log'] as const;
export type AbsVariant = (typeof ABS_VARIANTS)[number];

const VARIANT_SUMMARY: Readonly<Record<AbsVariant, string>> = {
  'first-barrier': 'the snapshot is taken at the first barrier, alignment skipped',
  'unblock-early': 'the inputs are unblocked before the snapshot is taken',
  'snapshot-emit-forward': 'the state is saved, and the barrier forwarded only in a later step',
  'forward-emit-snapshot': 'the barrier is forwarded, and the state saved only in a later step',
  'back-edge-regular': 'a back-edge is aligned on like any other input',
  'no-log': 'records arriving on a back-edge after the snapshot are not logged',
};

type AbsReaction = Reaction<AbsState, null, null>;
type AbsEffect = Effect<null, null>;

interface Mode {
  readonly name: string;
  readonly summary: string;
  /** Hold back an input that delivered the barrier until the task is aligned (exactly-once). */
  readonly block: boolean;
  readonly variant?: AbsVariant;
}

/** The inputs that delivered the barrier, with one more (ascending, each once). */
export const withInput = (list: readonly ProcessId[], p: ProcessId): ProcessId[] => (list.includes(p) ? [...list] : [...list, p].sort((a, b) => a - b));

function barrierAlgorithm(mode: Mode): SnapshotAlgorithm<AbsState, null, null, never> {
  const variant = mode.variant;
  /** The back-edges this process treats as such (none, for the variant that aligns on them too). */
  const backIn = (ctx: ProcessContext): readonly ProcessId[] => (variant === 'back-edge-regular' ? [] : ctx.backIn);
  /** The back-edges it logs from its snapshot until the barrier comes back on them. */
  const logged = (got: readonly ProcessId[], ctx: ProcessContext): ProcessId[] => (variant === 'no-log' ? [] : backIn(ctx).filter((q) => !got.includes(q)));
  /** From the snapshot on: log each back-edge whose barrier has not come back, or complete when there is none. */
  const logOrComplete = (got: readonly ProcessId[], ctx: ProcessContext, effects: AbsEffect[]): void => {
    const logging = logged(got, ctx);
    for (const q of logging) effects.push(startRecording(q));
    if (logging.length === 0) effects.push(completeLocally());
  };
  const unblockAll = (got: readonly ProcessId[], ctx: ProcessContext, effects: AbsEffect[]): void => {
    if (mode.block) for (const q of got) if (!backIn(ctx).includes(q)) effects.push(unblockChannel(q));
  };
  /** The snapshot: record, barrier on every output, unblock, log every back-edge whose barrier has not come back. */
  const snapshot = (got: readonly ProcessId[], ctx: ProcessContext): AbsReaction => {
    const effects: AbsEffect[] = [recordState()];
    for (const q of ctx.out) effects.push(sendControl(q));
    unblockAll(got, ctx, effects);
    logOrComplete(got, ctx, effects);
    return { next: { got, snap: true }, effects };
  };
  /** Aligned: the snapshot, or the first half of a split one. */
  const aligned = (got: readonly ProcessId[], ctx: ProcessContext): AbsReaction => {
    const effects: AbsEffect[] = [];
    // A sink has no barrier to forward: splitting the snapshot from the forwarding changes nothing there (unblocking
    // early still does: a sink may take a record after the barrier before its snapshot).
    const forwards = variant === 'snapshot-emit-forward' || variant === 'forward-emit-snapshot';
    const split = forwards && ctx.out.length === 0 ? undefined : variant;
    switch (split) {
      case 'unblock-early':
        unblockAll(got, ctx, effects);
        return { next: { got, snap: false, pending: 'snapshot' }, effects };
      case 'snapshot-emit-forward':
        effects.push(recordState());
        unblockAll(got, ctx, effects);
        for (const q of logged(got, ctx)) effects.push(startRecording(q));
        return { next: { got, snap: true, pending: 'forward' }, effects };
      case 'forward-emit-snapshot':
        for (const q of ctx.out) effects.push(sendControl(q));
        unblockAll(got, ctx, effects);
        return { next: { got, snap: false, pending: 'record' }, effects };
      default:
        return snapshot(got, ctx);
    }
  };

  return defineAlgorithm<AbsState, null, null, never>({
    name: variant === undefined ? mode.name : `${mode.name}/${variant}`,
    summary: variant === undefined ? mode.summary : `ABS broken on purpose: ${VARIANT_SUMMARY[variant]}`,
    defaultInitiators: 'sources',
    init: () => ({ got: [], snap: false }),
    initiate: (s, ctx) => (s.snap || s.got.length > 0 || s.pending !== undefined ? null : snapshot([], ctx)),
    control(s, msg, ctx): AbsReaction {
      if (msg.stale || s.got.includes(msg.from)) return {};
      const got = withInput(s.got, msg.from);
      const keep = s.pending === undefined ? {} : { pending: s.pending };
      if (s.snap || s.pending !== undefined) {
        // Barrier n is back on a back-edge: its log is complete (and a late barrier elsewhere changes nothing).
        const effects: AbsEffect[] = [stopRecording(msg.from)];
        if (s.snap && s.pending === undefined && logged(got, ctx).length === 0 && variant !== 'no-log') effects.push(completeLocally());
        return { next: { got, snap: s.snap, ...keep }, effects };
      }
      if (variant === 'first-barrier' || ctx.in.every((q) => backIn(ctx).includes(q) || got.includes(q))) return aligned(got, ctx);
      return { next: { got, snap: false }, effects: mode.block && !backIn(ctx).includes(msg.from) ? [blockChannel(msg.from)] : [] };
    },
    // The second half of a split snapshot, in a step of its own.
    step(s, ctx): AbsReaction | null {
      if (s.pending === undefined) return null;
      switch (s.pending) {
        case 'snapshot':
          return snapshot(s.got, ctx);
        case 'forward': {
          const effects: AbsEffect[] = ctx.out.map((q) => sendControl(q));
          if (logged(s.got, ctx).length === 0) effects.push(completeLocally());
          return { next: { got: s.got, snap: true }, effects };
        }
        case 'record': {
          const effects: AbsEffect[] = [recordState()];
          logOrComplete(s.got, ctx, effects);
          return { next: { got: s.got, snap: true }, effects };
        }
      }
    },
    // A back-edge being logged: the arriving record joins the log.
    receive: (_s, msg) => (msg.recording ? { effects: [appendMessage()] } : {}),
    show: {
      state: (s) =>
        `${s.snap ? 'snapshot taken' : s.got.length === 0 ? 'idle' : 'aligning'}${s.got.length === 0 ? '' : `, ${s.got.length} barrier(s) in`}${s.pending === undefined ? '' : `, to ${s.pending} next`}`,
      control: () => 'barrier',
      step: (s) => (s.pending === 'snapshot' ? 'records its state and forwards the barrier' : s.pending === 'forward' ? 'forwards the barrier' : 'records its state'),
    },
  });
}

const ABS_MODE: Mode = {
  name: 'abs',
  summary: "Flink's aligned barrier snapshots (ABS, Carbone et al. 2015): barriers from every source, inputs blocked until aligned, back-edges logged",
  block: true,
};

export const abs = barrierAlgorithm(ABS_MODE);
export const absVariant = (variant: AbsVariant): SnapshotAlgorithm<AbsState, null, null, never> => barrierAlgorithm({ ...ABS_MODE, variant });

export const atLeastOnce = barrierAlgorithm({
  name: 'at-least-once',
  summary: "Flink's at-least-once checkpoints: ABS without blocking; a task snapshots when its last barrier arrives",
  block: false,
});
