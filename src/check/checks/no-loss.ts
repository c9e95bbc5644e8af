// no-loss: no quiescent end of an execution, crashes and recoveries included, lacks a record that a failure-free
// run absorbs (compared through the workload's ghost ids).

import { GhostJudge, explainGhosts, ghostFinding, hasGhosts } from '../ghosts.ts';
import { type Check, NONE } from './check.ts';

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
