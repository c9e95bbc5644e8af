// consistent: every recorded cut is consistent (SEMANTICS.md): no orphan, no phantom, no message lost, judged
// through the ghost colours the product carries.

import { type Check, NONE } from './check.ts';

export const consistent: Check = {
  name: 'consistent',
  summary: 'every recorded cut is consistent: no message received but not sent, none recorded twice or lost',
  inspects: ['snapshot'],
  snapshot: ({ sys }) => (s) => (sys.isInconsistent(s.vec) ? [{ check: 'consistent', source: 'product' }] : NONE),
  explain: (_f, at) => `The snapshot completed at step ${at.steps} is inconsistent.${at.guilt()}`,
};
