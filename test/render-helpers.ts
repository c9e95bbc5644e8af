// Traces the render tests draw: the write-up's story (the README's figure), a lost message on complete:3, the bundled
// unordered bank's counterexample as verify finds it, and scripted two-, three- and four-process counterexamples.
import { bank, complete, edges, verify, writeupModel, type ModelSpec } from '../src/index.ts';
import { traceSteps, traceViolation } from '../src/trace/api.ts';
import type { TraceDoc } from '../src/trace/document.ts';
import type { StepSpec } from '../src/system/step-spec.ts';
import unorderedBank from '../models/bank-unordered.ts';
import atLeastOnceJob from '../models/broken-abs-no-blocking.ts';
import unblockEarlyJob from '../models/broken-abs-unblock-early.ts';
import restoredUnsavedJob from '../models/broken-unaligned-restored-unsaved.ts';
import { writeupStory } from './stories.ts';

export { writeupStory };

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const marker = (from: number, to: number): StepSpec => ({ kind: 'deliver', from, to, message: 'marker' });
const transfer = (from: number, to: number): StepSpec => ({ kind: 'act', process: from, label: `transfer to P${to}` });
const unordered = (name: string, topology: ModelSpec<unknown, unknown>['topology'], balance: number): ModelSpec<unknown, unknown> =>
  ({ name, topology, workload: bank(balance, balance), network: { discipline: 'unordered' } }) as unknown as ModelSpec<unknown, unknown>;

/** The README's dataflow figure: Flink's at-least-once mode counting a record twice after a crash (no-duplicate). */
export const atLeastOnceDoc = (): TraceDoc => {
  const spec = atLeastOnceJob as ModelSpec<unknown, unknown>;
  const r = must(verify(spec, { stopAtFirst: false }));
  const v = r.violations.find((x) => x.check === 'no-duplicate');
  if (v === undefined) throw new Error('at-least-once on diamond: no no-duplicate violation');
  return must(traceViolation(spec, v, { capacity: r.stats.capacity, rebuild: { file: 'models/broken-abs-no-blocking.ts', args: {} } })).doc;
};

/** FLINK-20654 on fanin:2: two crashes a few steps apart, each labelled with the checkpoint it restores. */
export const restoredUnsavedDoc = (): TraceDoc => {
  const spec = restoredUnsavedJob as ModelSpec<unknown, unknown>;
  const r = must(verify(spec, { stopAtFirst: false }));
  const v = r.violations.find((x) => x.check === 'no-loss');
  if (v === undefined) throw new Error('unaligned/restored-unsaved on fanin:2: no no-loss violation');
  return must(traceViolation(spec, v, { capacity: r.stats.capacity })).doc;
};

/** abs/unblock-early on fanin:2: an input blocked (a band on sum's line), let through early, then a crash restoring checkpoint 1. */
export const unblockEarlyDoc = (): TraceDoc => {
  const spec = unblockEarlyJob as ModelSpec<unknown, unknown>;
  const r = must(verify(spec, { stopAtFirst: false }));
  const v = r.violations.find((x) => x.check === 'no-duplicate');
  if (v === undefined) throw new Error('abs/unblock-early on fanin:2: no no-duplicate violation');
  return must(traceViolation(spec, v, { capacity: r.stats.capacity })).doc;
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

/** models/bank-unordered.ts's first counterexample, as `cutcheck verify --report` draws it (minimised: 8 steps). */
export const unorderedBankDoc = (): TraceDoc => {
  const r = must(verify(unorderedBank, { workers: 1 }));
  const v = r.violations[0];
  if (v === undefined) throw new Error('models/bank-unordered.ts no longer has a counterexample');
  return must(traceViolation(unorderedBank, v)).doc;
};

/** Two processes: P0 sends $1, then initiates; its marker overtakes the dollar, and P0→P1 is recorded empty. */
export const twoProcessDoc = (): TraceDoc =>
  must(traceSteps(unordered('bank on 2 processes, unordered', edges([[0, 1], [1, 0]]), 1), [transfer(0, 1), { kind: 'initiate', process: 0 }, marker(0, 1), marker(1, 0)])).doc;

/** The same on complete:4 (verify's minimised counterexample, scripted): twelve markers, most of them after the cut. */
export const fourProcessDoc = (): TraceDoc =>
  must(
    traceSteps(unordered('bank on complete:4, unordered', complete(4), 1), [
      transfer(0, 1),
      { kind: 'initiate', process: 0 },
      ...[[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 1], [2, 3], [3, 1], [3, 2], [1, 0], [2, 0], [3, 0]].map(([from, to]) => marker(from ?? 0, to ?? 0)),
    ]),
  ).doc;

/** An orphan: P0 initiates, then sends $1, which overtakes its marker, so P1 receives it before recording. */
export const orphanDoc = (): TraceDoc =>
  must(
    traceSteps(unordered('bank on 2 processes, unordered', edges([[0, 1], [1, 0]]), 1), [
      { kind: 'initiate', process: 0 },
      transfer(0, 1),
      { kind: 'deliver', from: 0, to: 1, message: '$1' },
      marker(0, 1),
      marker(1, 0),
    ]),
  ).doc;

/** A phantom: P1 records first; P2 records, then sends $1, which overtakes P2's marker into P2→P1's recording. */
export const phantomDoc = (): TraceDoc =>
  must(
    traceSteps(unordered('bank on complete:3, unordered', complete(3), 1), [
      { kind: 'initiate', process: 0 },
      marker(0, 1),
      marker(0, 2),
      transfer(2, 1),
      { kind: 'deliver', from: 2, to: 1, message: '$1' },
      marker(2, 1),
      marker(1, 0),
      marker(1, 2),
      marker(2, 0),
    ]),
  ).doc;
