// ABS that unblocks before its snapshot: a record after the barrier is absorbed before the state is saved, and counted again after a crash.
import { defineModel, fanin, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: abs/unblock-early',
  topology: fanin(2),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs/unblock-early',
});
