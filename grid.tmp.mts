import { verify, parseTopology, parseWorkload, BUILTIN_ALGORITHMS, builtinAlgorithm } from './src/index.ts';
const mp = [['edges:0>1,1>0','bank:1,1'],['ring:3','token:2'],['line:3','bank:1,1'],['edges:0>1,0>2,1>2','token:1']];
const df = [['pipeline:2','records:2'],['diamond','records:1'],['iterate','records:1'],['fanin:2','records:1']];
let total = 0, n = 0, big: string[] = [];
for (const alg of BUILTIN_ALGORITHMS) {
  const e = builtinAlgorithm(alg)!;
  const cases = e.family === 'dataflow' ? df : mp;
  for (const [t, w] of cases) for (const d of ['fifo','unordered'] as const) for (const f of [undefined, {lossy:true}, {duplicating:true}, {crash:true}]) {
    const t0 = performance.now();
    const r = verify({ name: 'g', topology: (parseTopology(t) as any).value, workload: (parseWorkload(w) as any).value, network: { discipline: d, ...(f ? { faults: f } : {}) }, algorithm: alg }, { workers: 1, stopAtFirst: false, maxStates: 200000 });
    const ms = performance.now() - t0; total += ms; n++;
    if (!r.ok) { console.log('ERR', alg, t, w, d, JSON.stringify(f), r.error.message); continue; }
    if (ms > 100) big.push(`${Math.round(ms)} ${alg} ${t} ${w} ${d} ${JSON.stringify(f)} ${r.value.stats.productStates}`);
  }
}
console.log(n, Math.round(total)); console.log(big.join('\n'));
