// The step language of scripts and trace files, from end to end through execute() and replayTrace(): each way of
// naming a step (by label or not, by message text, colour, payload or snapshot, the nth of equal steps, a crash by
// its checkpoint, an internal step) picks the step it should, a step that does not apply is one CC009 line listing
// what does, and a trace written from a run names each step just as precisely as it needs to.
import { describe, expect, it } from 'vitest';
import { execute, traceSteps, type ModelSpec, type ScriptStep } from '../../src/index.ts';
import { model, must } from './models.ts';
import { PathChecker } from '../../src/check/path.ts';
import { resolveModel } from '../../src/model/define.ts';
import { replayCodes } from '../../src/system/replay.ts';
import { COMPLETED } from '../../src/system/system.ts';

const unordered = { network: { discipline: 'unordered' as const } };
const texts = (spec: ModelSpec<unknown, unknown>, steps: readonly ScriptStep[]) => {
  const r = execute(spec, steps);
  return r.ok ? { steps: r.value.trace.steps.map((s) => [s.text, ...s.effects].join(' | ')), completedAt: r.value.completedAt, consistent: r.value.consistent } : r.error;
};

describe('naming a step', () => {
  const bank = model('edges:0>1,1>0', 'bank:2,2', unordered);
  const cases: readonly [string, ModelSpec<unknown, unknown>, readonly ScriptStep[]][] = [
    ['an action without its label', bank, [{ kind: 'act', process: 0 }, { kind: 'act', process: 1 }]],
    ['the second of two equal transfers, by nth', bank, [{ kind: 'act', process: 0 }, { kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, nth: 0 }]],
    ['any application message', bank, [{ kind: 'act', process: 0 }, { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, message: 'app' }]],
    ['a message by its text', bank, [{ kind: 'act', process: 0 }, { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, message: 'marker' }]],
    ['a message by its colour', bank, [{ kind: 'act', process: 0 }, { kind: 'initiate', process: 0 }, { kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, post: true }]],
    ['a message by its payload', bank, [{ kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, payload: 1 }]],
    ['a marker by its snapshot', model('edges:0>1,1>0', 'token:1', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }), [
      { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, snapshot: 0 }, { kind: 'deliver', from: 1, to: 0, message: 'marker', snapshot: 0 },
    ]],
    ['a crash back to the initial state', model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), [
      { kind: 'act', process: 0 }, { kind: 'crash', checkpoint: null },
    ]],
    ['a crash, whatever it restores', model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), [
      { kind: 'act', process: 0 }, { kind: 'crash' },
    ]],
    ['an internal step of the algorithm', model('pipeline:3', 'records:1', { algorithm: 'abs/snapshot-emit-forward' }), [
      { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'internal', process: 1 },
    ]],
    ['a lost and a copied message', model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'fifo', faults: { lossy: true, duplicating: true, budget: 2 } } }), [
      { kind: 'act', process: 0 }, { kind: 'duplicate', from: 0, to: 1 }, { kind: 'drop', from: 0, to: 1, message: '$1' },
    ]],
  ];
  it.each(cases)('%s', (_, spec, steps) => {
    expect(texts(spec, steps)).toMatchSnapshot();
  });
});

describe('a step that does not apply is one line that lists what does', () => {
  const bank = model('edges:0>1,1>0', 'bank:1,1');
  const cases: readonly [string, ModelSpec<unknown, unknown>, readonly ScriptStep[]][] = [
    ['a delivery on an empty channel, first', bank, [{ kind: 'deliver', from: 0, to: 1 }]],
    ['an action of a process that has none left', bank, [{ kind: 'act', process: 0 }, { kind: 'act', process: 0 }]],
    ['an action by a label it does not have', bank, [{ kind: 'act', process: 0, label: 'steal' }]],
    ['an initiation by a process that is no initiator', bank, [{ kind: 'initiate', process: 1 }]],
    ['a second initiation', bank, [{ kind: 'initiate', process: 0 }, { kind: 'initiate', process: 0 }]],
    ['a message by the wrong text', bank, [{ kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, message: '$2' }]],
    ['a message by the wrong colour', bank, [{ kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, post: true }]],
    ['a message by the wrong payload', bank, [{ kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, payload: 7 }]],
    ['a marker of the wrong snapshot', bank, [{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, snapshot: 1 }]],
    ['a marker by nth past the last', bank, [{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, nth: 1 }]],
    ['the second message of a FIFO channel', model('edges:0>1,1>0', 'bank:2,2'), [{ kind: 'act', process: 0 }, { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, message: 'marker' }]],
    ['a loss on a reliable network', bank, [{ kind: 'act', process: 0 }, { kind: 'drop', from: 0, to: 1 }]],
    ['a copy on a reliable network', bank, [{ kind: 'act', process: 0 }, { kind: 'duplicate', from: 0, to: 1 }]],
    ['a crash of a job that cannot crash', bank, [{ kind: 'crash' }]],
    ['a crash to a checkpoint that was not taken', model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), [
      { kind: 'act', process: 0 }, { kind: 'crash', checkpoint: 0 },
    ]],
    ['an internal step of an algorithm that has none', bank, [{ kind: 'internal', process: 0 }]],
    ['a second snapshot of a model that takes one', model('edges:0>1', 'token:0'), [{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'initiate', process: 0 }]],
    ['a step of a finished run', model('edges:0>1', 'token:0'), [{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'act', process: 0 }]],
  ];
  it.each(cases)('%s', (_, spec, steps) => {
    const r = texts(spec, steps);
    expect(r).toMatchObject({ code: 'CC009' });
    expect((r as { message: string }).message).not.toMatch(/\n/);
    expect(r).toMatchSnapshot();
  });
});

describe('a trace written from a run names each step just as precisely as it needs', () => {
  const cases: readonly [string, ModelSpec<unknown, unknown>, readonly ScriptStep[]][] = [
    ['equal transfers on an unordered channel, one sent after recording', model('edges:0>1,1>0', 'bank:2,2', unordered), [
      { kind: 'act', process: 0 }, { kind: 'initiate', process: 0 }, { kind: 'act', process: 0 }, { kind: 'deliver', from: 0, to: 1, post: true }, { kind: 'deliver', from: 0, to: 1 },
    ]],
    ['markers of two snapshots side by side', model('edges:0>1,1>0', 'token:1', { network: { discipline: 'unordered' }, algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } }), [
      { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'deliver', from: 1, to: 0, message: 'marker' },
    ]],
    ['a crash and what it restored', model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), [
      { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'act', process: 0 }, { kind: 'crash' },
    ]],
    ['a crash back to the first checkpoint, named', model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), [
      { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'act', process: 0 }, { kind: 'crash', checkpoint: 0 },
    ]],
  ];
  it.each(cases)('%s', (_, spec, steps) => {
    const t = must(traceSteps(spec, steps, { minimise: false }));
    expect(t.doc.steps).toMatchSnapshot();
  });

  it('refuses, in a trace too, a crash to a checkpoint that was not taken', () => {
    const spec = model('pipeline:2', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } });
    const r = traceSteps(spec, [{ kind: 'initiate', process: 0 }, { kind: 'act', process: 0 }, { kind: 'crash', checkpoint: 1 }], { minimise: false });
    expect(r.ok ? null : r.error).toMatchSnapshot();
  });
});

describe('replaying step codes', () => {
  // Two snapshots, so that the second starts from the state the first left once it settled.
  const spec = model('edges:0>1,1>0', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [0], snapshots: 2 } });
  const checker = new PathChecker(must(resolveModel(spec)), 8);
  const path = must(checker.resolve([{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'deliver', from: 1, to: 0 }, { kind: 'initiate', process: 0 }]));

  it('rebuilds the states a scripted run passes through, settling after the step that completes a snapshot', () => {
    const r = must(replayCodes(checker.sys, path.codes));
    expect(r.events).toEqual(path.events);
    expect(r.states).toEqual(path.states);
    expect(r.events.map((e) => (e & COMPLETED) !== 0)).toEqual([false, false, true, false]);
  });

  it('refuses a step code that is not enabled, naming the step', () => {
    const r = replayCodes(checker.sys, [path.codes[0] as number, path.codes[0] as number]);
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual(['CC009', 'step 2 is not enabled at that point of the trace']);
  });
});
