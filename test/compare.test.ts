// `cutcheck compare`: several algorithms on one model, over all executions. Its figures are pinned for the
// diamond of models/user-aligned-markers.ts (three algorithms, three trade-offs), Chandy-Lamport's costs agree with
// a naive dynamic programme over every execution (test/reference/naive.ts), and the command line prints the table,
// takes the model file's own algorithm by name, and says plainly what it does not know.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  STEP_CAP, bank, compareAlgorithms, complete, edges, parseTopology, token, type Comparison, type ModelSpec, type Workload,
} from '../src/index.ts';
import { naiveCosts, parseNaiveTopology } from './reference/naive.ts';
import diamond, { alignedMarkers } from '../models/user-aligned-markers.ts';
import { CLI_MAIN } from './cli-main.ts';

const REPO = new URL('..', import.meta.url).pathname;
const cli = (args: readonly string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: REPO, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

function compared(spec: ModelSpec, algorithms: readonly (string | typeof alignedMarkers)[]): Comparison {
  const r = compareAlgorithms(spec, algorithms as never, { workers: 1 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const topo = (text: string): ModelSpec['topology'] => {
  const t = parseTopology(text);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
};

describe('compare on the diamond of models/user-aligned-markers.ts', () => {
  const c = compared(diamond as ModelSpec, ['chandy-lamport', 'lai-yang', alignedMarkers]);
  const by = (name: string) => c.algorithms.find((a) => a.name === name)!;

  it('holds every check with each of the three algorithms', () => {
    expect(c.algorithms.map((a) => a.name)).toEqual(['chandy-lamport', 'lai-yang', 'aligned-markers']);
    for (const a of c.algorithms) {
      expect(a.verdict).toBe('holds');
      expect(Object.values(a.checks)).toEqual([...Array(5).fill({ status: 'holds', shortest: null }), ...Array(3).fill({ status: 'n/a', shortest: null })]);
      expect(a.violations).toEqual([]);
    }
  });

  it('pins what each snapshot costs: channel state, a piggybacked bit, or messages held back', () => {
    const costs = (name: string) => {
      const { controlMessages, recordedMessages, piggybackBits, piggybackValues, steps, heldBack, complete } = by(name).costs;
      return { controlMessages, recordedMessages, piggybackBits, piggybackValues, steps, heldBack, complete };
    };
    const common = { controlMessages: { min: 4, max: 4 }, steps: { min: 5, max: 11, atLeast: false }, complete: true };
    expect(costs('chandy-lamport')).toEqual({ ...common, recordedMessages: { min: 0, max: 1 }, piggybackBits: { min: 0, max: 0 }, piggybackValues: 0, heldBack: null });
    expect(costs('lai-yang')).toEqual({ ...common, recordedMessages: { min: 0, max: 1 }, piggybackBits: { min: 1, max: 1 }, piggybackValues: 2, heldBack: null });
    expect(costs('aligned-markers')).toEqual({ ...common, recordedMessages: { min: 0, max: 0 }, piggybackBits: { min: 0, max: 0 }, piggybackValues: 0, heldBack: { min: 0, max: 1 } });
  });

  it('pins the states of both searches for each algorithm', () => {
    expect(c.algorithms.map((a) => [a.result.stats.productStates, a.costs.states])).toEqual([
      [138, 2467],
      [1288, 2818],
      [727, 1945],
    ]);
  });
});

describe("Chandy-Lamport's costs", () => {
  const cases = [
    { topology: 'edges:0>1,1>0', workload: 'bank:1,1', discipline: 'fifo' },
    { topology: 'ring:3', workload: 'token:3', discipline: 'fifo' },
    { topology: 'line:3', workload: 'bank:2,1', discipline: 'fifo' },
    { topology: 'complete:3', workload: 'bank:1,1', discipline: 'fifo' },
    { topology: 'complete:3', workload: 'bank:1,1', discipline: 'unordered' },
    { topology: 'star:3', workload: 'token:2', discipline: 'unordered' },
  ] as const;
  it.each(cases)('agree with a naive dynamic programme on $topology with $workload, $discipline', ({ topology, workload, discipline }) => {
    const [kind, args = ''] = workload.split(':');
    const [a = 1, b = 1] = args.split(',').map(Number);
    const w = kind === 'bank' ? bank(a, b) : token(a);
    const c = compared({ name: topology, topology: topo(topology), workload: w as ModelSpec['workload'], network: { discipline } }, ['chandy-lamport']);
    const { n, channels } = parseNaiveTopology(topology);
    const naive = naiveCosts({
      n, channels, discipline, initiators: [0],
      workload: kind === 'bank' ? { kind: 'bank', balance: a, transfers: b } : { kind: 'token', hops: a },
    });
    const costs = c.algorithms[0]!.costs;
    expect(costs.complete).toBe(true);
    expect({ markers: costs.controlMessages, recorded: costs.recordedMessages, steps: costs.steps && { min: costs.steps.min, max: costs.steps.max } }).toEqual(naive);
    expect(costs.controlMessages).toEqual({ min: channels.length, max: channels.length });
  });
});

describe('compare of Chandy-Lamport and Lai-Yang without FIFO', () => {
  const c = compared({ name: 'bank', topology: complete(3), workload: bank(1, 1) as ModelSpec['workload'], network: { discipline: 'unordered' } }, ['chandy-lamport', 'lai-yang']);

  it('finds Chandy-Lamport inconsistent in 8 steps, as the assumption matrix does, and Lai-Yang holding', () => {
    const [cl, ly] = c.algorithms;
    expect(cl!.verdict).toBe('violated');
    expect(cl!.checks.consistent).toEqual({ status: 'violated', shortest: 8 });
    expect(cl!.violations[0]!.check).toBe('consistent');
    expect(cl!.violations[0]!.trace.steps).toHaveLength(8);
    expect(ly!.verdict).toBe('holds');
  });

  it('prices Lai-Yang at one bit per message and one control message per channel', () => {
    const ly = c.algorithms[1]!.costs;
    expect(ly.piggybackBits).toEqual({ min: 1, max: 1 });
    expect(ly.controlMessages).toEqual({ min: 6, max: 6 });
    expect(c.algorithms[0]!.costs.piggybackBits).toEqual({ min: 0, max: 0 });
  });
});

describe('costs that need care', () => {
  it('count more messages held back behind a blocked channel when more are sent', () => {
    const c = compared({ ...(diamond as ModelSpec), workload: bank(2, 2) as ModelSpec['workload'] }, [alignedMarkers]);
    expect(c.algorithms[0]!.costs.heldBack).toEqual({ min: 0, max: 2 });
    expect(c.algorithms[0]!.costs.recordedMessages).toEqual({ min: 0, max: 0 });
  });

  it('say "at least" when the workload can keep a snapshot open forever', () => {
    // Each process may flip a bit for ever, so a snapshot may stay open for any number of steps.
    const forever: Workload<boolean, 'none'> = {
      name: 'flip',
      init: () => false,
      actions: (s) => [{ label: 'flip', next: !s }],
      receive: (s) => ({ next: s }),
    };
    const c = compared({ name: 'flip', topology: edges([[0, 1], [1, 0]]), workload: forever as ModelSpec['workload'] }, ['chandy-lamport']);
    const steps = c.algorithms[0]!.costs.steps!;
    expect(steps.atLeast).toBe(true);
    expect(steps.max).toBe(STEP_CAP);
    expect(steps.min).toBe(3);
  });
});

describe('compare refuses', () => {
  const spec = diamond as ModelSpec;
  it('an unknown algorithm, naming the known ones and the model file\'s own', () => {
    const r = compareAlgorithms(spec, ['chandy-lamport', 'lai-yong']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CC007');
    expect(r.error.message).toContain("unknown algorithm 'lai-yong'");
    expect(r.error.message).toContain("aligned-markers (the model's own)");
  });
  it('an algorithm listed twice, and an empty list', () => {
    const twice = compareAlgorithms(spec, ['lai-yang', 'lai-yang']);
    expect(!twice.ok && twice.error.message).toBe("algorithm 'lai-yang' is listed twice");
    const none = compareAlgorithms(spec, []);
    expect(!none.ok && none.error.code).toBe('CC007');
  });
  it('an algorithm that cannot take as many snapshots as the model asks for, naming it', () => {
    const r = compareAlgorithms({ ...spec, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }, ['chandy-lamport', 'lai-yang']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^lai-yang: /);
  });
});

describe('cutcheck compare', () => {
  it("prints one table, the model file's own algorithm included by default, and exits 0", () => {
    const r = cli(['compare', 'models/user-aligned-markers.ts', '--no-progress']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[2]).toMatch(/^\s+chandy-lamport\s+lai-yang\s+aligned-markers$/);
    expect(lines.find((l) => l.startsWith('  bits piggybacked'))).toMatch(/per message\s+0\s+1\s+0$/);
    expect(lines.find((l) => l.startsWith('  most messages held back'))).toMatch(/never blocks\s+never blocks\s+0–1$/);
  });

  it('follows the table with each shortest counterexample and the command that shows it in full', () => {
    const r = cli(['compare', '--topology', 'edges:0>1,1>0', '--channels', 'unordered', '--algorithms', 'chandy-lamport,lai-yang', '--no-progress']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^consistent\s+VIOLATED \(\d+\)\s+held$/m);
    expect(r.out).toContain('chandy-lamport: the shortest counterexample of each check that fails (in full: cutcheck verify --topology \'edges:0>1,1>0\'');
    expect(r.out).toContain('--channels unordered --continue)');
    expect(r.out).not.toContain('lai-yang: the shortest counterexample');
  });

  it('exits 3 and says which search was cut short when the state bound is reached', () => {
    const r = cli(['compare', '--max-states', '2000', '--no-progress']);
    expect(r.code).toBe(3);
    expect(r.out).toContain("incomplete: cut short were chandy-lamport's checks (the state bound), chandy-lamport's costs (the state bound)");
  });

  it('takes one line and exit 2 for an unknown name, and keeps --algorithms to compare', () => {
    const r = cli(['compare', '--algorithms', 'chandy-lamport,nope']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain("unknown algorithm 'nope'; the known ones are chandy-lamport, lai-yang");
    const v = cli(['verify', '--algorithms', 'lai-yang']);
    expect(v.code).toBe(2);
    expect(v.err).toContain("--algorithms belongs to 'compare'");
  });

  it("refuses verify's output flags rather than ignoring them", () => {
    for (const flags of [['--report', 'x.html'], ['--trace-out', 'x.itf.json'], ['--continue']]) {
      const r = cli(['compare', ...flags]);
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(`cutcheck: error CC007 (usage): 'compare' does not take ${flags[0]} (it explores every execution; 'cutcheck verify' writes counterexamples)`);
    }
  });
});
