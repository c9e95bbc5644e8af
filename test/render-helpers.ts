// Traces the render tests draw: the write-up's story (the README's figure) and a lost message on complete:3.
import { bank, complete, writeupModel } from '../src/index.ts';
import { traceSteps } from '../src/trace/api.ts';
import type { TraceDoc } from '../src/trace/document.ts';
import type { StepSpec } from '../src/trace/steps.ts';

export const writeupStory: StepSpec[] = [
  { kind: 'initiate', process: 0 },
  { kind: 'act', process: 1, label: 'send M' },
  { kind: 'deliver', from: 0, to: 1, message: 'marker' },
  { kind: 'deliver', from: 1, to: 0, message: 'M(4)' },
  { kind: 'deliver', from: 1, to: 0, message: 'marker' },
];

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

export const writeupDoc = (): TraceDoc => must(traceSteps(writeupModel, writeupStory, { rebuild: { file: 'models/writeup.ts', args: {} } })).doc;

export const lostDoc = (): TraceDoc =>
  must(
    traceSteps({ name: 'bank on complete:3, unordered', topology: complete(3), workload: bank(2, 2), network: { discipline: 'unordered' } }, [
      { kind: 'act', process: 2, label: 'transfer to P1' },
      { kind: 'initiate', process: 0 },
      ...[[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]].map(([from, to]): StepSpec => ({ kind: 'deliver', from: from ?? 0, to: to ?? 0, message: 'marker' })),
    ]),
  ).doc;
