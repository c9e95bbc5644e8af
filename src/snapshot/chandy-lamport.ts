// Chandy-Lamport (1985): record on initiate or on the first marker, flood markers, record each in-channel
// from the moment of recording until its marker arrives.

import { controlSnapshot } from '../network/message.ts';
import type { ChannelPhase, SnapshotAlgorithm, SnapshotContext } from './algorithm.ts';

const IDLE = 0;
const RECORDING = 1;
const CLOSED = 2;

function record(ctx: SnapshotContext, p: number, via: number): void {
  ctx.recordLocal(p);
  for (const c of ctx.outChannels(p)) ctx.sendControl(c);
  for (const c of ctx.inChannels(p)) ctx.setChanWord(c, c === via ? CLOSED : RECORDING);
}

export const chandyLamport: SnapshotAlgorithm = {
  name: 'chandy-lamport',
  wordsPerProcess: 0,
  wordsPerChannel: 1,
  canInitiate: (ctx, p) => !ctx.isRecorded(p),
  initiate: (ctx, p) => record(ctx, p, -1),
  onControl(ctx, c, word) {
    if (controlSnapshot(word) !== ctx.snapshotIndex()) return; // a marker of another snapshot
    const p = ctx.channelTo(c);
    if (!ctx.isRecorded(p)) record(ctx, p, c);
    else if (ctx.chanWord(c) === RECORDING) ctx.setChanWord(c, CLOSED);
  },
  onApp(ctx, c, word) {
    if (ctx.chanWord(c) === RECORDING) ctx.recordMessage(c, word);
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
