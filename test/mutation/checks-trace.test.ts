// A trace step's effects, read off the states before and after it: here, a step that sends an application message
// and then a marker on the same channel (a snapshot started by an after handler) names each once, in its own words.
import { describe, expect, it } from 'vitest';
import { execute, type ModelSpec, type Workload } from '../../src/index.ts';
import { topology, must } from './models.ts';
import { startAfterAction } from './paths.ts';
/** P0 sends a to P1, once. */
const once: Workload<unknown, unknown> = {
  name: 'once', init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'send a', next: 1, sends: [{ to: 1, msg: 'a' }] }] : []),
  receive: (s) => ({ next: s }),
  show: { message: (m) => String(m) },
};

describe('the effects of a step that sends a message and then a marker on one channel', () => {
  it.each(['fifo', 'unordered'] as const)('name the message as sent, and the marker as sent, on %s channels', (discipline) => {
    const spec: ModelSpec<unknown, unknown> = { name: 'after', topology: topology('edges:0>1,1>0'), workload: once, network: { discipline }, algorithm: { kind: startAfterAction, initiators: [0] } };
    const run = must(execute(spec, [{ kind: 'act', process: 0 }]));
    expect(run.trace.steps[0]?.effects).toEqual(['P0 records its state (1)', 'marker sent on P0→P1', 'sends a on P0→P1', 'P1→P0 starts recording']);
  });
});
