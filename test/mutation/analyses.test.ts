// Pinned outputs of what is built on verify: the comparison of algorithms (with their costs and the straggler
// measurement), the assumption matrix, scripted executions, and counterexamples written as trace documents,
// minimised and replayed. Each is compared with the result recorded in the snapshot file beside this one; traces
// are pinned by a hash of their text. `npx vitest run test/mutation -u` records new results after a deliberate change.
import { describe, expect, it } from 'vitest';
import {
  assumptionMatrix, compareAlgorithms, execute, replayTrace, traceSteps, traceViolation, verify,
  type ModelSpec, type ScriptStep,
} from '../../src/index.ts';
import { hash } from './digest.ts';
import { model, must } from './models.ts';


/** maxStates too: by default it is what the memory bound holds, which depends on the machine. */
const VOLATILE = new Set(['elapsedMs', 'statesPerSecond', 'maxMemoryBytes', 'maxStates']);
/** A value with the volatile figures left out, and every trace (anything with steps and codes) as a hash of its text. */
const pin = (x: unknown): unknown => {
  if (Array.isArray(x)) return x.map(pin);
  if (x === null || typeof x !== 'object') return x;
  const o = x as Record<string, unknown>;
  if (Array.isArray(o['steps']) && Array.isArray(o['codes'])) return `trace of ${(o['steps'] as unknown[]).length} steps ${hash(o)}`;
  return Object.fromEntries(Object.entries(o).filter(([k]) => !VOLATILE.has(k)).map(([k, v]) => [k, pin(v)]));
};

describe('comparing algorithms gives the pinned table', () => {
  const cases: readonly [string, ModelSpec<unknown, unknown>, readonly string[] | undefined, string | undefined][] = [
    ['the default message-passing algorithms, unordered', model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered' } }), undefined, undefined],
    ['the default algorithms, FIFO, with a broken one', model('ring:3', 'token:2'), ['chandy-lamport', 'lai-yang', 'chandy-lamport/no-forwarding', 'chandy-lamport/close-all'], undefined],
    ['the barrier algorithms on a diamond with a crash', model('diamond', 'records:1', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), undefined, undefined],
    ['the barrier algorithms with a straggler', model('diamond', 'records:2', { algorithm: 'abs' }), ['abs', 'unaligned', 'at-least-once'], 'a>join'],
    ['the barrier algorithms on a pipeline with a straggler and a crash', model('pipeline:3', 'records:2', { algorithm: 'abs', network: { discipline: 'fifo', faults: { crash: true } } }), ['abs', 'unaligned'], '1>2'],
    ['broken barrier algorithms', model('iterate', 'records:1', { algorithm: 'abs' }), ['abs/first-barrier', 'abs/unblock-early', 'abs/no-log', 'unaligned/no-overtake', 'unaligned/stop-at-snapshot'], undefined],
  ];
  it.each(cases)('%s', (_, spec, algorithms, straggler) => {
    const c = must(compareAlgorithms(spec, algorithms, { workers: 1, ...(straggler === undefined ? {} : { straggler }) }));
    expect(pin(c)).toMatchSnapshot();
  });

  it('refuses an unknown algorithm, an empty list and a channel the topology lacks, each in a line', () => {
    const spec = model('diamond', 'records:1', { algorithm: 'abs' });
    const errors = [
      compareAlgorithms(spec, ['abs', 'absent'], { workers: 1 }),
      compareAlgorithms(spec, [], { workers: 1 }),
      compareAlgorithms(spec, ['abs'], { workers: 1, straggler: 'a>b' }),
      compareAlgorithms(spec, ['abs'], { workers: 1, straggler: 'join' }),
    ].map((r) => (r.ok ? null : r.error));
    expect(errors).toMatchSnapshot();
  });
});

describe('the assumption matrix gives the pinned rows', () => {
  const cases: readonly [string, ModelSpec<unknown, unknown>][] = [
    ['bank on two processes', model('edges:0>1,1>0', 'bank:1,1')],
    ['a token on a ring', model('ring:3', 'token:2')],
    ['bank on a line, from the middle', model('line:3', 'bank:1,1', { algorithm: { kind: 'chandy-lamport', initiators: [1] } })],
    ['Lai-Yang on two processes', model('edges:0>1,1>0', 'bank:1,1', { algorithm: 'lai-yang' })],
    ['ABS on a diamond', model('diamond', 'records:1', { algorithm: 'abs' })],
  ];
  it.each(cases)('%s', (_, spec) => {
    expect(pin(must(assumptionMatrix(spec, { workers: 1 })))).toMatchSnapshot();
  });

  it('takes a fault budget and a number of snapshots', () => {
    expect(pin(must(assumptionMatrix(model('edges:0>1,1>0', 'token:1'), { workers: 1, faults: 2, snapshots: 3 })))).toMatchSnapshot();
  });
});

describe('a scripted execution gives the pinned trace, cut and verdict', () => {
  const transfer = (from: number, to: number): ScriptStep => ({ kind: 'act', process: from, label: `transfer to P${to}` });
  const cases: readonly [string, ModelSpec<unknown, unknown>, readonly ScriptStep[]][] = [
    ['a consistent snapshot on FIFO channels', model('edges:0>1,1>0', 'bank:1,1'), [
      transfer(0, 1), { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'deliver', from: 1, to: 0 },
    ]],
    ['an inconsistent one on unordered channels', model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'unordered' } }), [
      transfer(0, 1), { kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1, message: 'marker' }, { kind: 'deliver', from: 1, to: 0 },
    ]],
    ['a snapshot still under way', model('ring:3', 'token:2'), [{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }]],
    ['a lost marker', model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'fifo', faults: { lossy: true } } }), [
      { kind: 'initiate', process: 0 }, { kind: 'drop', from: 0, to: 1 },
    ]],
    ['a copied transfer', model('edges:0>1,1>0', 'bank:1,1', { network: { discipline: 'fifo', faults: { duplicating: true } } }), [
      transfer(0, 1), { kind: 'duplicate', from: 0, to: 1 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'deliver', from: 0, to: 1 },
    ]],
  ];
  it.each(cases)('%s', (_, spec, script) => {
    expect(pin(must(execute(spec, script)))).toMatchSnapshot();
  });

  it('refuses a step that is not enabled, naming it', () => {
    const r = execute(model('edges:0>1,1>0', 'bank:1,1'), [{ kind: 'deliver', from: 0, to: 1 }]);
    expect(r.ok ? null : r.error).toMatchSnapshot();
  });
});

describe('counterexamples written as trace documents replay to the pinned violation', () => {
  const cases: readonly [string, ModelSpec<unknown, unknown>][] = [
    ['bank on a triangle, unordered', model('complete:3', 'bank:1,1', { network: { discipline: 'unordered' } })],
    ['bank on a line, with a broken variant', model('line:3', 'bank:1,1', { algorithm: 'chandy-lamport/record-after-handling' })],
    ['a token on a ring, losing a marker', model('ring:3', 'token:2', { network: { discipline: 'fifo', faults: { lossy: true, messages: 'markers' } } })],
    ['Lai-Yang that forgets to count', model('edges:0>1,1>0', 'bank:1,1', { algorithm: 'lai-yang/no-count', network: { discipline: 'unordered' } })],
    ['ABS that unblocks early, with a crash', model('diamond', 'records:1', { algorithm: 'abs/unblock-early', network: { discipline: 'fifo', faults: { crash: true } } })],
    ['unaligned that does not save restored records (FLINK-20654)', model('fanin:2', 'records:1', {
      algorithm: { kind: 'unaligned/restored-unsaved', initiators: [0, 1], snapshots: 2 },
      network: { discipline: 'fifo', faults: { crash: true, budget: 2 } },
    })],
  ];
  it.each(cases)('%s', (_, spec) => {
    const r = must(verify(spec, { workers: 1, stopAtFirst: false }));
    const out = r.violations.map((v) => {
      const t = must(traceViolation(spec, v, { capacity: r.stats.capacity }));
      const plain = must(traceViolation(spec, v, { capacity: r.stats.capacity, minimise: false }));
      const again = must(replayTrace(spec, t.doc));
      const original = must(replayTrace(spec, t.doc, { original: true }));
      return {
        check: v.check,
        doc: hash(t.doc),
        minimisation: t.doc.minimisation,
        shown: pin(t.shown),
        plain: { doc: hash(plain.doc), steps: plain.doc.steps.length },
        replay: { recurs: again.recurs, size: again.size, violation: pin(again.violation), run: hash(again.run) },
        original: { recurs: original.recurs, size: original.size },
      };
    });
    expect(r.violations.length).toBeGreaterThan(0);
    expect(out).toMatchSnapshot();
  });

  it('writes a chosen run as a trace, and replays it where every check holds', () => {
    const spec = model('edges:0>1,1>0', 'bank:1,1');
    const steps: ScriptStep[] = [{ kind: 'initiate', process: 0 }, { kind: 'deliver', from: 0, to: 1 }, { kind: 'deliver', from: 1, to: 0 }];
    const t = must(traceSteps(spec, steps));
    const again = must(replayTrace(spec, t.doc));
    expect({ doc: hash(t.doc), recurs: again.recurs, violation: again.violation, size: again.size }).toMatchSnapshot();
  });
});
