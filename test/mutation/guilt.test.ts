// The guilty message each inconsistent snapshot is blamed on, and its story: orphans, phantoms and lost messages,
// with and without a marker overtaking them, on unordered channels, under broken variants of every built-in
// algorithm, with copies, crashes and a second snapshot. Each verdict's explanations, and the message and fate its
// trace document marks guilty, are pinned in the snapshot file beside this one.
import { describe, expect, it } from 'vitest';
import { traceViolation, verify, type ModelSpec } from '../../src/index.ts';
import { model, must } from './models.ts';

const unordered = { discipline: 'unordered' as const };
const cases: [string, ModelSpec<unknown, unknown>][] = [
  ...['edges:0>1,1>0', 'ring:3', 'line:3'].flatMap((t) =>
    ['bank:1,1', 'token:2'].map((w): [string, ModelSpec<unknown, unknown>] => [`Chandy-Lamport on unordered channels, ${w} on ${t}`, model(t, w, { network: unordered })]),
  ),
  ...['chandy-lamport/channel-at-recording', 'chandy-lamport/close-all', 'chandy-lamport/record-after-handling'].map((a): [string, ModelSpec<unknown, unknown>] => [
    `${a} on ring:3`,
    model('ring:3', 'bank:1,1', { algorithm: a }),
  ]),
  ...['lai-yang/handle-red-first', 'lai-yang/no-count'].map((a): [string, ModelSpec<unknown, unknown>] => [`${a}`, model('edges:0>1,1>0', 'bank:1,1', { algorithm: a, network: unordered })]),
  ...['abs/first-barrier', 'abs/unblock-early', 'abs/snapshot-emit-forward', 'abs/forward-emit-snapshot', 'unaligned/no-channel-state', 'unaligned/stop-at-snapshot', 'unaligned/no-overtake'].map(
    (a): [string, ModelSpec<unknown, unknown>] => [`${a} on a diamond`, model('diamond', 'records:1', { algorithm: a })],
  ),
  ['two snapshots on unordered channels', model('edges:0>1,1>0', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 }, network: unordered })],
  ['a network that copies messages', model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'fifo', faults: { duplicating: true } } })],
  ['restored records left unsaved, with crashes (FLINK-20654)', model('fanin:2', 'records:1', {
    algorithm: { kind: 'unaligned/restored-unsaved', initiators: [0, 1], snapshots: 2 },
    network: { discipline: 'fifo', faults: { crash: true, budget: 2 } },
  })],
];

describe('an inconsistent snapshot is blamed on the pinned message, with the pinned story', () => {
  it.each(cases)('%s', (_, spec) => {
    const r = must(verify(spec, { workers: 1, stopAtFirst: false }));
    const blamed = r.violations
      .filter((v) => v.cut !== undefined)
      .map((v) => {
        const doc = must(traceViolation(spec, v, { capacity: r.stats.capacity, minimise: false })).doc;
        return { check: v.check, steps: v.trace.steps.length, explanation: v.explanation, guilty: doc.violation?.guilty ?? null };
      });
    expect(blamed.some((b) => b.guilty !== null)).toBe(true);
    expect(blamed).toMatchSnapshot();
  });
});
