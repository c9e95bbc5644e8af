// A classic mistake, shipped to test the checker itself: Chandy-Lamport that
// on the first marker a process forwards markers and starts recording channels, but saves its own state only after handling its next event.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: record-after-handling',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'fifo' },
  algorithm: { kind: 'chandy-lamport', initiators: [0], variant: 'record-after-handling' },
});
