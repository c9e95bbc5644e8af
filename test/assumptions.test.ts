// Dropping Chandy-Lamport's assumptions one at a time, and its classic broken variants: which checks fail, and
// the length of the shortest counterexample for each, pinned.
import { describe, expect, it } from 'vitest';
import { assumptionMatrix, bank, complete, edges, verify, CHECKS, type ModelSpec, type CheckName } from '../src/index.ts';

type Pinned = Partial<Record<CheckName, number>>; // the failing checks and their shortest trace lengths

const failures = <S, M>(spec: ModelSpec<S, M>): Pinned => {
  const r = verify(spec, { stopAtFirst: false });
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.stats.exhaustive).toBe(true);
  return Object.fromEntries(r.value.violations.map((v) => [v.check, v.trace.steps.length]));
};

const base = { name: 'bank', topology: complete(3), workload: bank(1, 1) };
const two = { name: 'two', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1) };

describe('network faults on bank:1,1 over complete:3', () => {
  it('FIFO and reliable: every check holds', () => expect(failures(base)).toEqual({}));

  it('unordered: consistent and reachable fail, shortest 8 steps', () =>
    expect(failures({ ...base, network: { discipline: 'unordered' } })).toEqual({ consistent: 8, reachable: 8, stable: 10, invariant: 8 }));

  it('lossy markers: terminates fails, shortest 13 steps, and every recorded cut is still consistent', () =>
    expect(failures({ ...base, network: { discipline: 'fifo', faults: { lossy: true, messages: 'markers' } } })).toEqual({ terminates: 13 }));

  it('lossy messages: money vanishes with no snapshot involved, and markers can be lost', () =>
    expect(failures({ ...base, network: { discipline: 'fifo', faults: { lossy: true } } })).toEqual({ invariant: 2, terminates: 13 }));

  it('duplicating messages: a copied transfer makes money and cuts that count it twice', () =>
    expect(failures({ ...base, network: { discipline: 'fifo', faults: { duplicating: true } } })).toEqual({
      consistent: 10, reachable: 10, stable: 14, invariant: 2,
    }));

  it('a fault budget of 0 is a reliable network', () =>
    expect(failures({ ...base, network: { discipline: 'fifo', faults: { lossy: true, duplicating: true, budget: 0 } } })).toEqual({}));

  it('one unordered channel is enough to break it, when a marker can overtake on it', () =>
    expect(Object.keys(failures({ ...two, network: { discipline: 'fifo', overrides: { '0>1': 'unordered' } } }))).toContain('consistent'));
});

describe('repeated snapshots', () => {
  it('two snapshots in sequence both verify on FIFO channels', () =>
    expect(failures({ ...base, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } })).toEqual({}));

  it('with snapshot ids, a stale duplicated marker is harmless', () =>
    expect(
      failures({ ...two, network: { discipline: 'fifo', faults: { duplicating: true, messages: 'markers' } }, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }),
    ).toEqual({}));

  it('ignoring snapshot ids, the stale marker makes the second cut inconsistent in 7 steps', () =>
    expect(
      failures({
        ...two,
        network: { discipline: 'fifo', faults: { duplicating: true, messages: 'markers' } },
        algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2, variant: 'ignore-ids' },
      }),
    ).toEqual({ consistent: 7, reachable: 7, stable: 9, invariant: 7 }));

  it('several initiators may start the same snapshot concurrently', () =>
    expect(failures({ ...base, algorithm: { kind: 'chandy-lamport', initiators: [0, 1, 2] } })).toEqual({}));
});

describe('broken variants are caught by the check one would expect', () => {
  const variant = (v: 'channel-at-recording' | 'no-forwarding' | 'close-all' | 'record-after-handling') =>
    failures({ ...base, algorithm: { kind: 'chandy-lamport', initiators: [0], variant: v } });

  it('recording a channel at the wrong moment loses messages (consistent, 4 steps)', () =>
    expect(variant('channel-at-recording')).toEqual({ consistent: 4, reachable: 4, stable: 7, invariant: 4 }));
  it('not forwarding markers leaves processes unrecorded (terminates, 9 steps)', () => expect(variant('no-forwarding')).toEqual({ terminates: 9 }));
  it('closing every channel at the first marker loses messages (consistent, 4 steps)', () =>
    expect(variant('close-all')).toEqual({ consistent: 4, reachable: 4, stable: 6, invariant: 4 }));
  it('recording the local state after the next event breaks consistency and can hang (9 and 13 steps)', () =>
    expect(variant('record-after-handling')).toEqual({ consistent: 9, reachable: 9, stable: 11, invariant: 9, terminates: 13 }));
});

describe('the assumption matrix', () => {
  it('has a row per dropped assumption, with the shortest counterexample per failing check', () => {
    const rows = assumptionMatrix(base);
    if (!rows.ok) throw new Error(rows.error.message);
    const summary = Object.fromEntries(
      rows.value.map((r) => [r.dropped, Object.fromEntries(CHECKS.filter((c) => r.checks[c].holds === false).map((c) => [c, r.checks[c].shortest]))]),
    );
    expect(summary).toEqual({
      none: {},
      fifo: { consistent: 8, reachable: 8, stable: 10, invariant: 8 },
      reliable: { invariant: 2, terminates: 13 },
      'no-duplication': { consistent: 10, reachable: 10, stable: 14, invariant: 2 },
      'single-snapshot': {},
      connectivity: { terminates: 9 },
    });
  });

  it('names the process it cuts off to drop connectivity', () => {
    const rows = assumptionMatrix(base);
    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value.find((r) => r.dropped === 'connectivity')?.change).toBe('every channel into P2 removed');
  });
});
