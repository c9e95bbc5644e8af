// bank:2,2 on complete:3 over FIFO channels: Chandy-Lamport's theorem, checked on every interleaving.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'holds';
export default defineModel({
  name: 'bank on complete:3, FIFO',
  topology: complete(3),
  workload: bank(2, 2),
  network: { discipline: 'fifo' },
  algorithm: { kind: 'chandy-lamport', initiators: [0] },
});
