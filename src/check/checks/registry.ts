// The checks verify runs, in the order of CHECKS (reports and JSON list them so). A new check is a file beside
// this one and a line below, plus its name in CHECKS.

import type { Model } from '../../model/types.ts';
import type { Check } from './check.ts';
import { consistent } from './consistent.ts';
import { exactlyOnce } from './exactly-once.ts';
import { invariant } from './invariant.ts';
import { noDuplicate } from './no-duplicate.ts';
import { noLoss } from './no-loss.ts';
import { reachable } from './reachable.ts';
import { stable } from './stable.ts';
import { terminates } from './terminates.ts';

export const CHECK_LIST: readonly Check[] = [consistent, reachable, stable, invariant, terminates, exactlyOnce, noLoss, noDuplicate];

/** The checks that apply to a model, in the order of CHECKS. */
export const applicableChecks = (model: Model): readonly Check[] => CHECK_LIST.filter((c) => c.applies?.(model) !== false);

export const checkNamed = (name: string): Check | undefined => CHECK_LIST.find((c) => c.name === name);
