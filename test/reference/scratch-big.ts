// Temporary: times the one model skipped by compute-expected.ts (deleted after use).
import { naiveFacts, parseNaiveTopology } from './naive.ts';
const t = Date.now();
console.log(JSON.stringify(naiveFacts({ ...parseNaiveTopology('complete:3'), workload: { kind: 'bank', balance: 1, transfers: 2 }, discipline: 'unordered', initiators: [0] })), Date.now() - t, 'ms');
