// The same as repeated-snapshots.ts, but markers are taken for the current snapshot's whatever their id: a
// stale duplicate from the first snapshot closes a channel of the second too early.
import { bank, edges, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: ignore-ids',
  topology: edges([[0, 1], [1, 0]]),
  workload: bank(1, 1),
  network: { discipline: 'fifo', faults: { duplicating: true, messages: 'markers', budget: 1 } },
  algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2, variant: 'ignore-ids' },
});
