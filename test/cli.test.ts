// The command line as a user meets it: exit codes, one-line errors, --json, model files.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_MAIN } from './cli-main.ts';

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI_MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('a reader that stops early', () => {
  it('ends the command quietly, with its own exit code, not a crash on the closed pipe', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI_MAIN}" simulate -t complete:3 -c unordered --seed 5 | head -1; echo "exit \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim().split('\n')).toEqual(['cutcheck: bank:1,1 on complete:3, unordered channels, chandy-lamport from P0, simulated', 'exit 1']);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});

describe('cutcheck verify', () => {
  it('stops at the memory bound with what it found, names the bound and the flag, and exits 3', () => {
    const r = cli('verify', '-t', 'complete:3', '-w', 'bank:2,2', '--no-por', '--no-symmetry', '--max-memory', '0.15', '--max-states', '50000000', '--no-progress');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/\(partial: the search reached the memory bound of 0\.15 GB; raise --max-memory, or lower --max-states\)/);
    expect(r.out).toMatch(/verdict: INCOMPLETE/);
    expect(r.err).toBe('');
    // Without --max-states, the state bound is what that memory holds (here the least, a million), and it is named.
    const d = cli('verify', '-t', 'complete:3', '-w', 'bank:2,2', '--no-por', '--no-symmetry', '--max-memory', '0.15', '--no-progress');
    expect(d.code).toBe(3);
    expect(d.out).toMatch(/\(partial: the search reached the state bound of 1,000,000 states; raise --max-states to explore everything\)/);
  });

  it('exits 0 and says HOLDS when every check holds', () => {
    const r = cli('verify', '--topology', 'ring:3', '--workload', 'token:3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verdict: HOLDS/);
    expect(r.out).toMatch(/✓ consistent {2}✓ reachable {2}✓ stable {2}✓ invariant {2}✓ terminates/);
  });

  it('exits 1 with a counterexample on unordered channels', () => {
    const r = cli('verify', '--topology', 'edges:0>1,1>0', '--channels', 'unordered');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ consistent: counterexample in 4 steps/);
    expect(r.out).toMatch(/recorded cut S\*/);
  });

  it('prints one JSON object with verdict, the five facts, stats and violations', () => {
    const r = cli('verify', '--topology', 'edges:0>1,1>0', '--channels', 'unordered', '--continue', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j['schemaVersion']).toBe(1);
    expect(j['kind']).toBe('verify');
    expect(j['verdict']).toBe('violated');
    expect((j['checks'] as Record<string, unknown>)['consistent']).toEqual({ status: 'violated', shortest: 4 });
    expect(j['facts']).toEqual({ appStates: 9, cuts: 20, inconsistentCuts: 14, unreachableCuts: 14, shortestInconsistent: 4 });
    expect(j['factsComplete']).toBe(true);
    expect(Object.keys(j['stats'] as object)).toEqual(expect.arrayContaining(['productStates', 'transitions', 'depth']));
    const violations = j['violations'] as { check: string; explanation: string; trace: { steps: unknown[] } }[];
    expect(violations.map((v) => v.check)).toContain('consistent');
    expect(violations[0]?.trace.steps).toHaveLength(4);
  });

  it('loads a model file that exports only a workload, with the topology from the command line', () => {
    const r = cli('verify', 'test/fixtures/workload-only.ts', '--topology', 'ring:3', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { model: { workload: string } }).model.workload).toBe('gossip');
  });

  it('reports a topology the markers cannot cover as a terminates violation, not an error', () => {
    const r = cli('verify', '--topology', 'edges:0>1,2>0');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/P2 never records/);
  });

  it.each([
    [['verify', '--topology', 'mesh:3'], /CC001.*unknown topology 'mesh'/],
    [['verify', '--workload', 'bank:x,1'], /CC002/],
    [['verify', '--initiators', '0,a'], /CC003/],
    [['verify', '--initiators', '7'], /CC005.*initiator 7/],
    [['verify', '--max-states', '-5'], /CC00[37]/],
    [['verify', '--channels', 'lossy-ish'], /CC007.*fifo or unordered/],
    [['verify', '--frobnicate'], /CC007/],
    [['proove'], /CC007.*unknown command 'proove'; expected verify, assumptions, compare, simulate, merge, replay, render, prove, examples, init or help/],
    [['verify', 'test/fixtures/missing.ts'], /CC004.*does not exist/],
    [['verify', 'test/fixtures/throws.ts'], /CC004.*broken on purpose/],
    [['verify', 'test/fixtures/no-export.ts'], /CC004.*exports no model/],
    [['verify', '--faults', '2'], /CC007.*need --lossy, --duplicating or --crashes/],
    [['verify', '--lossy', '--faults', '99'], /CC003.*--faults/],
    [['verify', '--snapshots', '0'], /CC003.*--snapshots/],
    [['verify', '--variant', 'sloppy'], /CC007.*--variant/],
    [['verify', '--workers', '0'], /CC003.*--workers/],
    [['assumptions', 'a.ts', 'b.ts'], /CC007.*one model/],
  ])('%j fails with exit 2 and one line naming the problem', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('takes faults, repeated snapshots and broken variants as flags', () => {
    expect(cli('verify', '--lossy', '--fault-messages', 'markers').out).toMatch(/✗ terminates \(13 steps\)/);
    expect(cli('verify', '--snapshots', '2', '--continue').code).toBe(0);
    expect(cli('verify', '--variant', 'no-forwarding').out).toMatch(/every process recorded but P1→P0, P1→P2, P2→P0, P2→P1 never closed/);
  });

  it('reaches the same facts with reductions and threads switched off', () => {
    const on = JSON.parse(cli('verify', '--workload', 'bank:1,1', '--json').out) as { facts: unknown; stats: { reductions: { partialOrder: string } } };
    const off = JSON.parse(cli('verify', '--workload', 'bank:1,1', '--json', '--no-por', '--no-symmetry', '--workers', '1').out) as typeof on;
    expect(off.facts).toEqual(on.facts);
    expect(on.stats.reductions.partialOrder).toBe('on');
    expect(off.stats.reductions.partialOrder).not.toBe('on');
  });

  it('exits 3 and says INCOMPLETE when --max-states cuts the search short', () => {
    const r = cli('verify', '--max-states', '10');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/INCOMPLETE/);
  });
});

describe('cutcheck assumptions', () => {
  it('prints the matrix as JSON rows, one per dropped assumption', () => {
    const r = cli('assumptions', '--topology', 'complete:3', '--workload', 'bank:1,1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { kind: string; rows: { dropped: string; checks: Record<string, { status: string; shortest: number | null }> }[] };
    expect(j.kind).toBe('assumptions');
    expect(j.rows.map((x) => x.dropped)).toEqual(['none', 'fifo', 'reliable', 'no-duplication', 'single-snapshot', 'connectivity']);
    expect(j.rows[1]?.checks['consistent']).toEqual({ status: 'violated', shortest: 8 });
    expect(j.rows[0]?.checks['terminates']).toEqual({ status: 'holds', shortest: null });
  });

  it('prints a table and a command that replays each row', () => {
    const r = cli('assumptions', '--topology', 'ring:3', '--workload', 'token:2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/dropped +consistent +reachable +stable +invariant +terminates/);
    expect(r.out).toMatch(/cutcheck verify --workload token:2 --topology ring:3 --channels unordered --continue/);
  });
});
