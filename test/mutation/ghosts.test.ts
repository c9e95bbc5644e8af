// The exactly-once judge on its own: quiescent ends of a product run compared with the failure-free ends of R, as
// ghost-id multisets per process. Driven through a small stand-in for the search (two processes whose local
// states are lists of ghost ids), so each way an end can match, lose or duplicate is set up exactly.
import { describe, expect, it } from 'vitest';
import { GhostJudge, differenceText, type GhostVerdict } from '../../src/check/ghosts.ts';
import type { CheckEnv } from '../../src/check/checks/check.ts';
import { exactlyOnce } from '../../src/check/checks/exactly-once.ts';
import { noDuplicate } from '../../src/check/checks/no-duplicate.ts';
import { noLoss } from '../../src/check/checks/no-loss.ts';
import { topology } from './models.ts';

// Local state ids 0.. stand for these ghost lists.
const LOCALS: readonly (readonly string[])[] = [[], ['a'], ['b'], ['a', 'b'], ['a', 'a'], ['b', 'b', 'b'], ['c'], ['a', 'c'], ['b', 'a'], [], [], [], ['c', 'a']];

const envWith = (failureFree: readonly (readonly number[])[], opts: { quiescent?: boolean; ghosts?: ((s: unknown) => unknown) | undefined } = {}): CheckEnv => {
  const t = topology('edges:0>1,1>0');
  return {
    sys: {
      n: 2,
      layout: { local: 0 },
      isQuiescent: () => opts.quiescent ?? true,
      model: { topology: t, workload: { name: 'w', ghosts: 'ghosts' in opts ? opts.ghosts : (s: unknown) => s } },
      table: { locals: { values: LOCALS } },
    },
    app: { quiescent: failureFree.map((r) => Int32Array.from(r)) },
  } as unknown as CheckEnv;
};
const judgeWith = (failureFree: readonly (readonly number[])[], opts: Parameters<typeof envWith>[1] = {}) => {
  const judge = GhostJudge.of(envWith(failureFree, opts));
  return (end: readonly number[]): GhostVerdict | null => judge.judge(Int32Array.from(end));
};

describe('a quiescent end judged against the failure-free ends', () => {
  it('is fine when it matches any one of them', () => {
    const judge = judgeWith([[1, 2], [3, 0]]);
    expect(judge([3, 0])).toEqual({ loss: null, duplicate: null, mismatch: null });
    expect(judge([1, 2])).toEqual({ loss: null, duplicate: null, mismatch: null });
    expect(judge([8, 0])).toEqual({ loss: null, duplicate: null, mismatch: null });
  });

  it('loses a record when every failure-free end has an id it lacks, naming the first against the first end', () => {
    const judge = judgeWith([[3, 6], [7, 2]]);
    expect(judge([0, 0])).toEqual({ loss: { process: 0, id: 'a', got: 0, want: 1 }, duplicate: null, mismatch: { process: 0, id: 'a', got: 0, want: 1 } });
    expect(judge([1, 0])).toEqual({ loss: { process: 0, id: 'b', got: 0, want: 1 }, duplicate: null, mismatch: { process: 0, id: 'b', got: 0, want: 1 } });
  });

  it('duplicates a record when every failure-free end has fewer copies, naming the smallest id', () => {
    const judge = judgeWith([[1, 2]]);
    expect(judge([4, 5])).toMatchObject({ loss: null, duplicate: { process: 0, id: 'a', got: 2, want: 1 } });
    expect(judge([1, 5])).toMatchObject({ loss: null, duplicate: { process: 1, id: 'b', got: 3, want: 1 } });
    expect(judgeWith([[0, 0]])([12, 0])).toMatchObject({ loss: null, duplicate: { process: 0, id: 'a', got: 1, want: 0 } });
  });

  it('reports a loss and a duplicate together when no end is free of either', () => {
    expect(judgeWith([[3, 0]])([4, 0])).toMatchObject({ loss: { process: 0, id: 'b', got: 0, want: 1 }, duplicate: { process: 0, id: 'a', got: 2, want: 1 } });
  });

  it('finds a loss and a duplicate at different processes, whichever comes first', () => {
    // Against P0 a, P1 b: a twice and no b; then no a and b three times.
    expect(judgeWith([[1, 2]])([4, 0])).toMatchObject({ loss: { process: 1, id: 'b', got: 0, want: 1 }, duplicate: { process: 0, id: 'a', got: 2, want: 1 } });
    expect(judgeWith([[1, 2]])([0, 5])).toMatchObject({ loss: { process: 0, id: 'a', got: 0, want: 1 }, duplicate: { process: 1, id: 'b', got: 3, want: 1 } });
  });

  it('matches no end when it has all of one and nothing beyond another, without losing or duplicating against all', () => {
    // P0 absorbed a: against (a, b) it lost b, against nothing it duplicated a.
    const judge = judgeWith([[3, 0], [0, 0]]);
    expect(judge([1, 0])).toEqual({ loss: null, duplicate: null, mismatch: { process: 0, id: 'b', got: 0, want: 1 } });
  });

  it('tells apart ends whose local ids run together', () => {
    const judge = judgeWith([[1, 12]]);
    expect(judge([1, 12])).toEqual({ loss: null, duplicate: null, mismatch: null });
    expect(judge([11, 2])).toMatchObject({ loss: { process: 0, id: 'a', got: 0, want: 1 }, duplicate: { process: 1, id: 'b', got: 1, want: 0 } });
  });

  it('says nothing of an end that is not quiescent, or when R has no failure-free end', () => {
    expect(judgeWith([[1, 2]], { quiescent: false })([0, 0])).toBeNull();
    expect(judgeWith([])([0, 0])).toBeNull();
  });
});

describe('the three ghost checks', () => {
  const checks = [exactlyOnce, noLoss, noDuplicate] as const;
  /** What a check finds at `end`, against the failure-free ends (a, b) and nothing. */
  const findings = (check: (typeof checks)[number], end: readonly number[]) =>
    (check.terminal?.(envWith([[3, 0], [0, 0]]))(Int32Array.from(end)) ?? []).map((f) => `${f.check} ${f.kind ?? '-'}`);

  it('all pass an end that equals a failure-free one', () => {
    expect(checks.flatMap((c) => findings(c, [3, 0]))).toEqual([]);
  });

  it('leave an end that equals none to exactly-once alone, when it neither loses nor duplicates against all', () => {
    expect(checks.flatMap((c) => findings(c, [1, 0]))).toEqual(['exactly-once mismatch']);
  });

  it('each fail an end that loses or duplicates against every failure-free end, the way they watch', () => {
    // P0 absorbed c: a duplicate against both (a, b) and nothing, and no loss against nothing.
    expect(checks.flatMap((c) => findings(c, [6, 0]))).toEqual(['exactly-once duplicate', 'no-duplicate duplicate']);
    // P0 absorbed nothing where both (a, b) and (a, c) absorb a.
    const lost = checks.flatMap((c) => (c.terminal?.(envWith([[3, 0], [7, 0]]))(Int32Array.from([0, 0])) ?? []).map((f) => `${f.check} ${f.kind ?? '-'}`));
    expect(lost).toEqual(['exactly-once loss', 'no-loss loss']);
    // P0 absorbed a twice where the only failure-free run absorbs a and b: both at once, the loss first.
    const both = checks.flatMap((c) => (c.terminal?.(envWith([[3, 0]]))(Int32Array.from([4, 0])) ?? []).map((f) => `${f.check} ${f.kind ?? '-'}`));
    expect(both).toEqual(['exactly-once loss', 'no-loss loss', 'no-duplicate duplicate']);
  });

  it('explain an end that equals none as such', () => {
    const f = exactlyOnce.terminal?.(envWith([[3, 0], [0, 0]]))(Int32Array.from([1, 0]))[0];
    const at = { steps: 4, viewer: { model: { topology: topology('edges:0>1,1>0') } } } as unknown as Parameters<typeof exactlyOnce.explain>[1];
    expect(f === undefined ? null : exactlyOnce.explain(f, at)).toBe(
      'After step 4 the job is done (nothing left to do, nothing in flight), and what it absorbed equals no failure-free run (it has all of one, and nothing beyond another), so against the first: P0 absorbed b not at all, where the failure-free run absorbs it once.',
    );
  });
});

describe("a workload's ghosts function that breaks the contract", () => {
  const cases: readonly [string, (s: unknown) => unknown, string][] = [
    ['throws', () => { throw new Error('no ids'); }, "CC006: workload 'w' ghosts at P0 threw: no ids"],
    ['returns something other than a list', () => 'a', "CC006: workload 'w' ghosts at P0 must return a list of strings"],
    ['returns a list with a number in it', () => ['a', 1], "CC006: workload 'w' ghosts at P0 must return a list of strings"],
  ];
  it.each(cases)('%s: one CC006 line naming it and the process', (_, ghosts, message) => {
    expect(() => judgeWith([[1, 2]], { ghosts })([1, 2])).toThrow(message);
  });

  it('is not called for a workload without ghosts, which absorbs nothing', () => {
    const judge = judgeWith([[0, 0]], { ghosts: undefined });
    expect(judge([0, 0])).toEqual({ loss: null, duplicate: null, mismatch: null });
  });
});

describe('a difference reads as a sentence', () => {
  const model = { topology: topology('edges:0>1,1>0') } as Parameters<typeof differenceText>[0];
  it.each([
    [0, 1, 'P0 absorbed x not at all, where the failure-free run absorbs it once'],
    [2, 1, 'P0 absorbed x twice, where the failure-free run absorbs it once'],
    [3, 0, 'P0 absorbed x 3 times, where the failure-free run never absorbs it'],
    [1, 2, 'P0 absorbed x once, where the failure-free run absorbs it twice'],
  ])('got %i, want %i', (got, want, text) => {
    expect(differenceText(model, { process: 0, id: 'x', got, want })).toBe(text);
  });
});
