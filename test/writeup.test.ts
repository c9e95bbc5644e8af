// The write-up's two-process example, replayed step by step, and then verified on every interleaving.
import { describe, expect, it } from 'vitest';
import { execute, verify, writeupModel } from '../src/index.ts';

describe('the write-up example', () => {
  const story = [
    { kind: 'initiate', process: 0 }, // P1 records and sends a marker to P2
    { kind: 'act', process: 1, label: 'send M' }, // before the marker arrives, P2 sends M to P1
    { kind: 'deliver', from: 0, to: 1, message: 'marker' }, // P2 records, after having sent M
    { kind: 'deliver', from: 1, to: 0, message: 'app' }, // P1 receives M while recording P2 → P1
    { kind: 'deliver', from: 1, to: 0, message: 'marker' }, // the marker closes P2 → P1 with [M]
  ] as const;

  it('records P1 before M, P2 after sending M, and M in the channel P2 → P1', () => {
    const r = execute(writeupModel, story);
    if (!r.ok) throw new Error(r.error.message);
    const { cut, completedAt, consistent, trace } = r.value;
    expect(completedAt).toBe(5);
    expect(consistent).toBe(true);
    expect(cut?.processes).toEqual([
      { name: 'P1', state: 'X=1 Y=2 Z=3' },
      { name: 'P2', state: 'X=0 Y=5 Z=7' },
    ]);
    expect(cut?.channels).toEqual([
      { name: 'P1→P2', messages: [] },
      { name: 'P2→P1', messages: ['M(4)'] },
    ]);
    expect(trace.steps[3]?.effects).toContain('P2→P1 records M(4) as in flight');
    expect(trace.steps[4]?.effects).toContain('the snapshot is complete');
  });

  it('is the channel state the marker separates: P1 delivered [M, marker] on P2 → P1', () => {
    const r = execute(writeupModel, story);
    if (!r.ok) throw new Error(r.error.message);
    const p2p1 = r.value.trace.steps[2]?.after.channels.find((c) => c.name === 'P2→P1');
    expect(p2p1?.messages.map((m) => m.text)).toEqual(['M(4)', 'marker']);
  });

  it('refuses a story whose next step is not enabled, naming the step', () => {
    const r = execute(writeupModel, [{ kind: 'deliver', from: 0, to: 1 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CC009', message: expect.stringContaining('step 1') });
  });

  it('verifies on every interleaving with every check holding', () => {
    const r = verify(writeupModel, { stopAtFirst: false });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.verdict).toBe('holds');
    expect(Object.values(r.value.checks)).toEqual(['holds', 'holds', 'holds', 'holds', 'holds', 'n/a', 'n/a', 'n/a']);
    expect(r.value.facts.cuts).toBeGreaterThan(1);
  });
});
