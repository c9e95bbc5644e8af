// The guilty message on a faulty network: a copy made or a message dropped by the network is tracked as the channel
// changes, so the message blamed keeps the id and the sending step it had from the start.
import { describe, expect, it } from 'vitest';
import type { ModelSpec, Workload } from '../../src/index.ts';
import { model, topology } from './models.ts';
import { blame, markerTo0, markerTo1, pay, start } from './paths.ts';

/** Chandy-Lamport on unordered channels, where a marker may overtake a message, with one fault allowed. */
const faulty = (faults: { duplicating?: boolean; lossy?: boolean }): ModelSpec<unknown, unknown> =>
  model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered', faults: { ...faults, budget: 1 } } });


describe('the message blamed on a faulty network', () => {
  it('is the original, sent at step 1, when the network copied it before the snapshot', () => {
    const g = blame(faulty({ duplicating: true }), [pay, { kind: 'duplicate', from: 0, to: 1 }, start, markerTo1, markerTo0]);
    expect(g).toMatchObject({ kind: 'lost', id: 1, sentAt: 1, at: null });
    expect(g?.story).toMatch(/^message #1 \(\$1 on P0→P1, sent at step 1\) was sent by P0 before P0 recorded \(P0 recorded at step 3, starting the snapshot itself\)/);
  });

  it('is the copy, sent at the step that made it, once the original was received', () => {
    const g = blame(faulty({ duplicating: true }), [pay, { kind: 'duplicate', from: 0, to: 1 }, { kind: 'deliver', from: 0, to: 1 }, start, markerTo1, markerTo0]);
    expect(g).toMatchObject({ kind: 'lost', id: 2, sentAt: 2, at: null });
  });

  it('is the message left behind a dropped one, with the id and step it was sent with', () => {
    // P0 sends a (#1) then b (#2) to P1; the network drops a, and the marker overtakes b.
    const twice: Workload<unknown, unknown> = {
      name: 'twice',
      init: () => 0,
      actions: (s, ctx) => (ctx.self === 0 && (s as number) < 2 ? [{ label: 'send', next: (s as number) + 1, sends: [{ to: 1, msg: s === 0 ? 'a' : 'b' }] }] : []),
      receive: (s) => ({ next: (s as number) + 1 }),
      show: { message: (m) => String(m) },
    };
    const spec: ModelSpec<unknown, unknown> = {
      name: 'twice', topology: topology('edges:0>1,1>0'), workload: twice,
      network: { discipline: 'unordered', faults: { lossy: true, budget: 1 } },
    };
    const g = blame(spec, [pay, pay, { kind: 'drop', from: 0, to: 1, message: 'a' }, start, markerTo1, markerTo0]);
    expect(g).toMatchObject({ kind: 'lost', id: 2, sentAt: 2, at: null });
    expect(g?.story).toMatch(/^message #2 \(b on P0→P1, sent at step 2\)/);
  });
});
