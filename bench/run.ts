// `npm run bench`: verifies a ladder of models exhaustively with all checks, each in its own process, and prints
// states, states/s, wall and CPU time, peak memory and bytes per stored state; then the same without reductions;
// and, where `spin` is installed, SPIN's search time on an equivalent Promela model in the same run, with the ratio.
// Then `cutcheck admit` on the course assignment's largest scenarios (test/fixtures/admit), each in its own process,
// against the one-minute target of issue 11.
// Usage: npm run bench [-- --quick] [-- --only TEXT] [-- --no-spin] [-- --no-full] [-- --no-admit] [-- --timeout S]
//        [-- --full-timeout S] [-- --spin-timeout S] [-- --workers N] [-- --repeat N]

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTopology, parseWorkload, promelaFor } from './spin/promela.ts';
import { runSpin } from './spin/run-spin.ts';

interface Rung {
  readonly topology: string;
  readonly workload: string;
  readonly channels: 'fifo' | 'unordered';
  /** A dataflow rung: the barrier algorithm, and how many times the job may crash. */
  readonly algorithm?: string;
  readonly crashes?: number;
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
  // Dataflow jobs (Flink's checkpoints) with crashes and the exactly-once checks; SPIN has no model of these.
  { topology: 'diamond', workload: 'records:3', channels: 'fifo', algorithm: 'abs', crashes: 1 },
  { topology: 'diamond', workload: 'records:3', channels: 'fifo', algorithm: 'unaligned', crashes: 1 },
  { topology: 'diamond', workload: 'records:5', channels: 'fifo', algorithm: 'unaligned', crashes: 2 },
  { topology: 'fanin:3', workload: 'records:3', channels: 'fifo', algorithm: 'abs', crashes: 2 },
  { topology: 'fanin:3', workload: 'records:3', channels: 'fifo', algorithm: 'unaligned', crashes: 2 },
];

interface Measured {
  verdict: string;
  states: number;
  wallMs: number;
  cpuMs: number;
  statesPerSecond: number;
  peakRssBytes: number;
  bytesPerState: number;
  reductions: string;
}

const args = process.argv.slice(2);
const value = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const timeoutSec = value('--timeout', 600);
const fullTimeoutSec = value('--full-timeout', 300);
const spinTimeoutSec = value('--spin-timeout', 300);
const workers = value('--workers', 2);
const repeat = value('--repeat', 1);
const name = (r: Rung): string => `${r.workload} on ${r.topology} ${r.channels}${r.algorithm === undefined ? '' : ` ${r.algorithm}`}${r.crashes === undefined ? '' : ` ${r.crashes} crash${r.crashes === 1 ? '' : 'es'}`}`;
const rungFlags = (r: Rung): string[] => [...(r.algorithm === undefined ? [] : ['--algorithm', r.algorithm]), ...(r.crashes === undefined ? [] : ['--crashes', String(r.crashes)])];
const rungs = LADDER.filter((r) => (only === undefined ? !quick || r === LADDER[0] : name(r).includes(only)));
const one = fileURLToPath(new URL('./one.ts', import.meta.url));

const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (ms: number): string => (ms / 1000).toFixed(1);

/** Runs bench/one.ts `repeat` times and keeps the fastest run (other processes share the cores). */
function measure(r: Rung, extra: readonly string[], limitSec = timeoutSec): Measured | string {
  let best: Measured | string = 'not run';
  for (let i = 0; i < repeat; i++) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', one, r.topology, r.workload, r.channels, '--workers', String(workers), ...rungFlags(r), ...extra], {
      encoding: 'utf8',
      timeout: limitSec * 1000,
      maxBuffer: 1 << 24,
    });
    if (run.error !== undefined || run.status !== 0) {
      if (typeof best === 'string') best = run.error !== undefined ? `did not finish within ${limitSec} s` : run.stderr.trim() || `exit ${run.status}`;
      continue;
    }
    const m = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measured;
    if (typeof best === 'string' || m.wallMs < best.wallMs) best = m;
  }
  return best;
}

const row = (label: string, m: Measured | string): string =>
  typeof m === 'string'
    ? `${label.padEnd(52)} ${m}`
    : `${label.padEnd(52)} ${m.verdict.padEnd(9)} ${int(m.states).padStart(12)} ${int(m.statesPerSecond).padStart(10)}/s ${secs(m.wallMs).padStart(7)} s ${secs(m.cpuMs).padStart(7)} s cpu ${mb(m.peakRssBytes).padStart(8)} ${m.bytesPerState.toFixed(1).padStart(5)} B/state  ${m.reductions}`;

console.log(`cutcheck bench on ${process.platform}/${process.arch}, node ${process.version}, ${workers} search thread(s); each run exhaustive, all checks, its own process${repeat > 1 ? `, best of ${repeat}` : ''}`);
console.log(`command: npm run bench -- ${args.join(' ')}`.trimEnd());
const summary: string[] = [];
for (const r of rungs) {
  const reduced = measure(r, []);
  console.log(row(name(r), reduced));
  if (!args.includes('--no-full')) console.log(row('  without reductions', measure(r, ['--no-por', '--no-symmetry'], fullTimeoutSec)));
  if (args.includes('--no-spin')) continue;
  if (r.algorithm !== undefined) {
    console.log('  SPIN: no Promela model of barrier snapshots with crashes (bench/spin models Chandy-Lamport only)');
    continue;
  }
  const pml = promelaFor({ ...parseTopology(r.topology), workload: parseWorkload(r.workload), discipline: r.channels, initiators: [0] });
  const spin = await runSpin(pml, { timeoutSec: spinTimeoutSec, memMb: 16_000 });
  if ('unavailable' in spin) {
    console.log(`  SPIN: ${spin.unavailable}`);
    continue;
  }
  const unfinished = spin.timedOut ? `did not finish within ${spinTimeoutSec} s` : spin.outOfMemory ? 'ran out of memory' : '';
  const spinMs = spin.seconds * 1000;
  const ours = typeof reduced === 'string' ? null : reduced.wallMs;
  const ratio = ours === null ? 'n/a' : `${spin.timedOut || spin.outOfMemory ? '>' : ''}${(spinMs / ours).toFixed(1)}× faster than SPIN`;
  console.log(
    `  SPIN 6 (pan -O2 safety, no ghosts)   ${int(spin.states).padStart(12)} states ${secs(spinMs).padStart(7)} s search (+${spin.compileSeconds.toFixed(1)} s compile) ${int(spin.memoryMb).padStart(6)} MB ${unfinished}  → cutcheck ${ratio}`,
  );
  summary.push(`${name(r)}: cutcheck ${ours === null ? 'n/a' : `${secs(ours)} s`}, SPIN ${unfinished === '' ? `${secs(spinMs)} s` : `> ${secs(spinMs)} s (${unfinished})`}`);
}
if (summary.length > 0) console.log(`\nside by side:\n${summary.map((s) => `  ${s}`).join('\n')}`);

/** The assignment's largest scenarios, each with a snapshot file per snapshot its script starts (recorded by one random timing). */
const SCENARIOS: readonly { readonly label: string; readonly dir: string; readonly events: string; readonly snapshots: string }[] = [
  { label: '8 servers, 18 links, 2 snapshots one after another', dir: 'eight', events: 'events-2seq.txt', snapshots: 'snapshot-2seq-' },
  { label: '8 servers, 18 links, 5 overlapping snapshots', dir: 'eight', events: 'events-5overlap.txt', snapshots: 'snapshot-5overlap-' },
  { label: '10-server one-way ring, 100 sends, 10 overlapping snapshots', dir: 'ring10', events: 'events.txt', snapshots: 'snapshot-' },
];

if (!args.includes('--no-admit') && !quick && only === undefined) {
  const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const fixtures = fileURLToPath(new URL('../test/fixtures/admit/', import.meta.url));
  console.log('\ncutcheck admit on the assignment\'s largest scenarios (target: each decided in under a minute)');
  for (const sc of SCENARIOS) {
    const files = readdirSync(`${fixtures}${sc.dir}`).filter((f) => f.startsWith(sc.snapshots)).sort().map((f) => `${sc.dir}/${f}`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'admit', `${sc.dir}/topology.txt`, `${sc.dir}/${sc.events}`, ...files, '--json', '--no-progress'], {
      cwd: fixtures,
      encoding: 'utf8',
      timeout: timeoutSec * 1000,
      maxBuffer: 1 << 26,
    });
    const wall = performance.now() - started;
    if (run.error !== undefined || run.stdout.trim() === '') {
      console.log(`  ${sc.label.padEnd(62)} did not finish within ${timeoutSec} s`);
      continue;
    }
    const out = JSON.parse(run.stdout) as { search: { states: number }; snapshots: { verdict: string; unique: boolean }[] };
    const verdicts = out.snapshots.map((x) => x.verdict);
    const tally = [...new Set(verdicts)].map((v) => `${verdicts.filter((x) => x === v).length} ${v}`).join(', ');
    console.log(`  ${sc.label.padEnd(62)} ${tally.padEnd(24)} ${int(out.search.states).padStart(12)} states ${secs(wall).padStart(7)} s  ${wall < 60_000 ? 'under a minute' : 'OVER A MINUTE'}`);
  }
}
