// How a step of a trace file is matched against the steps enabled at a point (stepMatches, pickStep), and how the
// shortest spec that still picks one enabled step is written (specOf): `post`, `payload`, `snapshot` and `nth`
// appear only when the fields before them do not tell the step apart from another one enabled beside it.
import { describe, expect, it } from 'vitest';
import { pickStep, specOf, stepMatches, type StepSpec } from '../../src/system/step-spec.ts';
import type { MessageView, Step } from '../../src/system/step.ts';

/** Shows a marker as `marker` and an application message as its payload's text ('m' for any object). */
const show = (m: MessageView): string => (m.kind === 'marker' ? 'marker' : typeof m.payload === 'object' ? 'm' : String(m.payload));
const deliver = (from: number, to: number, message: MessageView, kind: 'deliver' | 'drop' | 'duplicate' = 'deliver'): Step => ({ kind, channel: 0, from, to, message });
const app = (payload: unknown, post = false): MessageView => ({ kind: 'app', payload, post });
const marker = (snapshot: number): MessageView => ({ kind: 'marker', snapshot });
const enabled = (...steps: Step[]) => steps.map((step, i) => ({ code: 10 + i, step }));

describe('matching a spec against an enabled step', () => {
  it('tells a delivery from a drop on the same channel', () => {
    const want: StepSpec = { kind: 'deliver', from: 0, to: 1 };
    expect(stepMatches(want, deliver(0, 1, app(1)), show)).toBe(true);
    expect(stepMatches(want, deliver(0, 1, app(1), 'drop'), show)).toBe(false);
    expect(stepMatches(want, deliver(1, 1, app(1)), show)).toBe(false);
    expect(stepMatches(want, deliver(0, 0, app(1)), show)).toBe(false);
  });

  it('matches a post-snapshot message only by a spec that says post, or says nothing of it', () => {
    const post = deliver(0, 1, app(1, true));
    expect(stepMatches({ kind: 'deliver', from: 0, to: 1, post: true }, post, show)).toBe(true);
    expect(stepMatches({ kind: 'deliver', from: 0, to: 1, post: false }, post, show)).toBe(false);
    expect(stepMatches({ kind: 'deliver', from: 0, to: 1 }, post, show)).toBe(true);
  });

  it('matches an internal step only at its own process', () => {
    const step: Step = { kind: 'internal', process: 1, label: 'emits' };
    expect(stepMatches({ kind: 'internal', process: 1 }, step, show)).toBe(true);
    expect(stepMatches({ kind: 'internal', process: 0 }, step, show)).toBe(false);
    expect(stepMatches({ kind: 'internal', process: 1 }, { kind: 'initiate', process: 1 }, show)).toBe(false);
  });
});

describe('the shortest spec of an enabled step', () => {
  it('refuses a step that is not enabled, as an internal error', () => {
    expect(() => specOf(99, enabled({ kind: 'initiate', process: 0 }), show)).toThrow('internal: specOf asked for a step that is not enabled');
  });

  it('names a duplication by its channel and message when nothing else is alike', () => {
    const steps = enabled(deliver(0, 1, app(1)), deliver(0, 1, app(1), 'duplicate'));
    expect(specOf(11, steps, show)).toEqual({ kind: 'duplicate', from: 0, to: 1, message: '1' });
  });

  it('adds the snapshot of a marker when two markers of different snapshots wait on the channel', () => {
    const steps = enabled(deliver(0, 1, marker(0)), deliver(0, 1, marker(1)));
    expect(specOf(10, steps, show)).toEqual({ kind: 'deliver', from: 0, to: 1, message: 'marker' });
    expect(specOf(11, steps, show)).toEqual({ kind: 'deliver', from: 0, to: 1, message: 'marker', snapshot: 1 });
    expect(pickStep({ kind: 'deliver', from: 0, to: 1, message: 'marker', snapshot: 1 }, steps, show)).toBe(11);
  });

  it('adds post, and nothing more, when the colour tells two equal messages apart', () => {
    const steps = enabled(deliver(0, 1, app(1)), deliver(0, 1, app(1, true)));
    expect(specOf(11, steps, show)).toEqual({ kind: 'deliver', from: 0, to: 1, message: '1', post: true });
  });

  it('adds the payload when two messages show alike and share their colour', () => {
    const steps = enabled(deliver(0, 1, app({ a: 1 })), deliver(0, 1, app({ a: 2 })));
    expect(specOf(11, steps, show)).toEqual({ kind: 'deliver', from: 0, to: 1, message: 'm', post: false, payload: { a: 2 } });
  });

  it('counts nth among the alike steps only, not among every step enabled', () => {
    const steps = enabled({ kind: 'initiate', process: 0 }, deliver(0, 1, app(7)), deliver(0, 1, app(7)));
    expect(specOf(12, steps, show)).toEqual({ kind: 'deliver', from: 0, to: 1, message: '7', post: false, payload: 7, nth: 1 });
    expect(pickStep({ kind: 'deliver', from: 0, to: 1, message: '7', nth: 1 }, steps, show)).toBe(12);
  });
});
