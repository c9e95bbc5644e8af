// Two snapshots in sequence while the network may duplicate a marker: markers carry snapshot ids, so a stale
// duplicate from the first snapshot is recognised and ignored during the second. Compare broken-ignore-ids.ts.
import { bank, edges, defineModel } from 'cutcheck';

export const expect = 'holds';
export default defineModel({
  name: 'repeated snapshots, ids kept',
  topology: edges([[0, 1], [1, 0]]),
  workload: bank(1, 1),
  network: { discipline: 'fifo', faults: { duplicating: true, messages: 'markers', budget: 1 } },
  algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 },
});
