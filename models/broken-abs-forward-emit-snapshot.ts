// ABS with the barrier forwarded before the state is saved: a record absorbed in between is in the task's snapshot although the source will replay it (a duplicate after a crash).
import { defineModel, pipeline, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: abs/forward-emit-snapshot',
  topology: pipeline(3),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs/forward-emit-snapshot',
});
