// A course assignment's scenario as a model: two servers holding tokens, a script of sends run in one global order
// (as the assignment's harness runs its events file), and one snapshot that the script starts at N1 while tokens
// are still moving. cutcheck explores every timing of the deliveries; the script fixes everything else.
import { defineModel, edges, scriptWorkload, type ScriptEvent } from 'cutcheck';

const [N1, N2] = [0, 1];
const events: ScriptEvent[] = [
  { kind: 'send', from: N1, to: N2, tokens: 3 },
  { kind: 'send', from: N2, to: N1, tokens: 1 },
  { kind: 'snapshot', at: N1 },
  { kind: 'send', from: N2, to: N1, tokens: 2 },
  { kind: 'send', from: N1, to: N2, tokens: 4 },
];

export default defineModel({
  name: 'scripted tokens',
  topology: { ...edges([[N1, N2], [N2, N1]]), names: ['N1', 'N2'] },
  workload: scriptWorkload([10, 10], events, 'global', ['N1', 'N2']),
  // The script places the snapshot: no process starts one of its own accord.
  algorithm: { kind: 'chandy-lamport', initiators: [], snapshots: 1 },
});
