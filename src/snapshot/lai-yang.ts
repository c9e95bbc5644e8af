// Lai-Yang (1987) on the public algorithm API: a snapshot without FIFO channels. Every process is white until it
// records and red after; every application message carries its sender's colour. A white process records when it
// initiates, when a control message reaches it, or just before it handles its first red message. On recording it
// sends each out-neighbour the number of white messages it sent on that channel. The recorded state of an
// in-channel is the white messages that arrive on it after its receiver recorded; it is complete once the
// receiver has seen as many white messages on it as the sender's count says. Also two broken variants.

import type { ProcessContext } from '../model/types.ts';
import {
  type Effect, type Reaction, type SnapshotAlgorithm, appendMessage, completeLocally, defineAlgorithm, recordState, sendControl, setChannel,
  startRecording, stopRecording,
} from './api.ts';

/** A process: its colour, the white messages it sent per out-channel (in ctx.out order), its in-channels done. */
export interface LyState {
  readonly red: boolean;
  readonly sent: readonly number[];
  readonly done: number;
}
/** The receiver's view of an in-channel: white messages seen on it, and the sender's count once it arrived. */
export interface LyChannel {
  readonly got: number;
  readonly expect: number | null;
}
export type Colour = 'white' | 'red';

/**
 * - `handle-red-first`: a white process records only when it initiates or a control message arrives, so it
 *   may handle a red message first (an orphan);
 * - `no-count`: the control message carries no count, and a channel's recording ends when it arrives, which on
 *   a channel that is not FIFO may be before the last white message (a lost message).
 */
export const LY_VARIANTS = ['handle-red-first', 'no-count'] as const;
export type LyVariant = (typeof LY_VARIANTS)[number];

type LyReaction = Reaction<LyState, LyChannel, number | null>;
type LyEffect = Effect<LyChannel, number | null>;

export function laiYangVariant(variant?: LyVariant): SnapshotAlgorithm<LyState, LyChannel, number | null, Colour> {
  const counting = variant !== 'no-count';

  /** The process turns red: it records and tells every out-neighbour how many white messages it sent it. */
  const turnRed = (s: LyState, ctx: ProcessContext): { next: LyState; effects: LyEffect[] } => {
    const effects: LyEffect[] = [recordState()];
    ctx.out.forEach((q, i) => effects.push(counting ? sendControl(q, s.sent[i] ?? 0) : sendControl(q, null)));
    for (const q of ctx.in) effects.push(startRecording(q));
    if (ctx.in.length === 0) effects.push(completeLocally());
    return { next: { red: true, sent: [], done: 0 }, effects };
  };

  /** One more in-channel is complete. */
  const close = (s: LyState, from: number, ctx: ProcessContext, effects: LyEffect[]): LyState => {
    effects.push(stopRecording(from));
    const done = s.done + 1;
    if (done === ctx.in.length) effects.push(completeLocally());
    return { ...s, done };
  };

  return defineAlgorithm<LyState, LyChannel, number | null, Colour>({
    name: variant === undefined ? 'lai-yang' : `lai-yang/${variant}`,
    summary:
      variant === undefined
        ? 'Lai-Yang (1987): white and red messages on any channels; a count of white messages closes each channel'
        : `Lai-Yang broken on purpose: ${variant === 'handle-red-first' ? 'a white process handles a red message before it records' : 'a channel closes on the control message, without the count'}`,
    maxSnapshots: 1,
    init: (ctx) => ({ red: false, sent: ctx.out.map(() => 0), done: 0 }),
    initChannel: () => ({ got: 0, expect: null }),
    initiate: (s, ctx) => (s.red ? null : turnRed(s, ctx)),
    control(s, msg, ctx): LyReaction {
      // A second control message on a channel already closed (a duplicate, on a faulty network) changes nothing.
      if (s.red && !msg.recording) return {};
      const turned = s.red ? { next: s, effects: [] } : turnRed(s, ctx);
      const effects = turned.effects;
      if (!counting) return { next: close(turned.next, msg.from, ctx, effects), effects };
      const expect = msg.payload ?? 0;
      effects.push(setChannel(msg.from, { got: msg.state.got, expect }));
      return { next: msg.state.got === expect ? close(turned.next, msg.from, ctx, effects) : turned.next, effects };
    },
    receive(s, msg, ctx): LyReaction {
      if (msg.piggyback === 'red') return !s.red && variant !== 'handle-red-first' ? turnRed(s, ctx) : {};
      if (!counting) return msg.recording ? { effects: [appendMessage()] } : {};
      const got = msg.state.got + 1;
      const effects: LyEffect[] = [setChannel(msg.from, { got, expect: msg.state.expect })];
      if (msg.recording) effects.push(appendMessage());
      return { next: msg.recording && got === msg.state.expect ? close(s, msg.from, ctx, effects) : s, effects };
    },
    send(s, to, ctx) {
      if (s.red) return { piggyback: 'red' };
      if (!counting) return { piggyback: 'white' };
      const i = ctx.out.indexOf(to);
      return { next: { ...s, sent: s.sent.map((k, j) => (j === i ? k + 1 : k)) }, piggyback: 'white' };
    },
    show: {
      state: (s) => (s.red ? `red, ${s.done} in-channel(s) done` : `white, sent ${s.sent.join('/')}`),
      channel: (c) => `${c.got} white seen${c.expect === null ? '' : ` of ${c.expect}`}`,
      control: (m) => (m === null ? 'marker' : `count ${m}`),
      piggyback: (b) => b,
    },
  });
}

export const laiYang = laiYangVariant();
