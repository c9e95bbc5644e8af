// Chandy-Lamport on a network that may lose one marker: the snapshot can never complete.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'lossy markers',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'fifo', faults: { lossy: true, messages: 'markers', budget: 1 } },
});
