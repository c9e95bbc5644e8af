// A classic mistake, shipped to test the checker itself: Chandy-Lamport that
// only the initiator sends markers; a process that records on a marker does not forward it.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: no-forwarding',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'fifo' },
  algorithm: { kind: 'chandy-lamport', initiators: [0], variant: 'no-forwarding' },
});
