// ABS that snapshots at the first barrier, skipping alignment: join's snapshot misses the records still ahead of the barrier on its other input, which no replay brings back (no-loss fails).
import { defineModel, diamond, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: abs/first-barrier',
  topology: diamond(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs/first-barrier',
});
