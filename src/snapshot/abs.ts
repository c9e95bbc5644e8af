// Asynchronous Barrier Snapshotting (Carbone et al. 2015), Flink's checkpoints, on the public algorithm API.
// Each source is triggered on its own: it records its offset (its local state) and sends barrier n on every
// output. A task with several inputs blocks each input that delivered barrier n until barrier n has come on all of
// its regular inputs; then it records its state, forwards barrier n on every output and unblocks. No channel state
// is recorded, except on back-edges: a task on a cycle aligns on its regular inputs only, and from its snapshot it
// logs the records arriving on each back-edge until barrier n comes back on it; the log is part of the snapshot.
// At-least-once mode is the same without blocking.

import type { ProcessContext, ProcessId } from '../model/types.ts';
import {
  type Effect, type Reaction, type SnapshotAlgorithm, appendMessage, blockChannel, completeLocally, defineAlgorithm, recordState, sendControl,
  startRecording, stopRecording, unblockChannel,
} from './api.ts';

/** The inputs that delivered barrier n so far (ascending), and whether this process took its snapshot. */
export interface AbsState {
  readonly got: readonly ProcessId[];
  readonly snap: boolean;
}

type AbsReaction = Reaction<AbsState, null, null>;
type AbsEffect = Effect<null, null>;

interface Mode {
  readonly name: string;
  readonly summary: string;
  /** Hold back an input that delivered the barrier until the task is aligned (exactly-once). */
  readonly block: boolean;
}

const add = (list: readonly ProcessId[], p: ProcessId): ProcessId[] => (list.includes(p) ? [...list] : [...list, p].sort((a, b) => a - b));

function barrierAlgorithm(mode: Mode): SnapshotAlgorithm<AbsState, null, null, never> {
  /** The snapshot: record, barrier on every output, unblock, log every back-edge whose barrier has not come back. */
  const snapshot = (got: readonly ProcessId[], ctx: ProcessContext): AbsReaction => {
    const effects: AbsEffect[] = [recordState()];
    for (const q of ctx.out) effects.push(sendControl(q));
    if (mode.block) for (const q of got) if (!ctx.backIn.includes(q)) effects.push(unblockChannel(q));
    const logging = ctx.backIn.filter((q) => !got.includes(q));
    for (const q of logging) effects.push(startRecording(q));
    if (logging.length === 0) effects.push(completeLocally());
    return { next: { got, snap: true }, effects };
  };

  return defineAlgorithm<AbsState, null, null, never>({
    name: mode.name,
    summary: mode.summary,
    defaultInitiators: 'sources',
    init: () => ({ got: [], snap: false }),
    initiate: (s, ctx) => (s.snap || s.got.length > 0 ? null : snapshot([], ctx)),
    control(s, msg, ctx): AbsReaction {
      if (msg.stale || s.got.includes(msg.from)) return {};
      const got = add(s.got, msg.from);
      if (s.snap) {
        // Barrier n is back on a back-edge: its log is complete.
        const effects: AbsEffect[] = [stopRecording(msg.from)];
        if (ctx.backIn.every((q) => got.includes(q))) effects.push(completeLocally());
        return { next: { got, snap: true }, effects };
      }
      if (ctx.in.every((q) => ctx.backIn.includes(q) || got.includes(q))) return snapshot(got, ctx);
      return { next: { got, snap: false }, effects: mode.block && !ctx.backIn.includes(msg.from) ? [blockChannel(msg.from)] : [] };
    },
    // A back-edge being logged: the arriving record joins the log.
    receive: (_s, msg) => (msg.recording ? { effects: [appendMessage()] } : {}),
    show: {
      state: (s) => `${s.snap ? 'snapshot taken' : s.got.length === 0 ? 'idle' : 'aligning'}${s.got.length === 0 ? '' : `, ${s.got.length} barrier(s) in`}`,
      control: () => 'barrier',
    },
  });
}

export const abs = barrierAlgorithm({
  name: 'abs',
  summary: "Flink's aligned barrier snapshots (ABS, Carbone et al. 2015): barriers from every source, inputs blocked until aligned, back-edges logged",
  block: true,
});

export const atLeastOnce = barrierAlgorithm({
  name: 'at-least-once',
  summary: "Flink's at-least-once checkpoints: ABS without blocking; a task snapshots when its last barrier arrives",
  block: false,
});
