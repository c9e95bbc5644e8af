// The same bank with unordered channels: a marker can overtake a transfer, and the cut gains or loses money.
import { bank, complete, defineModel } from 'cutcheck';

export const expect = 'violated';
export default defineModel({
  name: 'bank on complete:3, unordered',
  topology: complete(3),
  workload: bank(2, 2),
  network: { discipline: 'unordered' },
  algorithm: { kind: 'chandy-lamport', initiators: [0] },
});
