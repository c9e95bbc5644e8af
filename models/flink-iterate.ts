// A loop: src feeds head, head feeds body, body feeds the sink and, over the back-edge, head again. ABS aligns on
// the regular input only and logs what comes back over the back-edge until the barrier does; the log is part of
// the checkpoint, re-injected on recovery. Exactly-once holds.
import { defineModel, iterate, records } from 'cutcheck';

export default defineModel({
  name: 'Flink iteration, aligned checkpoints',
  topology: iterate(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs',
});
