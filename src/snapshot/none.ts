// No snapshot at all: the application alone, used to enumerate R.

import { defineAlgorithm } from './api.ts';

export const noSnapshot = defineAlgorithm<null>({
  name: 'none',
  init: () => null,
  initiate: () => null,
  control: () => ({}),
});
