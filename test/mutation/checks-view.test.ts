// How a user's algorithm's messages read when it shows nothing of its own, or shows its state but not its control
// messages or what it piggybacks: a marker without a payload is `marker`, one with a payload and a piggyback read as
// their default text. And how recorded channel messages read, in a state and in a cut, for a workload with no show.
import { describe, expect, it } from 'vitest';
import {
  appendMessage, completeLocally, defineAlgorithm, recordState, sendControl, startRecording, stopRecording,
  type ModelSpec, type ScriptStep, type SnapshotAlgorithm, type Workload,
} from '../../src/index.ts';
import { PathChecker } from '../../src/check/path.ts';
import { resolveModel } from '../../src/model/define.ts';
import { must, topology } from './models.ts';

type P = 'idle' | 'open' | 'done';
/**
 * Chandy-Lamport for two processes: the initiator's marker carries nothing, the answer carries 7, and every
 * application message carries whether its sender had recorded. No show function at all.
 */
const bare = defineAlgorithm<P, null, number, string>({
  name: 'bare',
  init: () => 'idle',
  initiate: (s, ctx) => (s !== 'idle' ? null : { next: 'open', effects: [recordState(), ...ctx.in.map((q) => startRecording(q)), ...ctx.out.map((q) => sendControl(q))] }),
  control: (s, m, ctx) =>
    s === 'idle'
      ? { next: 'done', effects: [recordState(), ...ctx.out.map((q) => sendControl(q, 7)), completeLocally()] }
      : { next: 'done', effects: [stopRecording(m.from), completeLocally()] },
  receive: (_s, m) => (m.recording ? { effects: [appendMessage()] } : {}),
  send: (s) => ({ piggyback: s === 'idle' ? 'before' : 'after' }),
});
/** The same, showing its state only. */
const stateOnly: SnapshotAlgorithm<P, null, number, string> = { ...bare, name: 'state-only', show: { state: (s) => s } };

/** P0 sends ['m', 1] to P1, once, whenever it likes; P1 counts what it gets. No show function. */
const plain: Workload<unknown, unknown> = {
  name: 'plain',
  init: () => 0,
  actions: (s, ctx) => (ctx.self === 0 && s === 0 ? [{ label: 'go', next: 1, sends: [{ to: 1, msg: ['m', 1] }] }] : []),
  receive: (s) => ({ next: (s as number) + 1 }),
};

const spec = (algorithm: SnapshotAlgorithm<P, null, number, string>, workload = plain): ModelSpec<unknown, unknown> => ({
  name: 'v',
  topology: topology('edges:0>1,1>0'),
  workload,
  algorithm: algorithm as unknown as SnapshotAlgorithm,
});

/** P0 initiates and sends ['m', 1]; P1 takes the marker, answers with its own, and takes the message. */
const run: ScriptStep[] = [
  { kind: 'initiate', process: 0 },
  { kind: 'act', process: 0 },
  { kind: 'deliver', from: 0, to: 1, message: 'marker' },
];

const walk = (s: ModelSpec<unknown, unknown>, steps: readonly ScriptStep[]) => {
  const checker = new PathChecker(must(resolveModel(s)), 8);
  const path = must(checker.resolve(steps));
  return { viewer: checker.viewer, last: path.states[path.states.length - 1] as Int32Array };
};

describe('an algorithm that shows nothing', () => {
  it.each([
    ['shows nothing at all', bare],
    ['shows its state only', stateOnly],
  ])('that %s: a bare marker reads marker, a marker with a payload and a piggyback read as their default text', (_, algorithm) => {
    const { viewer, last } = walk(spec(algorithm), run);
    expect(viewer.controlName()).toBe('marker');
    expect(viewer.state(last).channels.map((c) => [c.name, c.messages.map((m) => m.text)])).toEqual([
      ['P0→P1', ['["m",1] (after)']],
      ['P1→P0', ['7']],
    ]);
  });
});

describe('a workload that shows nothing, with a message recorded in a channel', () => {
  // P1 initiates and records its in-channel; P0 sends before it records, so the message is in the cut.
  const s = { ...spec(bare), algorithm: { kind: bare as unknown as SnapshotAlgorithm, initiators: [1] } };
  const steps: ScriptStep[] = [
    { kind: 'initiate', process: 1 },
    { kind: 'act', process: 0 },
    { kind: 'deliver', from: 0, to: 1 },
    { kind: 'deliver', from: 1, to: 0 },
    { kind: 'deliver', from: 0, to: 1 },
  ];

  it('reads the recorded message as its JSON in the state and in the cut', () => {
    const { viewer, last } = walk(s, steps);
    const channel = viewer.state(last).channels[0];
    expect([channel?.recorded, channel?.recordedValues]).toEqual([['["m",1]'], [['m', 1]]]);
    expect(viewer.cut(last)).toStrictEqual({
      processes: [{ name: 'P0', state: '1' }, { name: 'P1', state: '0' }],
      channels: [{ name: 'P0→P1', messages: ['["m",1]'] }, { name: 'P1→P0', messages: [] }],
    });
  });
});
