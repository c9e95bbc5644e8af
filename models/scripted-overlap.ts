// A script that places two snapshots, as a course assignment's harness runs them: N1 starts the first, and N2 the
// second while the first may still be running. The harness does not wait, so the snapshots overlap; verify follows
// each alone, and every check holds for both (proofs/overlapping-snapshots.md says why each may be followed alone).
import { defineModel, edges, scriptWorkload, type ScriptEvent } from 'cutcheck';

const [N1, N2] = [0, 1];
const events: ScriptEvent[] = [
  { kind: 'send', from: N1, to: N2, tokens: 3 },
  { kind: 'snapshot', at: N1 },
  { kind: 'send', from: N2, to: N1, tokens: 2 },
  { kind: 'snapshot', at: N2 },
  { kind: 'send', from: N1, to: N2, tokens: 4 },
];

export default defineModel({
  name: 'overlapping snapshots',
  topology: { ...edges([[N1, N2], [N2, N1]]), names: ['N1', 'N2'] },
  workload: scriptWorkload([10, 10], events, 'global', ['N1', 'N2']),
  // Two snapshots, both placed by the script.
  algorithm: { kind: 'chandy-lamport', initiators: [], snapshots: 2 },
});
