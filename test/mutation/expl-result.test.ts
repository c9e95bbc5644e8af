// Each check's outcome as every output gives it: its status, and for a violated check the length of the first
// counterexample found for it (null when the check holds, is unknown or does not apply, or when no counterexample of
// it was kept).
import { describe, expect, it } from 'vitest';
import { CHECKS, checkOutcomes, type CheckName, type CheckStatus, type Violation } from '../../src/check/result.ts';

const violation = (check: CheckName, steps: number): Violation =>
  ({ check, explanation: '', trace: { initial: { processes: [], channels: [], snapshotsCompleted: 0 }, steps: Array.from({ length: steps }), codes: [] } }) as unknown as Violation;

describe("a result's check outcomes", () => {
  it('lists the eight checks in their fixed order', () => {
    expect(CHECKS).toEqual(['consistent', 'reachable', 'stable', 'invariant', 'terminates', 'exactly-once', 'no-loss', 'no-duplicate']);
  });

  it('give each violated check the length of its first counterexample, and every other check none', () => {
    const checks: Record<CheckName, CheckStatus> = {
      consistent: 'violated', reachable: 'violated', stable: 'holds', invariant: 'unknown', terminates: 'violated',
      'exactly-once': 'n/a', 'no-loss': 'n/a', 'no-duplicate': 'n/a',
    };
    const outcomes = checkOutcomes({ checks, violations: [violation('reachable', 5), violation('consistent', 3), violation('consistent', 2), violation('stable', 1)] });
    expect(Object.keys(outcomes)).toEqual([...CHECKS]);
    expect(outcomes).toEqual({
      consistent: { status: 'violated', shortest: 3 },
      reachable: { status: 'violated', shortest: 5 },
      stable: { status: 'holds', shortest: null },
      invariant: { status: 'unknown', shortest: null },
      terminates: { status: 'violated', shortest: null },
      'exactly-once': { status: 'n/a', shortest: null },
      'no-loss': { status: 'n/a', shortest: null },
      'no-duplicate': { status: 'n/a', shortest: null },
    });
  });
});
