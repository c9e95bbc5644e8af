// A snapshot algorithm written in a model file, on cutcheck's public algorithm API (not a built-in): markers
// with alignment, as Flink's barriers do it. A process that gets a marker holds that in-channel back until a
// marker has come on every in-channel; then it records, sends markers on, and lets everything through. No
// channel is ever recorded: what was in flight before the markers has been handled by then. The price is the
// messages held back; and on a cycle, waiting for every marker deadlocks (try it on complete:3).
import {
  bank, blockChannel, completeLocally, defineAlgorithm, defineModel, edges, recordState, sendControl, unblockChannel, type ProcessContext,
} from 'cutcheck';

/** Markers seen so far, and whether this process has recorded. */
type Aligning = { readonly seen: number; readonly recorded: boolean };

const recordAndForward = (ctx: ProcessContext, seen: number) => ({
  next: { seen, recorded: true },
  effects: [recordState(), ...ctx.out.map((q) => sendControl(q)), ...ctx.in.map((q) => unblockChannel(q)), completeLocally()],
});

export const alignedMarkers = defineAlgorithm<Aligning>({
  name: 'aligned-markers',
  summary: 'markers with alignment: block each in-channel at its marker, record when all have come',
  init: () => ({ seen: 0, recorded: false }),
  initiate: (s, ctx) => (s.recorded || s.seen > 0 ? null : recordAndForward(ctx, 0)),
  control(s, msg, ctx) {
    if (s.recorded) return {};
    const seen = s.seen + 1;
    return seen < ctx.in.length ? { next: { seen, recorded: false }, effects: [blockChannel(msg.from)] } : recordAndForward(ctx, seen);
  },
  show: { state: (s) => (s.recorded ? 'recorded' : `${s.seen} marker(s) in`) },
});

export default defineModel({
  name: 'aligned markers on a diamond',
  // P0 feeds P1 and P2, which both feed P3: a DAG, as a dataflow job is.
  topology: edges([[0, 1], [0, 2], [1, 3], [2, 3]]),
  workload: bank(1, 1),
  network: { discipline: 'fifo' },
  algorithm: { kind: alignedMarkers, initiators: [0] },
});
