// reachable: every recorded cut S* is in R, and the state S_final the execution was in when the snapshot
// completed is reachable from it in R.

import { type Check, NONE } from './check.ts';

export const reachable: Check = {
  name: 'reachable',
  summary: 'every recorded cut is a state the application can reach, and it can get from there to where it was at completion',
  inspects: ['snapshot'],
  needsWholeR: true,
  snapshot: ({ app }) => (s) =>
    // Stryker disable next-line ConditionalExpression,LogicalOperator: app.reachable is false from or to a state outside R (but for -1 to -1, which the second clause catches), so the first two clauses only save a search
    s.cutIndex < 0 || s.finalIndex < 0 || !app.reachable(s.cutIndex, s.finalIndex)
      ? [{ check: 'reachable', source: 'product', detail: { inR: s.cutIndex >= 0, finalInR: s.finalIndex >= 0 } }]
      : NONE,
  explain: (f, at) =>
    f.detail?.['inR'] !== true
      ? `The cut recorded at step ${at.steps} is not a state the application can reach (S* is not in R).${at.guilt()}`
      : f.detail['finalInR'] !== true
        ? `The application state when the snapshot completed at step ${at.steps} is not in R.`
        : `The application cannot get from the cut recorded at step ${at.steps} to the state it was in when the snapshot completed (S_final is not reachable from S*).${at.guilt()}`,
};
