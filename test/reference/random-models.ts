// Random small models for property tests that compare two ways of checking the same model (a sharded search against
// one search, a simulation against verify): up to three processes, a few channels, bank or token, FIFO or unordered,
// Chandy-Lamport correct or broken on purpose.
import fc from 'fast-check';
import { bank, edges, token, type ClVariant, type ModelSpec, type Workload } from '../../src/index.ts';

/** The fields of a random small model, to spread into a test's own fc.record (so that its other fields follow). */
export const smallModelFields = (maxChannels: number) => ({
  n: fc.integer({ min: 2, max: 3 }),
  pairs: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: maxChannels, selector: ([a, b]) => `${a}>${b}` }),
  bank: fc.boolean(),
  discipline: fc.constantFrom('fifo' as const, 'unordered' as const),
  variant: fc.constantFrom(undefined, 'no-forwarding', 'close-all', 'channel-at-recording'),
});

/** What smallModelFields generates. */
export interface SmallModel {
  readonly n: number;
  readonly pairs: readonly (readonly [number, number])[];
  readonly bank: boolean;
  readonly discipline: 'fifo' | 'unordered';
  readonly variant: string | undefined;
}

/** The model, or null when no generated pair is a channel of it (the caller skips it with fc.pre). */
export function smallModel(m: SmallModel): ModelSpec<unknown, unknown> | null {
  const channels = m.pairs.filter(([a, b]) => a !== b && a < m.n && b < m.n) as [number, number][];
  if (channels.length === 0) return null;
  return {
    name: 'random',
    topology: edges(channels, m.n),
    workload: (m.bank ? bank(1, 1) : token(2)) as Workload<unknown, unknown>,
    network: { discipline: m.discipline },
    algorithm: { kind: 'chandy-lamport', initiators: [0], ...(m.variant === undefined ? {} : { variant: m.variant as ClVariant }) },
  };
}
