// Runs one verification in its own process and prints one JSON line: counts, time and peak memory.
// bench/run.ts spawns this per model so each figure's peak RSS is that model's alone.

import { parseTopology, parseWorkload, verify } from '../src/index.ts';

const [topology = 'complete:3', workload = 'bank:2,2', channels = 'fifo', maxStates = '50000000'] = process.argv.slice(2);
const t = parseTopology(topology);
const w = parseWorkload(workload);
if (!t.ok || !w.ok || (channels !== 'fifo' && channels !== 'unordered')) {
  process.stderr.write(`bench/one: bad arguments ${process.argv.slice(2).join(' ')}\n`);
  process.exit(2);
}
const start = performance.now();
const r = verify(
  { name: 'bench', topology: t.value, workload: w.value, network: { discipline: channels } },
  { stopAtFirst: false, maxStates: Number(maxStates) },
);
const wallMs = performance.now() - start;
if (!r.ok) {
  process.stderr.write(`${r.error.code}: ${r.error.message}\n`);
  process.exit(2);
}
const s = r.value.stats;
process.stdout.write(
  `${JSON.stringify({
    verdict: r.value.verdict,
    states: s.productStates,
    appStates: s.appStates,
    transitions: s.transitions,
    wallMs,
    searchMs: s.elapsedMs,
    statesPerSecond: s.productStates / (wallMs / 1000),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    storeBytes: s.storeBytes,
    bytesPerState: s.storeBytes / Math.max(1, s.productStates + s.appStates),
    exhaustive: s.exhaustive,
    facts: r.value.facts,
  })}\n`,
);
