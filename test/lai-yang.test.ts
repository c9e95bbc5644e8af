// Lai-Yang, built in: every check holds without FIFO, its facts agree with a second, naive Lai-Yang checker written
// from the definition (test/reference/naive-lai-yang.ts), and each broken variant is caught with a shortest trace
// that tells the story of its bug.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assumptionMatrix, bank, parseTopology, token, verify, type Facts, type ModelSpec, type VerifyResult } from '../src/index.ts';
import { naiveLaiYangFacts } from './reference/naive-lai-yang.ts';
import { parseNaiveTopology } from './reference/naive.ts';
import { naiveWorkload } from './reference/compute-lai-yang.ts';

type Row = { topology: string; workload: string; discipline: 'fifo' | 'unordered'; initiators: number[]; facts: Facts };
const rows = JSON.parse(readFileSync(new URL('./reference/expected-lai-yang.json', import.meta.url), 'utf8')) as Row[];

const workloadOf = (w: string) => {
  const [kind, args = ''] = w.split(':');
  const n = args.split(',').map(Number);
  return (kind === 'bank' ? bank(n[0] ?? 1, n[1] ?? 1) : token(n[0] ?? 1)) as ModelSpec['workload'];
};

const topo = (text: string): ModelSpec['topology'] => {
  const t = parseTopology(text);
  if (!t.ok) throw new Error(t.error.message);
  return t.value;
};

function run(topology: string, workload: string, discipline: 'fifo' | 'unordered', kind = 'lai-yang', stopAtFirst = false): VerifyResult {
  const r = verify({ name: topology, topology: topo(topology), workload: workloadOf(workload), network: { discipline }, algorithm: { kind, initiators: [0] } }, { stopAtFirst });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('Lai-Yang', () => {
  it('has its facts pinned for bank and token on complete:3, ring:4 and biring:4, both disciplines', () => {
    expect(rows.map((r) => `${r.topology} ${r.workload} ${r.discipline}`)).toHaveLength(12);
  });

  it.each(rows)('holds every check on $topology with $workload, $discipline, with the naive checker\'s facts', ({ topology, workload, discipline, facts }) => {
    const r = run(topology, workload, discipline);
    expect(r.verdict).toBe('holds');
    // Every check that applies: the exactly-once checks are n/a without ghost ids.
    expect(Object.values(r.checks).every((s) => s === 'holds' || s === 'n/a')).toBe(true);
    expect(r.facts).toEqual(facts);
  });

  // The two largest rows (biring:4 with bank) take the naive checker two minutes; compute-lai-yang.ts made them.
  it.each(rows.filter((r) => !(r.topology === 'biring:4' && r.workload === 'bank:1,1')))(
    'is computed again by the naive checker, from the definition, for $topology $workload $discipline',
    ({ topology, workload, discipline, facts }) => {
      expect(naiveLaiYangFacts({ ...parseNaiveTopology(topology), workload: naiveWorkload(workload), discipline, initiators: [0] })).toEqual(facts);
    },
  );

  it('records every reachable state as a cut on unordered channels, where Chandy-Lamport records inconsistent ones', () => {
    const ly = run('complete:3', 'bank:1,1', 'unordered');
    const cl = run('complete:3', 'bank:1,1', 'unordered', 'chandy-lamport');
    expect(ly.facts.cuts).toBe(ly.facts.appStates);
    expect(cl.verdict).toBe('violated');
    expect(cl.facts.inconsistentCuts).toBeGreaterThan(0);
  });

  it('survives dropping FIFO in the assumption matrix, where Chandy-Lamport does not', () => {
    const spec = (kind: string): ModelSpec => ({ name: 'm', topology: topo('ring:3'), workload: workloadOf('bank:1,1'), algorithm: { kind, initiators: [0] } });
    const fifoRow = (kind: string) => {
      const m = assumptionMatrix(spec(kind));
      if (!m.ok) throw new Error(m.error.message);
      return m.value;
    };
    const ly = fifoRow('lai-yang');
    const cl = fifoRow('chandy-lamport');
    expect(ly.find((r) => r.dropped === 'fifo')?.verdict).toBe('holds');
    expect(cl.find((r) => r.dropped === 'fifo')?.verdict).toBe('violated');
    // Lai-Yang takes one snapshot per execution: no row for dropping that assumption.
    expect(ly.map((r) => r.dropped)).toEqual(['none', 'fifo', 'reliable', 'no-duplication', 'connectivity']);
  });

  it('refuses more than one snapshot per execution, in one line', () => {
    const r = verify({ name: 'm', topology: topo('ring:3'), workload: workloadOf('bank:1,1'), algorithm: { kind: 'lai-yang', initiators: [0], snapshots: 2 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('lai-yang takes at most 1 snapshot per execution, not 2');
  });

  it('does not complete when a count is lost, so terminates fails rather than a cut going wrong', () => {
    const r = verify({ name: 'm', topology: topo('complete:3'), workload: workloadOf('bank:1,1'), network: { discipline: 'unordered', faults: { lossy: true, messages: 'markers' } }, algorithm: { kind: 'lai-yang', initiators: [0] } }, { stopAtFirst: false });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.checks.consistent).toBe('holds');
    expect(r.value.checks.terminates).toBe('violated');
  });
});

describe('Lai-Yang broken on purpose', () => {
  it('handle-red-first: a white process handles a red message, an orphan, in a shortest trace of 9 steps', () => {
    const r = run('complete:3', 'bank:1,1', 'unordered', 'lai-yang/handle-red-first', true);
    expect(r.verdict).toBe('violated');
    const v = r.violations.find((x) => x.check === 'consistent');
    expect(v?.trace.steps).toHaveLength(9);
    // The story: a message sent red (after its sender recorded) is handled by a process that has not recorded.
    expect(v?.trace.steps.map((s) => s.text)).toContain('P1 receives $1 (red) on P0→P1');
    expect(v?.explanation).toMatch(/was sent by P0 after P0 recorded .* received by P1 at step 3 before P1 recorded: .*an orphan/);
  });

  it('no-count: a channel closes on the control message while a white message is behind it, lost, in 8 steps', () => {
    const r = run('complete:3', 'bank:1,1', 'unordered', 'lai-yang/no-count', true);
    expect(r.verdict).toBe('violated');
    const v = r.violations.find((x) => x.check === 'consistent');
    expect(v?.trace.steps).toHaveLength(8);
    expect(v?.trace.steps[0]?.text).toBe('P0: transfer to P1');
    expect(v?.trace.steps[0]?.effects).toContain('sends $1 (white) on P0→P1');
    expect(v?.explanation).toMatch(/sent by P0 before P0 recorded .* still in flight when the snapshot completed.*\(lost\)/);
    expect(v?.explanation).toMatch(/The marker on P0→P1 was sent after it, at step 2, but arrived first, at step 3\./);
  });

  it('no-count holds on FIFO channels, where the control message cannot overtake', () => {
    expect(run('complete:3', 'bank:1,1', 'fifo', 'lai-yang/no-count').verdict).toBe('holds');
  });
});
