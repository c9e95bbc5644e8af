// The workload's interned values and memoised handlers (WorkloadTable, Interner): what each refusal names when a
// value is not plain data, a or a send is malformed.
import { describe, expect, it } from 'vitest';
import type { Workload } from '../../src/index.ts';
import { resolveModel } from '../../src/model/define.ts';
import { Interner, WorkloadTable } from '../../src/system/intern.ts';
import { model, must } from './models.ts';
import { refusal } from './sys-explore.ts';

const table = (w: Workload<unknown, unknown>) => new WorkloadTable(must(resolveModel(model('edges:0>1', 'token:1', { workload: w }))));

describe('the interner', () => {
  it('names an unnamed value as "a value" when it is not plain data', () => {
    expect(refusal(() => new Interner<unknown>().id(Symbol('s')))).toBe('CC006: a value cannot be a state or message: it holds a symbol');
  });

  it('gives equal values one id and a new value the next', () => {
    const i = new Interner<unknown>();
    expect([i.id({ a: [1] }), i.id({ a: [1] }), i.id('b')]).toEqual([0, 0, 1]);
    expect(i.values).toEqual([{ a: [1] }, 'b']);
  });
});

describe('a workload table refusing what it cannot intern', () => {
  it('names the action whose next state is not plain data', () => {
    const t = table({ name: 'w', init: () => 0, actions: () => [{ label: 'go', next: () => 1 }], receive: (s) => ({ next: s }) });
    expect(refusal(() => t.actions(0, 0))).toBe("CC006: the next state of action 'go' at P0 cannot be a state or message: it holds a function");
  });

  it.each([
    ['null', null, 'null'],
    ['a string, whose characters are not keys', 'ab', '"ab"'],
    ['an array', [1, 'm'], '[1,"m"]'],
    ['a BigInt, which JSON cannot show', 10n, '10'],
  ])('refuses a send that is %s as not an object', (_, send, shown) => {
    const t = table({ name: 'w', init: () => 0, actions: () => [], receive: () => ({ next: 1, sends: [send as never] }) });
    expect(refusal(() => t.receive(0, 0, t.payloads.id('m')))).toBe(`CC006: receive at P1: each send must be an object like { to: 1, msg: 'm' }, got ${shown}`);
  });

  it('refuses a send to a BigInt as not a process number, shown without JSON', () => {
    const t = table({ name: 'w', init: () => 0, actions: () => [], receive: () => ({ next: 1, sends: [{ to: 1n as never, msg: 'm' }] }) });
    expect(refusal(() => t.receive(0, 0, t.payloads.id('m')))).toBe('CC006: receive at P1 sends to 1, which is not a process number');
  });
});
