// ABS with the snapshot split from the barrier forwarding: the task saves its state, sends a record, then forwards the barrier, so the sink absorbs that record before its own snapshot; after a crash it is sent again.
import { defineModel, pipeline, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: abs/snapshot-emit-forward',
  topology: pipeline(3),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs/snapshot-emit-forward',
});
