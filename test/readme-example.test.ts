import { it } from 'vitest';
import { assertVerified, bank, complete } from 'cutcheck';

it('Chandy-Lamport records consistent cuts of my bank', () => {
  assertVerified({ name: 'bank', topology: complete(3), workload: bank(2, 1) });
});
