// exactly-once: every quiescent end of an execution, crashes and recoveries included, has absorbed every source
// record exactly as a failure-free run does (each ghost id as often, on every process): no loss and no duplicate.

import { ghostCheck } from '../ghosts.ts';
import type { Check } from './check.ts';

export const exactlyOnce: Check = ghostCheck('exactly-once', 'every quiescent end, after any crashes and recoveries, has absorbed each record as a failure-free run does', 'either');
