// Chandy-Lamport (1985): record on initiate or on the first marker, flood markers, record each in-channel
// from the moment of recording until its marker arrives. Also its classic broken variants (see ClVariant).

import type { ClVariant } from '../model/types.ts';
import { controlSnapshot, isControl } from '../network/message.ts';
import type { ChannelPhase, SnapshotAlgorithm, SnapshotContext } from './algorithm.ts';

const IDLE = 0;
const RECORDING = 1;
const CLOSED = 2;
/** Per-process word of `record-after-handling`: the first marker came, the local state is not saved yet. */
const PENDING = 1;

export function chandyLamportVariant(variant?: ClVariant): SnapshotAlgorithm {
  const acted = (ctx: SnapshotContext, p: number): boolean =>
    ctx.isRecorded(p) || (variant === 'record-after-handling' && ctx.procWord(p) === PENDING);

  const record = (ctx: SnapshotContext, p: number, via: number): void => {
    if (variant === 'record-after-handling' && via >= 0) ctx.setProcWord(p, PENDING);
    else ctx.recordLocal(p);
    if (variant !== 'no-forwarding' || via < 0) for (const c of ctx.outChannels(p)) ctx.sendControl(c);
    for (const c of ctx.inChannels(p)) {
      if (c === via || variant === 'close-all') ctx.setChanWord(c, CLOSED);
      else if (variant === 'channel-at-recording') {
        for (const w of ctx.queued(c)) if (!isControl(w)) ctx.recordMessage(c, w);
        ctx.setChanWord(c, CLOSED);
      } else ctx.setChanWord(c, RECORDING);
    }
  };

  return {
    name: variant === undefined ? 'chandy-lamport' : `chandy-lamport/${variant}`,
    wordsPerProcess: variant === 'record-after-handling' ? 1 : 0,
    wordsPerChannel: 1,
    canInitiate: (ctx, p) => !ctx.isRecorded(p),
    initiate: (ctx, p) => record(ctx, p, -1),
    onControl(ctx, c, word) {
      // A marker of another snapshot (a stale duplicate) is ignored, unless the variant forgets ids.
      if (variant !== 'ignore-ids' && controlSnapshot(word) !== ctx.snapshotIndex()) return;
      const p = ctx.channelTo(c);
      if (!acted(ctx, p)) record(ctx, p, c);
      else if (ctx.chanWord(c) === RECORDING) ctx.setChanWord(c, CLOSED);
    },
    onApp(ctx, c, word) {
      if (ctx.chanWord(c) === RECORDING) ctx.recordMessage(c, word);
    },
    afterStep(ctx, p) {
      if (variant === 'record-after-handling' && ctx.procWord(p) === PENDING) {
        ctx.recordLocal(p);
        ctx.setProcWord(p, 0);
      }
    },
    isComplete(ctx) {
      for (let p = 0; p < ctx.n; p++) if (!ctx.isRecorded(p)) return false;
      for (let c = 0; c < ctx.channelCount; c++) if (ctx.chanWord(c) !== CLOSED) return false;
      return true;
    },
    channelPhase: (ctx, c): ChannelPhase => {
      const w = ctx.chanWord(c);
      return w === IDLE ? 'idle' : w === RECORDING ? 'recording' : 'closed';
    },
  };
}

export const chandyLamport: SnapshotAlgorithm = chandyLamportVariant();
