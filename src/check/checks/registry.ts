// The checks verify runs, in the order of CHECKS (reports and JSON list them so). A new check is a file beside
// this one and a line below, plus its name in CHECKS.

import type { Check } from './check.ts';
import { consistent } from './consistent.ts';
import { invariant } from './invariant.ts';
import { reachable } from './reachable.ts';
import { stable } from './stable.ts';
import { terminates } from './terminates.ts';

export const CHECK_LIST: readonly Check[] = [consistent, reachable, stable, invariant, terminates];

export const checkNamed = (name: string): Check | undefined => CHECK_LIST.find((c) => c.name === name);
