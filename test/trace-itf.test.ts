// Trace files in the Informal Trace Format: values, the document's round trip, and files that are not traces.
import { describe, expect, it } from 'vitest';
import { Map as IMap, List, Set as ISet } from 'immutable';
import { bank, edges, verify, writeupModel } from '../src/index.ts';
import { fromItf, toItf } from '../src/trace/itf-value.ts';
import { readItfTrace, toItfTrace, ITF_VARS } from '../src/trace/itf.ts';
import { traceSteps, traceViolation } from '../src/trace/api.ts';

const story = [
  { kind: 'initiate', process: 0 },
  { kind: 'act', process: 1, label: 'send M' },
  { kind: 'deliver', from: 0, to: 1, message: 'marker' },
  { kind: 'deliver', from: 1, to: 0, message: 'M(4)' },
  { kind: 'deliver', from: 1, to: 0, message: 'marker' },
] as const;

describe('ITF values', () => {
  it('writes integers as #bigint, the canonical ITF encoding, beyond the safe range too', () => {
    expect(toItf(5)).toEqual({ '#bigint': '5' });
    expect(toItf(2n ** 70n)).toEqual({ '#bigint': '1180591620717411303424' });
    expect(fromItf({ '#bigint': '1180591620717411303424' })).toBe(2n ** 70n);
    expect(fromItf({ '#bigint': '-7' })).toBe(-7);
    expect(fromItf(42)).toBe(42);
  });

  it('writes records as objects, lists as arrays, and immutable maps and sets as #map and #set', () => {
    expect(toItf({ x: 1, tags: ['a', true] })).toEqual({ x: { '#bigint': '1' }, tags: ['a', true] });
    expect(toItf(IMap({ a: 1 }))).toEqual({ '#map': [['a', { '#bigint': '1' }]] });
    expect(toItf(ISet([2]))).toEqual({ '#set': [{ '#bigint': '2' }] });
    expect(toItf(List([1, 2]))).toEqual([{ '#bigint': '1' }, { '#bigint': '2' }]);
    expect(fromItf({ '#tup': [{ '#bigint': '1' }, 'b'] })).toEqual([1, 'b']);
    expect(fromItf({ '#map': [[{ '#bigint': '1' }, 'one']] })).toEqual(new Map([[1, 'one']]));
  });

  it('marks what ITF cannot hold as #unserializable and reads it back', () => {
    expect(toItf(1.5)).toEqual({ '#unserializable': '1.5' });
    expect(fromItf(toItf(1.5))).toBe(1.5);
    expect(fromItf(toItf(null))).toBe(null);
  });
});

describe('a trace document as an ITF file', () => {
  const written = traceSteps(writeupModel, story, { rebuild: { file: 'models/writeup.ts', args: {} } });
  if (!written.ok) throw new Error(written.error.message);
  const doc = written.value.doc;
  const json = JSON.parse(JSON.stringify(toItfTrace(doc))) as Record<string, unknown>;

  it('has the ITF shape: #meta, vars, and one state per step plus the initial one, each with #meta.index', () => {
    expect(json['vars']).toEqual([...ITF_VARS]);
    const states = json['states'] as Record<string, unknown>[];
    expect(states).toHaveLength(6);
    states.forEach((s, i) => {
      expect(s['#meta']).toEqual({ index: i });
      for (const v of ITF_VARS) expect(s).toHaveProperty(v);
    });
    expect(states[1]?.['local']).toEqual({
      '#map': [
        [{ '#bigint': '0' }, { x: { '#bigint': '1' }, y: { '#bigint': '2' }, z: { '#bigint': '3' } }],
        [{ '#bigint': '1' }, { x: { '#bigint': '4' }, y: { '#bigint': '5' }, z: { '#bigint': '6' } }],
      ],
    });
    expect((states[2]?.['inFlight'] as { '#map': unknown[][] })['#map'][0]?.[0]).toEqual({ '#tup': [{ '#bigint': '0' }, { '#bigint': '1' }] });
  });

  it("keeps the model's identity and the editable step list in #meta", () => {
    const meta = json['#meta'] as Record<string, unknown>;
    expect(meta['format']).toBe('ITF');
    expect(meta['model']).toMatchObject({ name: 'write-up example (P1, P2)', topology: 'edges:0>1,1>0', workload: 'writeup', channels: 'fifo', initiators: [0] });
    expect((meta['model'] as { fingerprint: string }).fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(meta['rebuild']).toEqual({ file: 'models/writeup.ts', args: {} });
    expect(meta['steps']).toEqual(story);
  });

  it('reads back to the same document', () => {
    const back = readItfTrace(JSON.stringify(toItfTrace(doc)));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value).toEqual(doc);
  });

  it('round-trips a minimised counterexample with its original and its guilty message', () => {
    const spec = { name: 'two banks', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' as const } };
    const r = verify(spec);
    if (!r.ok) throw new Error(r.error.message);
    const t = traceViolation(spec, r.value.violations[0]!);
    if (!t.ok) throw new Error(t.error.message);
    const back = readItfTrace(JSON.stringify(toItfTrace(t.value.doc)));
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value).toEqual(t.value.doc);
    expect(back.value.violation).toMatchObject({ check: 'consistent', guilty: { message: 1, kind: 'lost' } });
  });
});

describe('a file that is not a cutcheck trace', () => {
  it.each([
    ['not JSON', '{', /is not JSON/],
    ['an ITF trace of another tool', '{"#meta":{"format":"ITF"},"vars":[],"states":[]}', /cutcheck format version/],
    ['a step of an unknown kind', '{"#meta":{"cutcheck":1,"steps":[{"kind":"teleport"}]},"states":[]}', /step 1\.kind must be one of initiate, act/],
    ['a step with a bad field', '{"#meta":{"cutcheck":1,"steps":[{"kind":"act","process":"one"}]},"states":[]}', /step 1\.process must be a whole number/],
  ])('is a CC011 error saying where (%s)', (_what, text, message) => {
    const r = readItfTrace(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CC011');
      expect(r.error.message).toMatch(message);
    }
  });
});
