// A Lai-Yang mistake, shipped to test the checker itself: a white process records only when it initiates or a
// count arrives, so it may handle a red message (sent after its sender recorded) first, an orphan in the cut.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: Lai-Yang handling a red message before recording',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'unordered' },
  algorithm: { kind: 'lai-yang/handle-red-first', initiators: [0] },
});
