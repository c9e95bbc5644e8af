// How states, messages and cuts read in reports: a value through the workload's show functions, or its default text
// when it has none, when one returns something other than a string, and when one throws.
import { describe, expect, it } from 'vitest';
import { type ModelSpec, type Workload } from '../../src/index.ts';
import { PathChecker } from '../../src/check/path.ts';
import { resolveModel } from '../../src/model/define.ts';
import { model, must, topology } from './models.ts';

/** P0 goes from 'idle' to { step: 1 }, sending ['m', 1] to P1, which counts what it gets. */
const plainWorkload: Workload<unknown, unknown> = {
  name: 'plain',
  init: (ctx) => (ctx.self === 0 ? 'idle' : 0),
  actions: (s, ctx) => (ctx.self === 0 && s === 'idle' ? [{ label: 'go', next: { step: 1 }, sends: [{ to: 1, msg: ['m', 1] }] }] : []),
  receive: (s) => ({ next: (s as number) + 1 }),
};

const viewerOf = (spec: ModelSpec<unknown, unknown>) => {
  const checker = new PathChecker(must(resolveModel(spec)), 8);
  const path = must(checker.resolve([{ kind: 'initiate', process: 0 }, { kind: 'act', process: 0 }]));
  const last = path.states[path.states.length - 1] as Int32Array;
  return { viewer: checker.viewer, state: checker.viewer.state(last), cut: checker.viewer.cut(last) };
};
const withShow = (show?: Record<string, (x: never) => unknown>): ModelSpec<unknown, unknown> => ({
  name: 's',
  topology: topology('edges:0>1,1>0'),
  // Show functions that return what a user's might, strings or not.
  workload: show === undefined ? plainWorkload : { ...plainWorkload, show: show as Workload<unknown, unknown>['show'] & object },
});

describe('a state with no show functions', () => {
  const { state, viewer } = viewerOf(withShow());

  it('shows a string as itself and anything else as its JSON', () => {
    expect(state.processes.map((p) => [p.name, p.local, p.recorded])).toEqual([['P0', '{"step":1}', 'idle'], ['P1', '0', null]]);
    expect(state.channels[0]?.messages.map((m) => m.text)).toEqual(['marker', '["m",1]']);
  });

  it('keeps the raw values beside the texts, and a recorded value only for a process that recorded', () => {
    expect(state.processes[0]).toStrictEqual({ name: 'P0', local: '{"step":1}', recorded: 'idle', localValue: { step: 1 }, recordedValue: 'idle' });
    expect(state.processes[1]).toStrictEqual({ name: 'P1', local: '0', recorded: null, localValue: 0 });
  });

  it('names a channel the topology does not have by its number', () => {
    expect(viewer.channel(0)).toBe('P0→P1');
    expect(viewer.channel(7)).toBe('channel 7');
  });
});

describe('a show function that misbehaves', () => {
  const hostile = { toJSON: () => { throw new Error('no JSON'); }, toString: () => { throw new Error('no string'); } };
  const cases: readonly [string, (s: unknown) => unknown, string][] = [
    ['returns a number', () => 7, '7'],
    ['returns undefined', () => undefined, 'undefined'],
    ['returns a BigInt', () => 5n, '5'],
    ['returns an object', () => ({ a: [1] }), '{"a":[1]}'],
    ['returns something that cannot be shown at all', () => hostile, 'a object that cannot be shown'],
    ['throws', () => { throw new Error('show is broken\nsecond line'); }, 'idle (show threw: show is broken)'],
  ];
  it.each(cases)('%s: the text is its default', (_, local, text) => {
    const { state } = viewerOf(withShow({ local }));
    expect(state.processes[0]?.recorded).toBe(text);
  });

  it('for messages too, and for the summary of a cut', () => {
    const { state, cut } = viewerOf(withShow({ message: () => 3, state: () => { throw new Error('no summary'); } }));
    expect(state.channels[0]?.messages.map((m) => m.text)).toEqual(['marker', '3']);
    expect(cut.summary).toBe('{"n":2,"locals":["idle",null],"channels":[{"from":0,"to":1,"messages":[]},{"from":1,"to":0,"messages":[]}]} (show threw: no summary)');
  });
});

describe('control messages', () => {
  it('are markers unless the algorithm names them', () => {
    expect(viewerOf(model('edges:0>1,1>0', 'bank:1,1')).viewer.controlName()).toBe('marker');
    expect(viewerOf({ ...model('fanin:2', 'records:1'), algorithm: 'abs' }).viewer.controlName()).toBe('barrier');
  });
});
