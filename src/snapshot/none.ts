// No snapshot at all: the application alone, used to enumerate R.

import { defineAlgorithm } from './api.ts';

// The system runs this algorithm with no algorithm words (ProductSystem: words is false for it), so it never asks
// initiate or control, and its name is shown nowhere: only init is called.
// Stryker disable StringLiteral,ArrowFunction: unreachable, as said above
export const noSnapshot = defineAlgorithm<null>({
  name: 'none',
  init: () => null,
  initiate: () => null,
  control: () => ({}),
});
// Stryker restore StringLiteral,ArrowFunction
