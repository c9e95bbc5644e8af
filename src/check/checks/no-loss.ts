// no-loss: no quiescent end of an execution, crashes and recoveries included, lacks a record that a failure-free
// run absorbs (compared through the workload's ghost ids).

import { ghostCheck } from '../ghosts.ts';
import type { Check } from './check.ts';

export const noLoss: Check = ghostCheck('no-loss', 'no quiescent end, after any crashes and recoveries, lacks a record a failure-free run absorbs', 'loss');
