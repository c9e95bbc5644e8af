// Smoke benchmark: runs SPIN on the reference models of NOTES.md and prints a table (npx tsx bench/spin/smoke.ts).
// Flags: --quick skips bank:1,1 on complete:4; --crosscheck also counts small models with crosscheck.ts.

import { explore } from './crosscheck.ts';
import { parseTopology, parseWorkload, promelaFor } from './promela.ts';
import { runSpin } from './run-spin.ts';

interface Case {
  workload: string;
  topology: string;
  discipline: 'fifo' | 'unordered';
  timeoutSec: number;
  /** The issue's figure for this model, if it gives one. */
  issue?: string;
}

const cases: Case[] = [
  { workload: 'bank:2,2', topology: 'complete:3', discipline: 'fifo', timeoutSec: 300, issue: '2.1M / 4.2 s' },
  { workload: 'bank:1,1', topology: 'biring:5', discipline: 'fifo', timeoutSec: 300, issue: '8.4M / 28 s' },
  { workload: 'bank:1,1', topology: 'complete:3', discipline: 'fifo', timeoutSec: 300 },
  { workload: 'bank:1,1', topology: 'complete:3', discipline: 'unordered', timeoutSec: 300 },
  { workload: 'token:6', topology: 'ring:5', discipline: 'fifo', timeoutSec: 300 },
  {
    workload: 'bank:1,1',
    topology: 'complete:4',
    discipline: 'fifo',
    timeoutSec: 120,
    issue: '>300 s, 11 GB',
  },
];

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const crosscheck = args.has('--crosscheck');
const memMb = 12_288;

const fmt = (x: number): string => x.toLocaleString('en-US');
const rows: string[][] = [
  ['model', 'disc', 'states', 'transitions', 'search s', 'compile s', 'MB', 'errors', 'note', 'issue'],
];

for (const c of cases) {
  if (quick && c.topology === 'complete:4') continue;
  const opts = {
    ...parseTopology(c.topology),
    workload: parseWorkload(c.workload),
    discipline: c.discipline,
    initiators: [0],
  };
  const model = `${c.workload} ${c.topology}`;
  const r = await runSpin(promelaFor(opts), { timeoutSec: c.timeoutSec, memMb });
  if ('unavailable' in r) {
    console.log(`SPIN unavailable: ${r.unavailable}`);
    process.exit(0);
  }
  const notes: string[] = [];
  if (r.timedOut) notes.push(`timed out at ${c.timeoutSec} s (partial)`);
  if (r.outOfMemory) notes.push(`hit MEMLIM ${memMb} MB`);
  if (r.depthTruncated) notes.push('depth limit hit');
  if (crosscheck && !r.timedOut && r.states <= 300_000) {
    const ref = explore(opts);
    notes.push(ref.states === r.states ? 'crosscheck ok' : `crosscheck MISMATCH ${ref.states}`);
  }
  rows.push([
    model,
    c.discipline,
    fmt(r.states),
    fmt(r.transitions),
    r.seconds.toFixed(2),
    r.compileSeconds.toFixed(2),
    r.memoryMb.toFixed(0),
    String(r.errors),
    notes.join('; '),
    c.issue ?? '',
  ]);
  console.error(`done: ${model} ${c.discipline}`);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
for (const row of rows) {
  console.log(row.map((cell, i) => (i >= 2 && i <= 7 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '));
}
