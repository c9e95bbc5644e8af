// no-duplicate: no quiescent end of an execution, crashes and recoveries included, has absorbed a record more often
// than a failure-free run does (compared through the workload's ghost ids).

import { ghostCheck } from '../ghosts.ts';
import type { Check } from './check.ts';

export const noDuplicate: Check = ghostCheck('no-duplicate', 'no quiescent end, after any crashes and recoveries, has absorbed a record more often than a failure-free run', 'duplicate');
