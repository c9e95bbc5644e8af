// Flink's unaligned checkpoints (FLIP-76, Flink 1.11) on the public algorithm API. Barriers are injected at the
// sources as in ABS, but a task reacts to the first barrier n on any input at once: it records its state, puts
// barrier n at the head of every output (overtaking the records queued there, which it saves as that channel's
// state), and from then on saves every record that arrives on each other input until barrier n arrives there too
// (the Chandy-Lamport channel recording). Nothing is ever blocked; in-flight records become part of the snapshot,
// each saved exactly once: by its sender if the barrier overtook it, by its receiver if it arrived after the
// receiver's snapshot but ahead of the barrier. A model channel is a task's output buffer, the network and the next
// task's input buffer in one queue, so the overtaking barrier jumps all three, as Flink's priority event does.

import type { ProcessContext, ProcessId } from '../model/types.ts';
import {
  type Effect, type Reaction, type SnapshotAlgorithm, appendMessage, completeLocally, defineAlgorithm, recordOutgoing, recordState, sendAhead,
  sendControl, startRecording, stopRecording,
} from './api.ts';
import { type AbsState, withInput } from './abs.ts';

/**
 * - `no-channel-state`: the barrier still overtakes, but no in-flight record is saved, neither the overtaken output
 *   nor what arrives ahead of a later barrier, so a recovery loses them;
 * - `stop-at-snapshot`: an input's recording ends when the task snapshots, not when that input's barrier arrives
 *   (the records arriving in between are saved by no one);
 * - `no-overtake`: the output is saved, but the barrier joins the back of the queue, so the records it was meant
 *   to jump reach the receiver before its snapshot as well (saved twice);
 * - `restored-unsaved`: Flink's FLINK-20654 (fixed in PR #14509). After a recovery, an input still replaying the
 *   restored channel state does not record what it replays: a checkpoint taken meanwhile saves those records
 *   neither in a task's state nor as channel state, and a second crash that restores it loses them.
 */
export const UNALIGNED_VARIANTS = ['no-channel-state', 'stop-at-snapshot', 'no-overtake', 'restored-unsaved'] as const;
export type UnalignedVariant = (typeof UNALIGNED_VARIANTS)[number];

type UaReaction = Reaction<AbsState, null, null>;
type UaEffect = Effect<null, null>;

const VARIANT_SUMMARY: Readonly<Record<UnalignedVariant, string>> = {
  'no-channel-state': 'no in-flight record is saved with the snapshot',
  'stop-at-snapshot': "an input's recording stops at the task's snapshot, not at that input's barrier",
  'no-overtake': 'the output is saved, but the barrier does not overtake it',
  'restored-unsaved': 'records replayed from restored channel state are not saved by a checkpoint taken meanwhile (FLINK-20654)',
};

export function unalignedVariant(variant?: UnalignedVariant): SnapshotAlgorithm<AbsState, null, null, never> {
  const saves = variant !== 'no-channel-state';
  /** The snapshot at the first barrier (from `via`, or none at a source). */
  const snapshot = (got: readonly ProcessId[], ctx: ProcessContext): UaReaction => {
    const effects: UaEffect[] = [recordState()];
    for (const q of ctx.out) {
      if (saves) effects.push(recordOutgoing(q));
      effects.push(variant === 'no-overtake' ? sendControl(q) : sendAhead(q));
    }
    const open = ctx.in.filter((q) => !got.includes(q));
    if (saves && variant !== 'stop-at-snapshot') for (const q of open) effects.push(startRecording(q));
    if (open.length === 0) effects.push(completeLocally());
    return { next: { got, snap: true }, effects };
  };

  return defineAlgorithm<AbsState, null, null, never>({
    name: variant === undefined ? 'unaligned' : `unaligned/${variant}`,
    summary:
      variant === undefined
        ? "Flink's unaligned checkpoints (FLIP-76): the first barrier triggers the snapshot and overtakes the queued records, which are saved with it"
        : `unaligned checkpoints broken on purpose: ${VARIANT_SUMMARY[variant]}`,
    defaultInitiators: 'sources',
    init: () => ({ got: [], snap: false }),
    initiate: (s, ctx) => (s.snap || s.got.length > 0 ? null : snapshot([], ctx)),
    control(s, msg, ctx): UaReaction {
      if (msg.stale || s.got.includes(msg.from)) return {};
      const got = withInput(s.got, msg.from);
      if (!s.snap) return snapshot(got, ctx);
      const effects: UaEffect[] = msg.recording ? [stopRecording(msg.from)] : [];
      if (ctx.in.every((q) => got.includes(q))) effects.push(completeLocally());
      return { next: { got, snap: true }, effects };
    },
    receive: (_s, msg) => (msg.recording && !(variant === 'restored-unsaved' && msg.restored) ? { effects: [appendMessage()] } : {}),
    show: {
      state: (s) => `${s.snap ? 'snapshot taken' : 'idle'}${s.got.length === 0 ? '' : `, ${s.got.length} barrier(s) in`}`,
      control: () => 'barrier',
    },
  });
}

export const unaligned = unalignedVariant();
