// The same job with Flink's unaligned checkpoints: nothing is blocked, and the records a barrier overtakes, or that
// arrive ahead of a later barrier, are saved with the checkpoint and re-injected on recovery. Exactly-once holds.
import { defineModel, diamond, records } from 'cutcheck';

export default defineModel({
  name: 'Flink job, unaligned checkpoints',
  topology: diamond(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'unaligned',
});
