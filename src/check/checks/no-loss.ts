// no-loss: no quiescent end of an execution, crashes and recoveries included, lacks a record that a failure-free
// run absorbs (compared through the workload's ghost ids).

import { type GhostDifference, GhostJudge, differenceText, hasGhosts } from '../ghosts.ts';
import type { CheckName } from '../result.ts';
import { type Check, type ExplainAt, type Finding, NONE } from './check.ts';

/** A finding of the ghost checks: which way the end differs, and where. */
export const ghostFinding = (check: CheckName, kind: 'loss' | 'duplicate', d: GhostDifference): Finding => ({
  check,
  source: 'product-state',
  kind,
  detail: { process: d.process, id: d.id, got: d.got, want: d.want },
});

export function explainGhosts(f: Finding, at: ExplainAt): string {
  const d = f.detail ?? {};
  const diff: GhostDifference = { process: Number(d['process']), id: String(d['id']), got: Number(d['got']), want: Number(d['want']) };
  const what = f.kind === 'loss' ? 'a record is lost' : 'a record is counted twice';
  return `After step ${at.steps} the job is done (nothing left to do, nothing in flight), and ${what}: ${differenceText(at.viewer.model, diff)}.`;
}

export const noLoss: Check = {
  name: 'no-loss',
  summary: 'no quiescent end, after any crashes and recoveries, lacks a record a failure-free run absorbs',
  inspects: ['terminal'],
  applies: hasGhosts,
  terminal: (env) => {
    const judge = GhostJudge.of(env);
    return (vec) => {
      const loss = judge.judge(vec)?.loss ?? null;
      return loss === null ? NONE : [ghostFinding('no-loss', 'loss', loss)];
    };
  },
  explain: explainGhosts,
};
