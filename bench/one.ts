// Runs one verification in its own process and prints one JSON line: counts, time, CPU time and peak memory.
// bench/run.ts spawns this per model so each figure's peak RSS is that model's alone.
// Usage: tsx bench/one.ts TOPOLOGY WORKLOAD fifo|unordered [--max N] [--no-por] [--no-symmetry] [--workers N]
//        [--algorithm NAME] [--crashes N]

import { parseTopology, parseWorkload, verify } from '../src/index.ts';
import { resolveModel } from '../src/model/define.ts';
import { WorkloadTable } from '../src/system/intern.ts';
import { ProductSystem } from '../src/system/system.ts';
import { appInfo } from '../src/reduce/appinfo.ts';
import { porBlocker } from '../src/reduce/por.ts';
import { symmetryFor } from '../src/reduce/symmetry.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const [topology = 'complete:3', workload = 'bank:2,2', channels = 'fifo'] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const t = parseTopology(topology);
const w = parseWorkload(workload);
if (!t.ok || !w.ok || (channels !== 'fifo' && channels !== 'unordered')) {
  process.stderr.write(`bench/one: bad arguments ${args.join(' ')}\n`);
  process.exit(2);
}
const topologyValue = t.value;
const workloadValue = w.value;
const workers = Number(flag('--workers') ?? 2);
const algorithm = flag('--algorithm');
const crashes = Number(flag('--crashes') ?? 0);
const network = { discipline: channels, ...(crashes > 0 ? { faults: { crash: true, budget: crashes } } : {}) } as const;
const spec = { name: 'bench', topology: t.value, workload: w.value, network, ...(algorithm === undefined ? {} : { algorithm }) };
const cpu0 = process.cpuUsage();
const start = performance.now();
const r = verify(
  spec,
  {
    stopAtFirst: false,
    maxStates: Number(flag('--max') ?? 500_000_000),
    partialOrder: !args.includes('--no-por'),
    symmetry: !args.includes('--no-symmetry'),
    workers,
  },
);
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
if (!r.ok) {
  process.stderr.write(`${r.error.code}: ${r.error.message}\n`);
  process.exit(2);
}
const s = r.value.stats;
/** Which reductions applied, as the product search decided them (recomputed here: verify reports facts, not this). */
function reductions(): string {
  const por = !args.includes('--no-por');
  const sym = !args.includes('--no-symmetry');
  if (!por && !sym) return 'no reductions';
  const m = resolveModel({ ...spec, topology: topologyValue, workload: workloadValue });
  if (!m.ok) return '?';
  const sys = new ProductSystem(m.value, new WorkloadTable(m.value), m.value.algorithm.impl, s.capacity, m.value.algorithm.snapshots);
  const info = appInfo(m.value, sys.table, s.capacity);
  const plan = symmetryFor(sys, info);
  const parts = [por && porBlocker(sys, info) === null ? 'POR' : '', sym && plan.symmetry !== null ? `symmetry ×${plan.perms.length + 1}` : ''];
  return parts.filter(Boolean).join(' + ') || 'no reduction applies';
}
process.stdout.write(
  `${JSON.stringify({
    verdict: r.value.verdict,
    checks: r.value.checks,
    states: s.productStates,
    appStates: s.appStates,
    transitions: s.transitions,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    searchMs: s.elapsedMs,
    statesPerSecond: s.productStates / (wallMs / 1000),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    storeBytes: s.storeBytes,
    bytesPerState: s.storeBytes / Math.max(1, s.productStates + s.appStates),
    collisionProbability: s.collisionProbability,
    exhaustive: s.exhaustive,
    reductions: reductions(),
    facts: r.value.facts,
  })}\n`,
);
