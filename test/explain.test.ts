// Every sentence of a violation's "why" is read off its trace: each claim about who recorded when, and why,
// and about markers on the guilty channel, is checked here against the steps of the trace it explains.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bank, complete, edges, ring, verify, type ModelSpec, type Trace, type Violation } from '../src/index.ts';

const run = <S, M>(spec: ModelSpec<S, M>): readonly Violation[] => {
  const r = verify(spec, { stopAtFirst: false, maxStates: 2_000_000 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.violations;
};

const procIndex = (t: Trace, name: string): number => t.initial.processes.findIndex((p) => p.name === name);

/** The trace step (1-based) as data, and the state just before it. */
const at = (t: Trace, k: number) => ({ step: t.steps[k - 1]?.step, before: k === 1 ? t.initial : t.steps[k - 2]?.after });

const isMarkerDelivery = (t: Trace, k: number, channel: string): boolean => {
  const { step, before } = at(t, k);
  return step?.kind === 'deliver' && step.message.kind === 'marker' && before?.channels.find((c) => c.from === step.from && c.to === step.to)?.name === channel;
};

/** Checks each claim the explanation makes against the trace; returns the claims it found, for the tests to count. */
function checkClaims(v: Violation): string[] {
  const t = v.trace;
  const text = v.explanation;
  const claims: string[] = [];
  for (const m of text.matchAll(/(P\d+) recorded at step (\d+)(, starting the snapshot itself|, when the first marker arrived, on (P\d+→P\d+))?/g)) {
    const [claim, who = '', k = '', why, channel] = m;
    const p = procIndex(t, who);
    const step = Number(k);
    const { step: s, before } = at(t, step);
    expect(before?.processes[p]?.recorded, `${claim}: ${who} had not recorded before step ${step}`).toBeNull();
    expect(t.steps[step - 1]?.after.processes[p]?.recorded, `${claim}: ${who} has recorded after step ${step}`).not.toBeNull();
    if (why?.startsWith(', starting')) expect(s, claim).toEqual({ kind: 'initiate', process: p });
    if (channel !== undefined) {
      expect(isMarkerDelivery(t, step, channel), `${claim}: step ${step} delivers a marker on ${channel}`).toBe(true);
      expect(s?.kind === 'deliver' && s.to === p, `${claim}: to ${who}`).toBe(true);
    }
    claims.push(claim);
  }
  for (const m of text.matchAll(/the marker on (P\d+→P\d+) had arrived at step (\d+)/g)) {
    const [claim, channel = '', k = ''] = m;
    expect(isMarkerDelivery(t, Number(k), channel), claim).toBe(true);
    claims.push(claim);
  }
  for (const m of text.matchAll(/The marker on (P\d+→P\d+) was sent after it, at step (\d+), but arrived first, at step (\d+)/g)) {
    const [claim, channel = '', , arrived = ''] = m;
    expect(isMarkerDelivery(t, Number(arrived), channel), claim).toBe(true);
    claims.push(claim);
  }
  expect(text, 'no causal claim the trace does not support').not.toMatch(/overtook it, so/);
  return claims;
}

const bundled = readdirSync(new URL('../models/', import.meta.url)).filter((f) => f.startsWith('broken-') || f === 'lossy-markers.ts');

describe('explanations of violations', () => {
  it('say the receiver recorded on another channel\'s marker when that is what happened', () => {
    // P0 sends $1 to P1; the marker reaches P1 first through P2 (P0→P2→P1), and with close-all P1 then closes P0→P1.
    const vs = run({ name: 'via-p2', topology: complete(3), workload: bank(1, 1), algorithm: { kind: 'chandy-lamport', initiators: [0], variant: 'close-all' } });
    const text = vs.map((v) => v.explanation).join(' ');
    expect(text).toMatch(/P1 recorded at step \d+, when the first marker arrived, on P2→P1/);
    expect(text).toMatch(/no marker had arrived on P0→P1/);
    for (const v of vs) checkClaims(v);
  });

  it('say the receiver started the snapshot itself when it did', () => {
    // P1 is the initiator; P0's transfer to P1 is overtaken by P0's marker on an unordered channel.
    const vs = run({ name: 'p1-starts', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' }, algorithm: { kind: 'chandy-lamport', initiators: [1] } });
    const text = vs.map((v) => v.explanation).join(' ');
    expect(text).toMatch(/P1 recorded at step \d+, starting the snapshot itself/);
    for (const v of vs) expect(checkClaims(v).length).toBeGreaterThan(0);
  });

  it('tell the overtaking story with the steps at which the marker was sent and arrived', () => {
    const [v] = run({ name: 'two', topology: edges([[0, 1], [1, 0]]), workload: bank(1, 1), network: { discipline: 'unordered' } });
    expect(v?.explanation).toMatch(/The marker on P0→P1 was sent after it, at step 2, but arrived first, at step 3\./);
    if (v !== undefined) expect(checkClaims(v)).toHaveLength(3); // who started, who recorded on which marker, the overtaking
  });

  it.each(bundled)('of %s hold up against their traces', async (file) => {
    const mod = (await import(new URL(`../models/${file}`, import.meta.url).href)) as { default: ModelSpec<unknown, unknown> };
    for (const v of run(mod.default)) checkClaims(v);
  });

  it.each([
    ['ring:3 unordered', { name: 'r', topology: ring(3), workload: bank(1, 1), network: { discipline: 'unordered' as const } }],
    ['complete:3 unordered, two initiators', { name: 'c', topology: complete(3), workload: bank(1, 1), network: { discipline: 'unordered' as const }, algorithm: { kind: 'chandy-lamport' as const, initiators: [0, 2] } }],
  ])('of %s hold up against their traces', (_, spec) => {
    const vs = run(spec as ModelSpec<unknown, unknown>);
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) checkClaims(v);
  });
});
