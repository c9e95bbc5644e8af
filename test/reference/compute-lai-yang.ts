// Regenerates expected-lai-yang.json from the naive Lai-Yang checker: `npx tsx test/reference/compute-lai-yang.ts`.
// The largest rows take about two minutes together, too long for every test run; the test suite re-runs the
// naive checker on the others and compares the engine with every row.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { naiveLaiYangFacts } from './naive-lai-yang.ts';
import { parseNaiveTopology, type NaiveSpec } from './naive.ts';

export const LAI_YANG_MODELS: readonly (readonly [string, string])[] = ['complete:3', 'ring:4', 'biring:4'].flatMap((t) =>
  ['bank:1,1', 'token:3'].map((w) => [t, w] as const),
);

export function naiveWorkload(s: string): NaiveSpec['workload'] {
  const bank = /^bank:(\d+),(\d+)$/.exec(s);
  if (bank) return { kind: 'bank', balance: Number(bank[1]), transfers: Number(bank[2]) };
  const token = /^token:(\d+)$/.exec(s);
  if (token) return { kind: 'token', hops: Number(token[1]) };
  throw new Error(`bad workload: ${s}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = LAI_YANG_MODELS.flatMap(([topology, workload]) =>
    (['fifo', 'unordered'] as const).map((discipline) => {
      const start = Date.now();
      const facts = naiveLaiYangFacts({ ...parseNaiveTopology(topology), workload: naiveWorkload(workload), discipline, initiators: [0] });
      console.log(`${topology} ${workload} ${discipline}: ${JSON.stringify(facts)} (${Date.now() - start} ms)`);
      return { topology, workload, discipline, initiators: [0], facts };
    }),
  );
  writeFileSync(fileURLToPath(new URL('./expected-lai-yang.json', import.meta.url)), `${JSON.stringify(rows, null, 2)}\n`);
}
