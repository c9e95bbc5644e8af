// The guilty message on a faulty network: a copy made or a message dropped by the network is tracked as the channel
// changes, so the message blamed keeps the id and the sending step it had from the start.
import { describe, expect, it } from 'vitest';
import type { ModelSpec, ScriptStep, Workload } from '../../src/index.ts';
import { PathChecker } from '../../src/check/path.ts';
import { describeGuilt, findGuilt } from '../../src/check/explain.ts';
import { resolveModel } from '../../src/model/define.ts';
import { model, must, topology } from './models.ts';

/** Chandy-Lamport on unordered channels, where a marker may overtake a message, with one fault allowed. */
const faulty = (faults: { duplicating?: boolean; lossy?: boolean }): ModelSpec<unknown, unknown> =>
  model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered', faults: { ...faults, budget: 1 } } });

/** The guilty message of the snapshot the steps complete, and its story. */
const blame = (spec: ModelSpec<unknown, unknown>, steps: readonly ScriptStep[]) => {
  const checker = new PathChecker(must(resolveModel(spec)), 8);
  const path = must(checker.resolve(steps));
  const g = findGuilt(checker.viewer, path.states, path.codes, true);
  return g === null ? null : { kind: g.kind, id: g.msg.id, sentAt: g.msg.sentAt, at: g.at, story: describeGuilt(checker.viewer, g) };
};

const pay: ScriptStep = { kind: 'act', process: 0 };
const start: ScriptStep = { kind: 'initiate', process: 0 };
const markerTo1: ScriptStep = { kind: 'deliver', from: 0, to: 1, message: 'marker' };
const markerTo0: ScriptStep = { kind: 'deliver', from: 1, to: 0, message: 'marker' };

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
