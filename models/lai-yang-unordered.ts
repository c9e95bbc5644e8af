// Lai-Yang needs no FIFO: the same bank on unordered channels, where Chandy-Lamport records inconsistent cuts
// (see bank-unordered.ts), holds here. Messages carry their sender's colour; a count of white messages closes
// each channel.
import { bank, complete, defineModel } from 'cutcheck';

export default defineModel({
  name: 'Lai-Yang, bank on complete:3, unordered',
  topology: complete(3),
  workload: bank(1, 1),
  network: { discipline: 'unordered' },
  algorithm: { kind: 'lai-yang', initiators: [0] },
});
