// User code under the watch, and more of the shapes a hostile workload can return. The watch publishes the name
// of each handler while it runs, so that the command line's supervisor can name one that hangs: the names must say
// whose handler it is and where. A null where an outcome or a send should be is one CC006 line, never a crash.
import { describe, expect, it } from 'vitest';
import { edges, verify, type Workload } from '../../src/index.ts';
import { installWatch } from '../../src/system/watch.ts';

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
  const base: W = {
    name: 'w',
    init: () => 0,
    actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'go', next: 1, sends: [{ to: 1, msg: 'm' }] }] : []),
    receive: () => ({ next: 2 }),
  };
  it.each([
    ['an action that is null', { actions: () => [null as never] }],
    ['a send that is null', { actions: (s: unknown) => (s === 0 ? [{ label: 'x', next: 1, sends: [null as never] }] : []) }],
    ['a send that is a number', { actions: (s: unknown) => (s === 0 ? [{ label: 'x', next: 1, sends: [5 as never] }] : []) }],
    ['a send to a fraction of a process', { actions: (s: unknown) => (s === 0 ? [{ label: 'x', next: 1, sends: [{ to: 0.5, msg: 1 }] }] : []) }],
    ['a receive outcome that is null', { receive: () => null as never }],
    ['a receive outcome that is a string', { receive: () => 'next' as never }],
    ['a receive that sends null', { receive: () => ({ next: 3, sends: [null as never] }) }],
  ] as const)('is refused when %s', (_, change) => {
    const r = verify({ name: 'hostile', topology: edges([[0, 1], [1, 0]]), workload: { ...base, ...change } as W }, { workers: 1 });
    expect(r.ok ? null : `${r.error.code} ${r.error.message}`).toMatchSnapshot();
  });
});
