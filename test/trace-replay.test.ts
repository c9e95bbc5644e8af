// Replay: every bundled counterexample, written to ITF and read back, replays to the same violation; a trace that
// no longer fits its model (edited, or the model changed) is an error naming the first step that does not apply.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bank, edges, parseTopology, verify, writeupModel, type ModelSpec } from '../src/index.ts';
import { replayTrace, traceSteps, traceViolation } from '../src/trace/api.ts';
import { readItfTrace, toItfTrace } from '../src/trace/itf.ts';
import type { TraceDoc } from '../src/trace/document.ts';
import type { StepSpec } from '../src/system/step-spec.ts';
import { writeupStory } from './stories.ts';

type Spec = ModelSpec<unknown, unknown>;

/** Every violation verify finds, through a trace file and back, replays to the same check at its last step. */
function roundTrips<S, M>(spec: ModelSpec<S, M>, stopAtFirst: boolean): string[] {
  const r = verify(spec, { stopAtFirst });
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.violations.length).toBeGreaterThan(0);
  return r.value.violations.map((v) => {
    const t = traceViolation(spec, v, { capacity: r.value.stats.capacity });
    if (!t.ok) throw new Error(t.error.message);
    const doc = readItfTrace(JSON.stringify(toItfTrace(t.value.doc)));
    if (!doc.ok) throw new Error(doc.error.message);
    for (const original of [false, true]) {
      const again = replayTrace(spec, doc.value, { original });
      if (!again.ok) throw new Error(again.error.message);
      expect(again.value.recurs).toBe(true);
      expect(again.value.violation?.check).toBe(v.check);
    }
    expect(t.value.doc.steps.length).toBeLessThanOrEqual(v.trace.steps.length);
    return v.check;
  });
}

const models = readdirSync(new URL('../models/', import.meta.url)).filter((f) => f.endsWith('.ts'));

describe('replaying bundled counterexamples', () => {
  it.each(models)('replays every counterexample of models/%s', async (file) => {
    const mod = (await import(`../models/${file}`)) as { default: Spec; expect?: string };
    if (mod.expect !== 'violated') return;
    // bank-unordered's full search takes minutes; its first counterexample is enough here.
    expect(roundTrips(mod.default, file.startsWith('bank-')).length).toBeGreaterThan(0);
  });

  it.each([
    ['edges:0>1,1>0', 'unordered', false, ['consistent', 'reachable', 'stable', 'invariant']],
    ['complete:3', 'unordered', true, ['consistent', 'reachable', 'invariant']],
    ['edges:0>1,2>0', 'fifo', false, ['terminates']],
  ] as const)('replays the counterexamples of bank:1,1 on %s over %s channels', (topology, discipline, first, checks) => {
    const t = parseTopology(topology);
    if (!t.ok) throw new Error(t.error.message);
    expect(roundTrips({ name: topology, topology: t.value, workload: bank(1, 1), network: { discipline } }, first)).toEqual(checks);
  });
});

describe('a trace that no longer fits', () => {
  const story = writeupStory;
  const written = traceSteps(writeupModel, story);
  if (!written.ok) throw new Error(written.error.message);
  const doc = written.value.doc;
  const edited = (steps: StepSpec[]): TraceDoc => ({ ...doc, steps });

  it('replays as written, with no violation to confirm', () => {
    const r = replayTrace(writeupModel, doc);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.violation).toBeNull();
    expect(r.value.fingerprint.now).toBe(r.value.fingerprint.recorded);
  });

  it('names the step when a hand edit makes it deliver what is not there', () => {
    const r = replayTrace(writeupModel, edited(story.map((s, i) => (i === 3 ? { kind: 'deliver', from: 1, to: 0, message: 'M(5)' } : s))));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CC009');
      expect(r.error.message).toMatch(/^step 4 of 5 \{"kind":"deliver","from":1,"to":0,"message":"M\(5\)"\} does not apply after step 3 \(enabled there: P1 receives M\(4\) on P2→P1/);
    }
  });

  it('names the step when a hand edit removes a step others depend on', () => {
    const r = replayTrace(writeupModel, edited(story.slice(1)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^step 2 of 4 .*"message":"marker".* does not apply after step 1/);
  });

  it('names the step when the model changed under the trace: FIFO channels where it needs a marker to overtake', () => {
    const spec = { name: 'two banks', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' as const } };
    const r = verify(spec);
    if (!r.ok) throw new Error(r.error.message);
    const t = traceViolation(spec, r.value.violations[0]!);
    if (!t.ok) throw new Error(t.error.message);
    const fifo = replayTrace({ ...spec, network: { discipline: 'fifo' } }, t.value.doc);
    expect(fifo.ok).toBe(false);
    if (!fifo.ok) expect(fifo.error.message).toMatch(/^step 3 of 4 \{"kind":"deliver","from":0,"to":1,"message":"marker"\} does not apply after step 2/);
  });

  it("notices a changed model by its fingerprint even when every step still applies", () => {
    const r = replayTrace({ ...writeupModel, name: 'renamed but the same' }, doc);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fingerprint.now).toBe(r.value.fingerprint.recorded);
    const changed = replayTrace({ ...writeupModel, algorithm: { kind: 'chandy-lamport', initiators: [0, 1] } }, doc);
    if (!changed.ok) throw new Error(changed.error.message);
    expect(changed.value.fingerprint.now).not.toBe(changed.value.fingerprint.recorded);
  });
});
