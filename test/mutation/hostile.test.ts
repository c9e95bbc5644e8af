// User code under the watch, and more of the shapes a hostile workload can return. The watch publishes the name
// of each handler while it runs, so that the command line's supervisor can name one that hangs: the names must say
// whose handler it is and where. A null where an outcome or a send should be is one CC006 line, never a crash.
import { describe, expect, it } from 'vitest';
import { edges, verify, type Workload } from '../../src/index.ts';
import { installWatch } from '../../src/system/watch.ts';
import { sender } from './models.ts';

describe('the names the watch publishes', () => {
  it('name each workload and algorithm handler, and the process it runs at', () => {
    const names: string[] = [];
    installWatch(new SharedArrayBuffer(8), (_id, text) => names.push(text));
    const w: Workload<number, string> = {
      name: 'pinger',
      init: () => 0,
      actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'ping', next: 1, sends: [{ to: 1, msg: 'ping' }] }] : []),
      receive: (s) => ({ next: s + 1 }),
    };
    const r = verify({ name: 'watched', topology: edges([[0, 1], [1, 0]]), workload: w as Workload<unknown, unknown>, algorithm: 'lai-yang' }, { workers: 1, stopAtFirst: false });
    expect(r.ok).toBe(true);
    expect([...new Set(names)].sort()).toMatchSnapshot();
  });
});

describe('a null where an outcome should be', () => {
  type W = Workload<unknown, unknown>;
  it.each([
    ['an action that is null', { actions: () => [null as never] }],
    ['a send that is null', { actions: (s: unknown) => (s === 0 ? [{ label: 'x', next: 1, sends: [null as never] }] : []) }],
    ['a send that is a number', { actions: (s: unknown) => (s === 0 ? [{ label: 'x', next: 1, sends: [5 as never] }] : []) }],
    ['a send to a fraction of a process', { actions: (s: unknown) => (s === 0 ? [{ label: 'x', next: 1, sends: [{ to: 0.5, msg: 1 }] }] : []) }],
    ['a receive outcome that is null', { receive: () => null as never }],
    ['a receive outcome that is a string', { receive: () => 'next' as never }],
    ['a receive that sends null', { receive: () => ({ next: 3, sends: [null as never] }) }],
  ] as const)('is refused when %s', (_, change) => {
    const r = verify({ name: 'hostile', topology: edges([[0, 1], [1, 0]]), workload: { ...sender, ...change } as W }, { workers: 1 });
    expect(r.ok ? null : `${r.error.code} ${r.error.message}`).toMatchSnapshot();
  });
});

describe('values a workload may not use, however they are built', () => {
  const deepObject = (n: number): unknown => (n === 0 ? 0 : { a: deepObject(n - 1) });
  it.each([
    ['objects nested 200 deep', deepObject(200), null],
    ['objects nested 202 deep', deepObject(202), `it is nested more than 200 deep at ${'.a'.repeat(201)}`],
    ['an object whose prototype has no constructor', Object.create(Object.create(null) as object) as unknown, 'it is an instance of a class, which would be compared by identity; use plain objects and arrays, or immutable.js values'],
    ['an object whose constructor’s name is not a string', Object.create({ constructor: { name: 7 } }) as unknown, 'it is an instance of a class, which would be compared by identity; use plain objects and arrays, or immutable.js values'],
    ['a symbol after a good element', [1, { b: [2, Symbol('s')] }], 'it holds a symbol at [1].b[1]'],
  ])('%s', async (_, value, why) => {
    const { unusableValue } = await import('../../src/system/values.ts');
    expect(unusableValue(value)).toBe(why);
  });
});

describe('a trace of a workload with two actions of one label', () => {
  it('tells them apart by nth, and replays each to its own state', async () => {
    const { traceSteps, replayTrace } = await import('../../src/index.ts');
    const twins: Workload<number, never> = {
      name: 'twins',
      init: () => 0,
      actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'go', next: 1 }, { label: 'go', next: 2 }] : []),
      receive: (s) => ({ next: s }),
      show: { local: (s) => `s${s}` },
    };
    const spec = { name: 'twins', topology: edges([[0, 1]]), workload: twins as unknown as Workload<unknown, unknown> };
    const written = [0, 1].map((nth) => {
      const t = traceSteps(spec, [{ kind: 'act', process: 0, label: 'go', nth }], { minimise: false });
      if (!t.ok) throw new Error(t.error.message);
      const again = replayTrace(spec, t.value.doc);
      if (!again.ok) throw new Error(again.error.message);
      return { steps: t.value.doc.steps, local: again.value.run.states.at(-1) };
    });
    // The first of the two is what the step means without nth; the second needs it.
    expect(written.map((w) => w.steps)).toEqual([[{ kind: 'act', process: 0, label: 'go' }], [{ kind: 'act', process: 0, label: 'go', nth: 1 }]]);
    expect(written[0]?.local).not.toEqual(written[1]?.local);
  });
});
