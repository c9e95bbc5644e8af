// no-duplicate: no quiescent end of an execution, crashes and recoveries included, has absorbed a record more often
// than a failure-free run does (compared through the workload's ghost ids).

import { GhostJudge, explainGhosts, ghostFinding, hasGhosts } from '../ghosts.ts';
import { type Check, NONE } from './check.ts';

export const noDuplicate: Check = {
  name: 'no-duplicate',
  summary: 'no quiescent end, after any crashes and recoveries, has absorbed a record more often than a failure-free run',
  inspects: ['terminal'],
  applies: hasGhosts,
  terminal: (env) => {
    const judge = GhostJudge.of(env);
    return (vec) => {
      const duplicate = judge.judge(vec)?.duplicate ?? null;
      return duplicate === null ? NONE : [ghostFinding('no-duplicate', 'duplicate', duplicate)];
    };
  },
  explain: explainGhosts,
};
