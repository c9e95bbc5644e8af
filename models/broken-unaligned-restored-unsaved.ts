// Flink's FLINK-20654 (fixed in PR #14509), as unaligned checkpoints on a two-input task: after a crash restores
// checkpoint 1, sum's second checkpoint starts at the barrier on one input while the other still replays records
// restored from checkpoint 1's channel state. Those records are saved by nobody, so the second crash, which
// restores checkpoint 2, loses them. One crash already gives an inconsistent checkpoint; the loss needs two.
import { defineModel, fanin, records } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'broken: unaligned/restored-unsaved (FLINK-20654)',
  topology: fanin(2),
  workload: records(1),
  network: { discipline: 'fifo', faults: { crash: true, budget: 2 } },
  algorithm: { kind: 'unaligned/restored-unsaved', initiators: [0, 1], snapshots: 2 },
});
