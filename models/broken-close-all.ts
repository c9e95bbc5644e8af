// A classic mistake, shipped to test the checker itself: Chandy-Lamport that
// the first marker closes every in-channel as empty, so nothing in flight is ever recorded.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: close-all',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'fifo' },
  algorithm: { kind: 'chandy-lamport', initiators: [0], variant: 'close-all' },
});
