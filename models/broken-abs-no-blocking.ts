// ABS without blocking (Flink's at-least-once mode): join takes records that came after the barrier on one input before its snapshot, and after a crash the replay counts them again (no-duplicate fails).
import { defineModel, diamond, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: at-least-once',
  topology: diamond(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'at-least-once',
});
