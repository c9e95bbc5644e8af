// No snapshot at all: the application alone, used to enumerate R.

import { defineAlgorithm } from './api.ts';

// The system runs this algorithm with no algorithm words (ProductSystem: words is false for it), so it never asks
// initiate or control: only init is called (under the watch, which names it). Mutants of the other two are equivalent.
export const noSnapshot = defineAlgorithm<null>({
  name: 'none',
  init: () => null,
  // Stryker disable next-line ArrowFunction: never called
  initiate: () => null,
  // Stryker disable next-line ArrowFunction: never called
  control: () => ({}),
});
