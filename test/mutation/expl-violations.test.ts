// A violation's report rebuilt from a finding and the path to it (as for a replayed or minimised trace): a finding
// on a cut gets the recorded cut and, when the trace holds one, the guilty message's story as a sentence of its own;
// a finding on the application alone gets neither; and the internal mistakes (a check that does not exist, a path
// that does not replay, a product violation without a product search) are named.
import { describe, expect, it } from 'vitest';
import type { ScriptStep } from '../../src/index.ts';
import { PathChecker } from '../../src/check/path.ts';
import { describeViolation, type Finding } from '../../src/check/violations.ts';
import type { CheckName } from '../../src/check/result.ts';
import { resolveModel } from '../../src/model/define.ts';
import { model, must } from './models.ts';
import { markerTo0, markerTo1, pay, start } from './paths.ts';

const checkerFor = (discipline: 'fifo' | 'unordered') => new PathChecker(must(resolveModel(model('edges:0>1,1>0', 'bank:1,1', { network: { discipline } }))), 8);
const codes = (checker: PathChecker, steps: readonly ScriptStep[]) => must(checker.resolve(steps)).codes;


describe('a violation rebuilt from its finding and path', () => {
  it('on a cut with a guilty message: the story follows as its own sentence, and the cut is given', () => {
    const checker = checkerFor('unordered');
    const v = checker.explain({ check: 'consistent', source: 'product' }, codes(checker, [pay, start, markerTo1, markerTo0]));
    expect(v.explanation).toMatch(/^The snapshot completed at step 4 is inconsistent\. Message #1 \(\$1 on P0→P1, sent at step 1\) was sent by P0 before P0 recorded/);
    expect(v.cut?.processes.map((p) => p.name)).toEqual(['P0', 'P1']);
    expect(v.trace.steps.length).toBe(4);
  });

  it('on a cut with no guilty message: the check’s sentence alone, with nothing after it', () => {
    const checker = checkerFor('fifo');
    const v = checker.explain({ check: 'consistent', source: 'product' }, codes(checker, [start, markerTo1, markerTo0]));
    expect(v.explanation).toBe('The snapshot completed at step 3 is inconsistent.');
    expect(v.cut).toBeDefined();
  });

  it('on the application alone: no story and no cut', () => {
    const checker = checkerFor('fifo');
    const v = checker.explain({ check: 'invariant', source: 'app', name: 'broke' }, codes(checker, [pay]));
    expect(v).toMatchObject({ check: 'invariant', explanation: "invariant 'broke' fails on a reachable application state, after step 1, with no snapshot involved." });
    expect(v.cut).toBeUndefined();
  });

  it('names a check that does not exist, and a path that does not replay', () => {
    const checker = checkerFor('fifo');
    expect(() => checker.explain({ check: 'nope' as CheckName, source: 'product' }, [])).toThrow('internal: no check named nope');
    const deliver = codes(checker, [pay, { kind: 'deliver', from: 0, to: 1 }]);
    expect(() => checker.explain({ check: 'consistent', source: 'product' }, [deliver[1] as number])).toThrow(
      'internal: a counterexample does not replay: step 1 is not enabled at that point of the trace',
    );
  });

  it('refuses a product violation without a product search', () => {
    const checker = checkerFor('fifo');
    const f: Finding = { check: 'consistent', source: 'product' };
    expect(() => describeViolation({ ...f, at: 'product-state', id: 0 }, { sys: checker.sys, app: checker.app, productStore: null })).toThrow(
      'internal: product violation without a product search',
    );
  });
});
