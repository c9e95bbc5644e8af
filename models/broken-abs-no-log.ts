// ABS that does not log its back-edge: records in flight around the loop at the checkpoint are in no snapshot, and a crash loses them (no-loss fails).
import { defineModel, iterate, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: abs/no-log',
  topology: iterate(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs/no-log',
});
