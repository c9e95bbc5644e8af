// Tests of the naive reference checker: the orientation numbers and the Chandy-Lamport theorem.
// The real explorer's facts are cross-checked against this reference elsewhere (expected-facts.json).
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { naiveFacts, parseNaiveTopology, type NaiveSpec } from './naive.ts';

const bank = (balance: number, transfers: number): NaiveSpec['workload'] => ({ kind: 'bank', balance, transfers });
const token = (hops: number): NaiveSpec['workload'] => ({ kind: 'token', hops });

function spec(
  topology: string,
  workload: NaiveSpec['workload'],
  discipline: NaiveSpec['discipline'],
  initiators: readonly number[] = [0],
): NaiveSpec {
  return { ...parseNaiveTopology(topology), workload, discipline, initiators };
}

describe('the naive topology parser', () => {
  it('reads explicit edges and sizes the system by the largest process index', () => {
    expect(parseNaiveTopology('edges:0>1,1>0')).toEqual({ n: 2, channels: [[0, 1], [1, 0]] });
  });

  it('builds the named topologies with the right number of channels', () => {
    expect(parseNaiveTopology('complete:3').channels).toHaveLength(6);
    expect(parseNaiveTopology('ring:3').channels).toEqual([[0, 1], [1, 2], [2, 0]]);
    expect(parseNaiveTopology('biring:3').channels).toHaveLength(6);
    expect(parseNaiveTopology('star:3').channels).toEqual([[0, 1], [0, 2], [1, 0], [2, 0]]);
    expect(parseNaiveTopology('line:3').channels).toEqual([[0, 1], [1, 0], [1, 2], [2, 1]]);
  });

  it('keeps at most one channel per ordered pair', () => {
    expect(parseNaiveTopology('biring:2').channels).toEqual([[0, 1], [1, 0]]);
  });

  it('rejects unknown kinds, malformed edges and self-loops', () => {
    expect(() => parseNaiveTopology('torus:3')).toThrow();
    expect(() => parseNaiveTopology('edges:0-1')).toThrow();
    expect(() => parseNaiveTopology('edges:1>1')).toThrow();
  });
});

describe('the orientation numbers from the issue', () => {
  it('gives bank:1,1 on two processes with FIFO channels 9 application states and 6 distinct cuts', () => {
    const f = naiveFacts(spec('edges:0>1,1>0', bank(1, 1), 'fifo'));
    expect(f.appStates).toBe(9);
    expect(f.cuts).toBe(6);
    expect(f.inconsistentCuts).toBe(0);
    expect(f.shortestInconsistent).toBeNull();
  });

  it('gives bank:1,1 on two processes with unordered channels 20 cuts, 14 of them inconsistent, the shortest in 4 steps', () => {
    const f = naiveFacts(spec('edges:0>1,1>0', bank(1, 1), 'unordered'));
    expect(f.appStates).toBe(9);
    expect(f.cuts).toBe(20);
    expect(f.inconsistentCuts).toBe(14);
    expect(f.shortestInconsistent).toBe(4);
  });
});

describe('the Chandy-Lamport theorem on small FIFO models', () => {
  const models: [string, NaiveSpec['workload'], number[]][] = [
    ['edges:0>1,1>0', bank(2, 1), [0]],
    ['ring:3', bank(1, 1), [0]],
    ['star:3', bank(1, 1), [0]],
    ['line:3', bank(1, 2), [0]],
    ['complete:3', bank(1, 1), [0, 2]],
    ['ring:3', token(3), [0]],
    ['biring:3', token(2), [0]],
  ];
  for (const [topology, workload, initiators] of models) {
    const name = `${topology} ${JSON.stringify(workload)} from ${initiators.join(',')}`;
    it(`records only consistent, reachable cuts for ${name}`, () => {
      const f = naiveFacts(spec(topology, workload, 'fifo', initiators));
      expect(f.cuts).toBeGreaterThan(0);
      expect(f.inconsistentCuts).toBe(0);
      expect(f.unreachableCuts).toBe(0);
      expect(f.shortestInconsistent).toBeNull();
    });
  }
});

describe('unordered channels', () => {
  it('never change the application states, only the cuts', () => {
    const fifo = naiveFacts(spec('ring:3', token(2), 'fifo'));
    const unordered = naiveFacts(spec('ring:3', token(2), 'unordered'));
    expect(unordered.appStates).toBe(fifo.appStates);
    expect(unordered.cuts).toBeGreaterThanOrEqual(fifo.cuts);
  });

  it('can record a bank cut that is inconsistent on a three-process ring', () => {
    const f = naiveFacts(spec('ring:3', bank(1, 1), 'unordered'));
    expect(f.inconsistentCuts).toBeGreaterThan(0);
    expect(f.shortestInconsistent).not.toBeNull();
  });
});

describe('a snapshot that cannot complete', () => {
  it('yields no cuts when a process has no in-channel and is not an initiator', () => {
    const f = naiveFacts(spec('edges:0>1', bank(1, 1), 'fifo', [1]));
    expect(f.cuts).toBe(0);
    expect(f.shortestInconsistent).toBeNull();
  });
});

describe('the committed expected-facts.json', () => {
  type Row = { topology: string; workload: string; discipline: NaiveSpec['discipline']; initiators: number[]; facts: unknown };
  const url = new URL('./expected-facts.json', import.meta.url);
  const rows = JSON.parse(readFileSync(url, 'utf8')) as Row[];
  const wl = (s: string): NaiveSpec['workload'] => {
    const [kind, args = ''] = s.split(':');
    const nums = args.split(',').map(Number);
    return kind === 'bank' ? bank(nums[0] ?? 0, nums[1] ?? 0) : token(nums[0] ?? 0);
  };
  it('still matches the naive checker on its quick two- and three-process ring rows', () => {
    const quick = rows.filter((r) => r.topology === 'edges:0>1,1>0' || r.topology === 'ring:3');
    expect(quick.length).toBeGreaterThan(10);
    for (const r of quick) {
      expect(naiveFacts(spec(r.topology, wl(r.workload), r.discipline, r.initiators)), JSON.stringify(r)).toEqual(r.facts);
    }
  });
});
