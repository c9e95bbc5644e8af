// Chandy-Lamport (1985) on the public algorithm API: record on initiate or on the first marker, send a marker on
// every out-channel, record each other in-channel until its marker arrives. Also its classic broken variants,
// shipped to test the checker itself (see ClVariant).

import type { ProcessContext, ProcessId } from '../model/types.ts';
import {
  type Effect, type Reaction, type SnapshotAlgorithm, appendMessage, completeLocally, defineAlgorithm, recordQueued, recordState, sendControl,
  startRecording, stopRecording,
} from './api.ts';

/**
 * Chandy-Lamport, or one of the classic mistakes made implementing it (shipped to test the checker itself):
 * - `ignore-ids`: markers of an earlier snapshot are taken for markers of the current one;
 * - `channel-at-recording`: a channel's state is what is queued on it when its receiver records, not what
 *   arrives between the receiver's recording and the marker;
 * - `no-forwarding`: only the initiator sends markers;
 * - `close-all`: the first marker closes every in-channel as empty;
 * - `record-after-handling`: the first marker is acted on, but the local state is saved only after the
 *   process handles its next event.
 */
export const CL_VARIANTS = ['ignore-ids', 'channel-at-recording', 'no-forwarding', 'close-all', 'record-after-handling'] as const;
export type ClVariant = (typeof CL_VARIANTS)[number];

/** Not started; or started, with `open` in-channels still being recorded and (one variant only) the state not saved yet. */
export type ClState = 'idle' | { readonly open: number; readonly pending?: true };

type ClReaction = Reaction<ClState, null, null>;

export function chandyLamportVariant(variant?: ClVariant): SnapshotAlgorithm<ClState, null, null, never> {
  /** The first marker (from `via`), or the initiation (via null). */
  const start = (ctx: ProcessContext, via: ProcessId | null): ClReaction => {
    const late = variant === 'record-after-handling' && via !== null;
    const effects: Effect<null, null>[] = late ? [] : [recordState()];
    if (variant !== 'no-forwarding' || via === null) for (const q of ctx.out) effects.push(sendControl(q));
    let open = 0;
    for (const q of ctx.in) {
      if (q === via || variant === 'close-all') continue;
      if (variant === 'channel-at-recording') effects.push(recordQueued(q));
      else {
        effects.push(startRecording(q));
        open++;
      }
    }
    if (open === 0 && !late) effects.push(completeLocally());
    return { next: late ? { open, pending: true } : { open }, effects };
  };

  return defineAlgorithm<ClState, null, null, never>({
    name: variant === undefined ? 'chandy-lamport' : `chandy-lamport/${variant}`,
    summary:
      variant === undefined
        ? 'Chandy-Lamport (1985): markers on FIFO channels; a channel is recorded from its receiver recording until its marker'
        : `Chandy-Lamport broken on purpose: ${VARIANT_SUMMARY[variant]}`,
    init: () => 'idle',
    initiate: (s, ctx) => (s === 'idle' ? start(ctx, null) : null),
    control(s, msg, ctx) {
      // A marker of an earlier snapshot (a stale duplicate) is ignored, unless the variant forgets ids.
      if (msg.stale && variant !== 'ignore-ids') return {};
      if (s === 'idle') return start(ctx, msg.from);
      // (No channel records once none is open; the second test keeps the states finite for any input, which lets
      // a search thread be handed the algorithm's closed tables.)
      if (!msg.recording || s.open === 0) return {};
      const open = s.open - 1;
      const done = open === 0 && s.pending === undefined;
      return { next: s.pending === undefined ? { open } : { open, pending: true }, effects: done ? [stopRecording(msg.from), completeLocally()] : [stopRecording(msg.from)] };
    },
    receive: (_s, msg) => (msg.recording ? { effects: [appendMessage()] } : {}),
    ...(variant === 'record-after-handling'
      ? { after: (s: ClState): ClReaction => (s !== 'idle' && s.pending === true ? { next: { open: s.open }, effects: s.open === 0 ? [recordState(), completeLocally()] : [recordState()] } : {}) }
      : {}),
    show: { state: (s) => (s === 'idle' ? 'idle' : `${s.pending === true ? 'pending, ' : ''}${s.open} open`) },
  });
}

const VARIANT_SUMMARY: Readonly<Record<ClVariant, string>> = {
  'ignore-ids': 'markers of an earlier snapshot are taken for markers of the current one',
  'channel-at-recording': "a channel's state is what is queued on it when its receiver records",
  'no-forwarding': 'only the initiator sends markers',
  'close-all': 'the first marker closes every in-channel as empty',
  'record-after-handling': 'the local state is saved only after the process handles its next event',
};

export const chandyLamport = chandyLamportVariant();
