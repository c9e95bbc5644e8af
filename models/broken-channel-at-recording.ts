// A classic mistake, shipped to test the checker itself: Chandy-Lamport that
// records a channel's state as what is queued on it when its receiver records, not what arrives between that moment and the channel's marker.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: channel-at-recording',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'fifo' },
  algorithm: { kind: 'chandy-lamport', initiators: [0], variant: 'channel-at-recording' },
});
