// The write-up's second system: a Flink-style job (one source fanned out to two tasks that feed a two-input join),
// checkpointed with aligned barrier snapshots (ABS), that may crash once and recover from its latest completed
// checkpoint. Every record is absorbed exactly once.
import { defineModel, diamond, records } from 'cutcheck';

export default defineModel({
  name: 'Flink job, aligned checkpoints',
  topology: diamond(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs',
});
