// Scripted executions several test files tell: the write-up's story, and a lost message on complete:3 padded with
// steps that have nothing to do with it (for minimisation).
import { bank, complete } from '../src/index.ts';
import type { StepSpec } from '../src/system/step-spec.ts';

/** The write-up's story on `writeupModel`: P1 records, P2 sends M and then records, M crosses the cut. Breaks nothing. */
export const writeupStory: StepSpec[] = [
  { kind: 'initiate', process: 0 },
  { kind: 'act', process: 1, label: 'send M' },
  { kind: 'deliver', from: 0, to: 1, message: 'marker' },
  { kind: 'deliver', from: 1, to: 0, message: 'M(4)' },
  { kind: 'deliver', from: 1, to: 0, message: 'marker' },
];

/** The model the padded story runs on. */
export const paddedSpec = { name: 'bank on complete:3, unordered', topology: complete(3), workload: bank(2, 2), network: { discipline: 'unordered' as const } };

/** Every marker of one snapshot on complete:3, in channel order. */
export const completeMarkers: StepSpec[] = [
  [0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1],
].map(([from = 0, to = 0]): StepSpec => ({ kind: 'deliver', from, to, message: 'marker' }));

/** A lost message on P2→P1, wrapped in transfers that have nothing to do with it. */
export const paddedLost: StepSpec[] = [
  { kind: 'act', process: 1, label: 'transfer to P2' },
  { kind: 'act', process: 2, label: 'transfer to P1' },
  { kind: 'deliver', from: 1, to: 2, message: '$1' },
  { kind: 'act', process: 0, label: 'transfer to P1' },
  { kind: 'deliver', from: 0, to: 1, message: '$1' },
  { kind: 'initiate', process: 0 },
  ...completeMarkers,
];
