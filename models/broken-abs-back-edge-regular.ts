// ABS that aligns on a back-edge like any input: head waits for a barrier that can only come back after head forwards it (terminates fails: deadlock).
import { defineModel, iterate, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: abs/back-edge-regular',
  topology: iterate(),
  workload: records(2),
  network: { discipline: 'fifo', faults: { crash: true, budget: 1 } },
  algorithm: 'abs/back-edge-regular',
});
