// A Lai-Yang mistake, shipped to test the checker itself: the control message carries no count of white
// messages, so a channel's recording ends when it arrives. Without FIFO a white message can still be behind it,
// and the cut loses it.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: Lai-Yang closing a channel without the count',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'unordered' },
  algorithm: { kind: 'lai-yang/no-count', initiators: [0] },
});
