// execute on the edge cases its pinned scripts miss: a snapshot that completes at the very first step (a single
// process has no channel to wait for), and a model that is not valid.
import { describe, expect, it } from 'vitest';
import { execute } from '../../src/index.ts';
import { model, must } from './models.ts';

describe('a scripted execution', () => {
  it('reports a snapshot completed by its first step, with its cut', () => {
    const run = must(execute(model('edges:1:', 'token:0'), [{ kind: 'initiate', process: 0 }]));
    expect(run.completedAt).toBe(1);
    expect(run.cut).toEqual({ processes: [{ name: 'P0', state: 'holds token, 0 hops' }], channels: [], summary: '1 token in all' });
    expect(run.consistent).toBe(true);
    expect(run.trace.steps.map((s) => [s.text, s.effects])).toEqual([
      ['P0 initiates the snapshot', ['P0 records its state (holds token, 0 hops)', 'the snapshot is complete']],
    ]);
  });

  it('reports no completion, cut or verdict when nothing completed', () => {
    const run = must(execute(model('edges:1:', 'token:0'), []));
    expect([run.completedAt, run.cut, run.consistent, run.trace.steps.length]).toEqual([null, null, null, 0]);
  });

  it('refuses a model that is not valid', () => {
    const r = execute(model('edges:0>1,1>0', 'token:0', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 17 } }), []);
    expect(r.ok ? null : r.error).toEqual({ code: 'CC008', message: 'the number of snapshots must be a whole number from 1 to 16, got 17' });
  });
});
