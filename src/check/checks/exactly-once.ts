// exactly-once: every quiescent end of an execution, crashes and recoveries included, has absorbed every source
// record exactly as a failure-free run does (each ghost id as often, on every process): no loss and no duplicate.

import { GhostJudge, explainGhosts, ghostFinding, hasGhosts } from '../ghosts.ts';
import { type Check, NONE } from './check.ts';

export const exactlyOnce: Check = {
  name: 'exactly-once',
  summary: 'every quiescent end, after any crashes and recoveries, has absorbed each record as a failure-free run does',
  inspects: ['terminal'],
  applies: hasGhosts,
  terminal: (env) => {
    const judge = GhostJudge.of(env);
    return (vec) => {
      const v = judge.judge(vec);
      if (v === null) return NONE;
      const d = v.loss ?? v.duplicate;
      return d === null ? NONE : [ghostFinding('exactly-once', v.loss !== null ? 'loss' : 'duplicate', d)];
    };
  },
  explain: explainGhosts,
};
