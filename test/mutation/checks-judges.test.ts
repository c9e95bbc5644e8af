// The checks' judges and explanations in the cases the other files leave out: a snapshot stuck with a process that
// never records although all its channels are closed, with several channels never closed or several processes never
// finished; an invariant that fails on the initial state, found there with no step; a cut that is R's initial state,
// or a snapshot completing in R's initial state, seen as in R; and the words a finding without a name reads with.
import { describe, expect, it } from 'vitest';
import { defineAlgorithm, recordState, sendControl, startRecording, verify, type ModelSpec, type Workload } from '../../src/index.ts';
import { AppSpace } from '../../src/check/appspace.ts';
import type { CompletedSnapshot, ExplainAt, Finding } from '../../src/check/checks/check.ts';
import { invariant } from '../../src/check/checks/invariant.ts';
import { reachable } from '../../src/check/checks/reachable.ts';
import { stable } from '../../src/check/checks/stable.ts';
import { resolveModel } from '../../src/model/define.ts';
import { WorkloadTable } from '../../src/system/intern.ts';
import { model, modelWith, must, topology } from './models.ts';

const stuck = (s: ModelSpec<unknown, unknown>): string | undefined =>
  must(verify(s, { workers: 1, stopAtFirst: false })).violations.find((v) => v.check === 'terminates')?.explanation;

/** Records on the first marker and sends its own on, as Chandy-Lamport does, but never says it is done. */
const neverDone = defineAlgorithm<boolean>({
  name: 'never-done',
  init: () => false,
  initiate: (s, ctx) => (s ? null : { next: true, effects: [recordState(), ...ctx.out.map((q) => sendControl(q))] }),
  control: (s, _m, ctx) => (s ? {} : { next: true, effects: [recordState(), ...ctx.out.map((q) => sendControl(q))] }),
});

/** Records and starts recording every in-channel, but never stops recording one (nor says it is done). */
const neverCloses = defineAlgorithm<boolean>({
  name: 'never-closes',
  init: () => false,
  initiate: (s, ctx) => (s ? null : { next: true, effects: [recordState(), ...ctx.in.map((q) => startRecording(q)), ...ctx.out.map((q) => sendControl(q))] }),
  control: (s, _m, ctx) => (s ? {} : { next: true, effects: [recordState(), ...ctx.in.map((q) => startRecording(q)), ...ctx.out.map((q) => sendControl(q))] }),
});

describe('a snapshot that does not terminate, in the words of its explanation', () => {
  it('names a process no marker can reach as never recording, and no channel when every channel is closed', () => {
    // P2 is on no channel: the others record and close theirs, and nothing ever tells P2 to record.
    expect(stuck(model('edges:3:0>1,1>0', 'token:1'))).toBe('After step 5 no step is enabled, yet the snapshot is not complete: P2 never records.');
  });

  it('lists every channel never closed, separated by commas', () => {
    expect(stuck(modelWith('edges:0>1,1>0', 'token:0', neverCloses))).toBe(
      'After step 3 no step is enabled, yet the snapshot is not complete: every process recorded but P0→P1, P1→P0 never closed.',
    );
  });

  it('lists every process never finished, separated by commas', () => {
    expect(stuck(modelWith('edges:0>1,1>0', 'token:0', neverDone))).toBe(
      'After step 3 no step is enabled, yet the snapshot is not complete: every process recorded but P0, P1 never finished.',
    );
  });
});

/** P0 counts to one on its own; the invariant `P0 positive` fails at the start, `P0 below one` after the step. */
const counting: Workload<unknown, unknown> = {
  name: 'counting',
  init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'up', next: 1 }] : []),
  receive: (s) => ({ next: s }),
  invariants: { 'P0 positive': (v) => (v.locals[0] as number) > 0, 'P0 below one': (v) => (v.locals[0] as number) < 1 },
  stable: { 'P0 at zero': (v) => v.locals[0] === 0 },
};

describe('the findings on R', () => {
  const resolved = must(resolveModel({ name: 'r', topology: topology('edges:0>1,1>0'), workload: counting }));
  const app = new AppSpace(resolved, new WorkloadTable(resolved), 4, { maxStates: 100 });

  it('place an invariant failing on the initial state at R’s first state with no step, and one failing after a step at the step taken', () => {
    expect(invariant.application?.(app)).toStrictEqual([
      { finding: { check: 'invariant', source: 'app', name: 'P0 positive' }, state: 0 },
      { finding: { check: 'invariant', source: 'app', name: 'P0 below one' }, state: 0, code: 0 },
    ]);
  });

  it('place a stable property that breaks at the step that breaks it', () => {
    expect(stable.application?.(app)).toStrictEqual([{ finding: { check: 'stable', source: 'app', name: 'P0 at zero', kind: 'not-stable' }, state: 0, code: 0 }]);
  });
});

describe('the reachable judge, on the indices in R a completed snapshot has', () => {
  /** R as the judge sees it: whether one state reaches another, with every question asked kept. */
  const judge = (answer: boolean) => {
    const asked: [number, number][] = [];
    const app = { reachable: (from: number, to: number) => (asked.push([from, to]), answer) } as unknown as AppSpace;
    const run = (cutIndex: number, finalIndex: number) => reachable.snapshot?.({ sys: null as never, app })({ cutIndex, finalIndex } as CompletedSnapshot);
    return { run, asked };
  };

  it('counts a cut that is R’s initial state as in R, when the state at completion is not', () => {
    const { run, asked } = judge(true);
    expect(run(0, -1)).toEqual([{ check: 'reachable', source: 'product', detail: { inR: true, finalInR: false } }]);
    expect(asked).toEqual([]);
  });

  it('counts a state at completion that is R’s initial state as in R, when the cut is not', () => {
    const { run, asked } = judge(true);
    expect(run(-1, 0)).toEqual([{ check: 'reachable', source: 'product', detail: { inR: false, finalInR: true } }]);
    expect(asked).toEqual([]);
  });

  it('asks R whether the cut reaches the state at completion when both are in it, and finds nothing when it does', () => {
    const { run, asked } = judge(true);
    expect(run(0, 3)).toEqual([]);
    expect(asked).toEqual([[0, 3]]);
  });

  it('reports both in R when the cut cannot reach the state at completion', () => {
    const { run } = judge(false);
    expect(run(2, 0)).toEqual([{ check: 'reachable', source: 'product', detail: { inR: true, finalInR: true } }]);
  });
});

describe('the explanations, for each finding the checks allow', () => {
  /** Where a finding is seen: at the end of a path of `steps` steps, with no step text and no guilty message. */
  const at = (steps: number): ExplainAt => ({ viewer: null as never, steps, last: new Int32Array(0), stepText: () => undefined, guilt: () => '' });
  const explain = (f: Finding, steps = 4): string => {
    const check = { reachable, stable, invariant }[f.check as 'reachable' | 'stable' | 'invariant'];
    return check.explain(f, at(steps));
  };

  it('say which of the cut and the state at completion is not in R, or that one does not reach the other', () => {
    expect(explain({ check: 'reachable', source: 'product' })).toBe('The cut recorded at step 4 is not a state the application can reach (S* is not in R).');
    expect(explain({ check: 'reachable', source: 'product', detail: { inR: false, finalInR: false } })).toBe(
      'The cut recorded at step 4 is not a state the application can reach (S* is not in R).',
    );
    expect(explain({ check: 'reachable', source: 'product', detail: { inR: true, finalInR: false } })).toBe(
      'The application state when the snapshot completed at step 4 is not in R.',
    );
    expect(explain({ check: 'reachable', source: 'product', detail: { inR: true, finalInR: true } })).toBe(
      'The application cannot get from the cut recorded at step 4 to the state it was in when the snapshot completed (S_final is not reachable from S*).',
    );
  });

  it('call a property or invariant without a name ‘?’, and a step without text the first step', () => {
    expect([
      explain({ check: 'stable', source: 'app', kind: 'not-stable' }, 1),
      explain({ check: 'stable', source: 'product', kind: 'cut-final' }),
      explain({ check: 'stable', source: 'product', kind: 'cut-init' }),
      explain({ check: 'invariant', source: 'app' }, 0),
      explain({ check: 'invariant', source: 'product' }),
    ]).toEqual([
      "'?' is declared stable but is not: it holds after step 0 and no longer holds after step 1 (the first step), with no snapshot involved.",
      "Stable property '?' holds on the cut recorded at step 4 but not on the state when the snapshot completed, so the snapshot reports it too early.",
      "Stable property '?' is false on the cut recorded at step 4 although it already held initially, so the snapshot denies it.",
      "invariant '?' fails on a reachable application state, after step 0 (the initial state), with no snapshot involved.",
      "Invariant '?' fails on the cut recorded at step 4.",
    ]);
  });
});
