// Regenerates expected-facts.json from the naive reference checker: `npx tsx test/reference/compute-expected.ts`.
// Each model gets a 60 s budget; models over budget are skipped and listed on stderr.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { naiveFacts, parseNaiveTopology, type NaiveFacts, type NaiveSpec } from './naive.ts';

type Row = { topology: string; workload: string; discipline: NaiveSpec['discipline']; initiators: number[]; facts: NaiveFacts };

function parseWorkload(s: string): NaiveSpec['workload'] {
  const bank = /^bank:(\d+),(\d+)$/.exec(s);
  if (bank) return { kind: 'bank', balance: Number(bank[1]), transfers: Number(bank[2]) };
  const token = /^token:(\d+)$/.exec(s);
  if (token) return { kind: 'token', hops: Number(token[1]) };
  throw new Error(`bad workload: ${s}`);
}

const disciplines = ['fifo', 'unordered'] as const;
const models: [string, string, number[]][] = [];
for (const w of ['bank:1,1', 'bank:2,1', 'bank:1,2']) {
  for (const t of ['edges:0>1,1>0', 'complete:3', 'ring:3', 'star:3', 'line:3']) models.push([t, w, [0]]);
}
for (const w of ['token:2', 'token:3', 'token:4']) {
  for (const t of ['ring:3', 'biring:3', 'complete:3']) models.push([t, w, [0]]);
}
models.push(['complete:3', 'bank:1,1', [0, 2]]);

const rows: Row[] = [];
const skipped: string[] = [];
const t0 = Date.now();
for (const [topology, workload, initiators] of models) {
  for (const discipline of disciplines) {
    const label = `${topology} ${workload} ${discipline} [${initiators.join(',')}]`;
    const start = Date.now();
    try {
      const spec: NaiveSpec = { ...parseNaiveTopology(topology), workload: parseWorkload(workload), discipline, initiators };
      const facts = naiveFacts(spec, { deadlineMs: 60_000 });
      rows.push({ topology, workload, discipline, initiators, facts });
      console.log(`${label.padEnd(42)} ${String(Date.now() - start).padStart(6)} ms  ${JSON.stringify(facts)}`);
    } catch (e) {
      skipped.push(label);
      console.error(`SKIPPED ${label} after ${Date.now() - start} ms: ${(e as Error).message}`);
    }
  }
}
const out = fileURLToPath(new URL('./expected-facts.json', import.meta.url));
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.log(`${rows.length} rows written to ${out} in ${Date.now() - t0} ms; skipped: ${skipped.length ? skipped.join('; ') : 'none'}`);
