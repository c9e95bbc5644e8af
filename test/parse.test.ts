// Topology and workload strings, as SEMANTICS.md writes them, and the one-line errors for everything else.
import { describe, expect, it } from 'vitest';
import { parseTopology, parseWorkload } from '../src/index.ts';

const channels = (text: string): string[] => {
  const t = parseTopology(text);
  if (!t.ok) throw new Error(t.error.message);
  return t.value.channels.map((c) => `${c.from}>${c.to}`);
};

describe('topology strings', () => {
  it('complete:3 has every ordered pair', () => expect(channels('complete:3')).toEqual(['0>1', '0>2', '1>0', '1>2', '2>0', '2>1']));
  it('ring:3 goes i → i+1 mod N', () => expect(channels('ring:3')).toEqual(['0>1', '1>2', '2>0']));
  it('biring:4 goes both ways round', () => expect(channels('biring:4')).toHaveLength(8));
  it('star:3 joins P0 to and from each other process', () => expect(channels('star:3')).toEqual(['0>1', '0>2', '1>0', '2>0']));
  it('line:3 joins neighbours both ways', () => expect(channels('line:3')).toEqual(['0>1', '1>0', '1>2', '2>1']));
  it('edges: lists channels explicitly', () => expect(channels('edges:0>1,1>2,2>0')).toEqual(['0>1', '1>2', '2>0']));
  it('edges:N: gives the process count, for processes on no channel', () => {
    const t = parseTopology('edges:4:0>1');
    expect(t.ok && { n: t.value.n, spec: t.value.spec, channels: channels('edges:4:0>1') }).toEqual({ n: 4, spec: 'edges:4:0>1', channels: ['0>1'] });
    const none = parseTopology('edges:3:');
    expect(none.ok && [none.value.n, none.value.channels.length, none.value.spec]).toEqual([3, 0, 'edges:3:']);
    expect(channels('edges:2:0>1,1>0')).toEqual(['0>1', '1>0']);
  });

  it.each([
    ['mesh:3', /unknown topology 'mesh'/],
    ['complete:x', /whole number/],
    ['complete:1', /between 2 and 64/],
    ['ring:100', /between 2 and 64/],
    ['edges:0-1', /not an edge/],
    ['edges:1>1', /self-loop/],
    ['edges:0>1,0>1', /appears twice/],
    ['edges:2:0>2', /names process 2, but has only 2 processes/],
    ['edges:0:', /process count must be from 1 to 64/],
    ['edges:', /not an edge/],
    ['complete', /not a topology/],
  ])('rejects %s with one clear line', (text, message) => {
    const t = parseTopology(text);
    expect(t.ok).toBe(false);
    if (!t.ok) {
      expect(t.error.code).toBe('CC001');
      expect(t.error.message).toMatch(message);
      expect(t.error.message).not.toContain('\n');
    }
  });
});

describe('workload strings', () => {
  it('bank:2,1 names itself', () => {
    const w = parseWorkload('bank:2,1');
    expect(w.ok && w.value.name).toBe('bank:2,1');
  });
  it('token:4 names itself', () => {
    const w = parseWorkload('token:4');
    expect(w.ok && w.value.name).toBe('token:4');
  });
  it.each([['bank:2'], ['bank:a,1'], ['bank:1,-1'], ['token:'], ['token:1,2'], ['paxos:3'], ['bank:99999,1']])('rejects %s', (text) => {
    const w = parseWorkload(text);
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.error.code).toBe('CC002');
  });
});
