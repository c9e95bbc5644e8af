// What a snapshot costs, measured on models where the counting rules matter: a marker the network copies or loses
// is still one marker sent, a marker in a full channel is counted once, a snapshot that can stay open for ever is
// reported as taking at least STEP_CAP steps, and an algorithm that would piggyback but sends nothing has no
// piggyback bits to report.
import { describe, expect, it } from 'vitest';
import { STEP_CAP, type ModelSpec, type Workload } from '../../src/index.ts';
import { measureCosts } from '../../src/check/costs.ts';
import { resolveModel } from '../../src/model/define.ts';
import { model, must, topology } from './models.ts';

const costs = (spec: ModelSpec<unknown, unknown>, cap = 4) => measureCosts(must(resolveModel(spec)), cap);

describe('control messages are counted as the algorithm sent them', () => {
  it('counts a marker the network copied as sent once', () => {
    const c = costs(model('edges:0>1,1>0', 'token:0', { network: { discipline: 'fifo', faults: { duplicating: true, messages: 'markers' } } }));
    expect(c.controlMessages).toEqual({ min: 2, max: 2 });
    expect(c.completions).toBe(4);
  });

  it('counts a marker the network lost as sent', () => {
    // Closing every channel at the first marker, a process completes without the marker that was lost.
    const c = costs(model('complete:3', 'token:0', { algorithm: 'chandy-lamport/close-all', network: { discipline: 'fifo', faults: { lossy: true, messages: 'markers' } } }));
    expect(c.controlMessages).toEqual({ min: 6, max: 6 });
  });

  it('counts each marker once when channels hold one message', () => {
    const c = costs(model('complete:3', 'token:0', { algorithm: 'chandy-lamport/close-all' }), 1);
    expect(c.controlMessages).toEqual({ min: 6, max: 6 });
    expect(c.completions).toBe(7);
  });
});

describe('the steps a snapshot takes', () => {
  it('are at least STEP_CAP when a process can go on for ever while the snapshot is open', () => {
    const toggle: Workload<unknown, unknown> = {
      name: 'toggle',
      init: () => 0,
      actions: (s, ctx) => (ctx.self === 1 ? [{ label: 'flip', next: s === 0 ? 1 : 0 }] : []),
      receive: (s) => ({ next: s }),
    };
    const c = costs({ name: 'toggle', topology: topology('edges:0>1,1>0'), workload: toggle });
    expect(c.steps).toEqual({ min: 3, max: STEP_CAP, atLeast: true });
    expect(c.complete).toBe(true);
  });

  it('are exact when every snapshot completes within STEP_CAP steps', () => {
    expect(costs(model('edges:0>1,1>0', 'token:0')).steps).toEqual({ min: 3, max: 3, atLeast: false });
  });
});

describe('piggybacked bits', () => {
  it('are none to report when an algorithm that piggybacks never sends a message', () => {
    const c = costs(model('edges:0>1,1>0', 'token:0', { algorithm: 'lai-yang' }));
    expect(c.piggybackBits).toBe(null);
    expect(c.piggybackValues).toBe(0);
  });

  it('are one for Lai-Yang, which attaches one of two colours to every message', () => {
    const c = costs(model('edges:0>1,1>0', 'token:1', { algorithm: 'lai-yang' }));
    expect(c.piggybackBits).toEqual({ min: 1, max: 1 });
    expect(c.piggybackValues).toBe(2);
  });

  it('are zero for an algorithm that piggybacks nothing', () => {
    expect(costs(model('edges:0>1,1>0', 'token:0')).piggybackBits).toEqual({ min: 0, max: 0 });
  });
});
