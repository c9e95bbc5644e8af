// R, the application states reachable with no snapshot, as the checks read it: where each invariant and stable
// property first fails (once per predicate, with the step that shows it when there is one), a stable property that
// breaks past the first thousand states, every distinct failure-free end of a workload with ghost ids, and the name
// a predicate runs under while the watch is on.
import { describe, expect, it } from 'vitest';
import { verify, type ModelSpec, type Workload } from '../../src/index.ts';
import { AppSpace, holds } from '../../src/check/appspace.ts';
import { resolveModel } from '../../src/model/define.ts';
import { WorkloadTable } from '../../src/system/intern.ts';
import { installWatch } from '../../src/system/watch.ts';
import { must, topology } from './models.ts';

const space = (s: ModelSpec<unknown, unknown>): AppSpace => {
  const m = must(resolveModel(s));
  return new AppSpace(m, new WorkloadTable(m), 4, { maxStates: 100_000 });
};
const num = (x: unknown): number => x as number;

/** P0 and P1 each step from 0 to 1 on their own, in either order; nothing is sent. */
const both: Workload<unknown, unknown> = {
  name: 'both',
  init: () => 0,
  actions: (s) => (s === 0 ? [{ label: 'up', next: 1 }] : []),
  receive: (s) => ({ next: s }),
  invariants: { 'P0 moved': (v) => num(v.locals[0]) > 0, 'P0 still': (v) => v.locals[0] === 0 },
  stable: { 'nobody moved': (v) => v.locals.every((x) => x === 0) },
};

describe('the predicates on R', () => {
  const app = space({ name: 'r', topology: topology('edges:2:'), workload: both });

  it('note each invariant once, where it first fails: the initial state with no step, else the state and the step from it', () => {
    expect(app.invariantFailures).toStrictEqual([
      { name: 'P0 moved', state: 0 },
      { name: 'P0 still', state: 0, code: 0 },
    ]);
  });

  it('note a stable property once, at the first step that breaks it, though two steps do', () => {
    expect(app.stableFailures).toStrictEqual([{ name: 'nobody moved', state: 0, code: 0 }]);
  });

  it('know which states a stable property holds on, by their number in R', () => {
    expect([0, 1, 2, 3].map((k) => app.stableValue(0, k))).toEqual([true, false, false, false]);
    expect(app.size).toBe(4);
  });
});

describe('a stable property that breaks far into R', () => {
  /** One process counting to 1040 on its own; `below 1030` holds until the 1030th step. */
  const far: ModelSpec<unknown, unknown> = {
    name: 'far',
    topology: topology('edges:1:'),
    workload: {
      name: 'far',
      init: () => 0,
      actions: (s) => (num(s) < 1040 ? [{ label: 'up', next: num(s) + 1 }] : []),
      receive: (s) => ({ next: s }),
      stable: { 'below 1030': (v) => num(v.locals[0]) < 1030 },
    },
  };

  it('is found at the step that breaks it, past R’s first thousand states', () => {
    const r = must(verify(far, { workers: 1 }));
    expect(r.facts.appStates).toBe(1041);
    expect(r.violations.map((v) => [v.check, v.explanation, v.trace.steps.length])).toEqual([
      ['stable', "'below 1030' is declared stable but is not: it holds after step 1029 and no longer holds after step 1030 (P0: up), with no snapshot involved.", 1030],
    ]);
  });
});

describe('the failure-free ends of a workload with ghost ids', () => {
  /** P0 and P1 each end in one of twelve values of their choosing, so R has 144 ends and 13 local states. */
  const values = Array.from({ length: 12 }, (_, i) => `v${i}`);
  const choosing: Workload<unknown, unknown> = {
    name: 'choosing',
    init: () => 'start',
    actions: (s) => (s === 'start' ? values.map((v) => ({ label: v, next: v })) : []),
    receive: (s) => ({ next: s }),
    ghosts: () => [],
  };

  it('are kept once each, every one of them, however many local states there are', () => {
    const app = space({ name: 'ends', topology: topology('edges:2:'), workload: choosing });
    expect(app.quiescent).toHaveLength(144);
    expect(new Set(app.quiescent.map((e) => e.join(' '))).size).toBe(144);
    expect(app.quiescent.every((e) => e.length === 2 && e.every((id) => id >= 1 && id <= 12))).toBe(true);
  });
});

describe('a predicate under the watch', () => {
  it('runs under its own name, so that a supervisor can name one that hangs', () => {
    const names: string[] = [];
    installWatch(new SharedArrayBuffer(8), (_id, text) => names.push(text));
    expect(holds(() => true, { n: 0, locals: [], channels: [] }, 'all good')).toBe(true);
    expect(names).toEqual(["predicate 'all good'"]);
  });
});
