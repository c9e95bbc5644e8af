// No snapshot at all: the application alone, used to enumerate R.

import { defineAlgorithm } from './api.ts';

// The system runs this algorithm with no algorithm words (ProductSystem: words is false for it), so it never asks
// initiate or control, and its name is shown nowhere: only init is called. Mutants of the rest are equivalent.
export const noSnapshot = defineAlgorithm<null>({
  // Stryker disable next-line StringLiteral: the name is shown nowhere
  name: 'none',
  init: () => null,
  // Stryker disable next-line ArrowFunction: never called
  initiate: () => null,
  // Stryker disable next-line ArrowFunction: never called
  control: () => ({}),
});
