// Minimisation: a counterexample padded with steps that do not matter shrinks back, every shrunk trace replays,
// and a shortest trace that cannot be shrunk is reported as such rather than dressed up.
import { describe, expect, it } from 'vitest';
import { bank, edges, verify } from '../src/index.ts';
import { replayTrace, traceSteps, traceViolation } from '../src/trace/api.ts';
import { completeMarkers, paddedLost, paddedSpec } from './stories.ts';

const spec = paddedSpec;
const markers = completeMarkers;
const padded = paddedLost;

describe('minimising a counterexample', () => {
  const r = traceSteps(spec, padded, { minimise: true });
  if (!r.ok) throw new Error(r.error.message);
  const { doc } = r.value;

  it('drops the steps that do not matter, sends together with their deliveries', () => {
    expect(doc.violation?.check).toBe('consistent');
    expect(doc.minimisation).toMatchObject({ shrunk: true, before: { steps: 12, messages: 3, processes: 3 }, after: { steps: 8, messages: 1, processes: 1 } });
    expect(doc.steps).toEqual([{ kind: 'act', process: 1, label: 'transfer to P2' }, { kind: 'initiate', process: 0 }, ...markers]);
    expect(doc.minimisation?.note).toMatch(/^minimised from 12 steps, 3 application messages, 3 processes at work to 8 steps, 1 application message, 1 process at work/);
  });

  it('keeps the original beside the minimised trace, and both replay to the same violation', () => {
    expect(doc.original?.steps).toEqual(padded);
    for (const original of [false, true]) {
      const again = replayTrace(spec, doc, { original });
      if (!again.ok) throw new Error(again.error.message);
      expect(again.value.recurs).toBe(true);
      expect(again.value.run.steps).toHaveLength(original ? 12 : 8);
    }
  });

  it('says so when the shortest trace the search found cannot be shrunk', () => {
    const two = { name: 'two banks', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' as const } };
    const v = verify(two);
    if (!v.ok) throw new Error(v.error.message);
    const t = traceViolation(two, v.value.violations[0]!);
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.doc.minimisation?.shrunk).toBe(false);
    expect(t.value.doc.minimisation?.note).toMatch(/^the search's trace cannot be shrunk/);
    expect(t.value.doc.original).toBeUndefined();
    expect(t.value.shown.trace.codes).toEqual(v.value.violations[0]?.trace.codes);
  });

  it('stops within its budget and says a smaller trace may exist', () => {
    const t = traceSteps(spec, padded, { minimise: { maxTries: 1 } });
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.doc.minimisation?.note).toMatch(/budget|minimised/);
    if (t.value.doc.minimisation?.shrunk === false) expect(t.value.doc.minimisation.note).toMatch(/a smaller trace may exist/);
  });
});
