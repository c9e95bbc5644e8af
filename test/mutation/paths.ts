// Scripted paths for the guilt-finder, trace and violation tests: the steps they are written in, the guilty message
// findGuilt gives at the end of a path, with its story, and Chandy-Lamport started by an after handler, which sends a
// message and a marker on one channel in one step.
import { chandyLamportVariant, defineAlgorithm, type ModelSpec, type ProcessContext, type Reaction, type ScriptStep, type SnapshotAlgorithm } from '../../src/index.ts';
import { PathChecker } from '../../src/check/path.ts';
import { describeGuilt, findGuilt } from '../../src/check/explain.ts';
import { resolveModel } from '../../src/model/define.ts';
import { must } from './models.ts';

export const act = (process: number): ScriptStep => ({ kind: 'act', process });
export const take = (from: number, to: number, message: string): ScriptStep => ({ kind: 'deliver', from, to, message });
export const pay = act(0);
export const start: ScriptStep = { kind: 'initiate', process: 0 };
export const markerTo1 = take(0, 1, 'marker');
export const markerTo0 = take(1, 0, 'marker');

/** Chandy-Lamport, for algorithms of a test's own built on it. */
export const cl = chandyLamportVariant() as SnapshotAlgorithm<unknown, unknown, unknown, never>;
/** Chandy-Lamport's initiation at a process, as a reaction (none when it has started already). */
export const initiateAt = (s: unknown, ctx: ProcessContext): Reaction<unknown, unknown, unknown> => cl.initiate(s, ctx) ?? {};
/** Chandy-Lamport, started by P0's after handler once its first action has run: that action's sends, then the markers. */
export const startAfterAction = defineAlgorithm<unknown, unknown, unknown>({
  ...cl, name: 'start-after-action', after: (s, ctx) => (ctx.self === 0 && s === 'idle' ? initiateAt(s, ctx) : {}),
});

/** The guilt findGuilt gives at the end of the steps (completed: the path ends where a snapshot completed), and its story. */
export const blame = (spec: ModelSpec<unknown, unknown>, steps: readonly ScriptStep[], completed = true) => {
  const checker = new PathChecker(must(resolveModel(spec)), 8);
  const path = must(checker.resolve(steps));
  const g = findGuilt(checker.viewer, path.states, path.codes, completed);
  return g === null ? null : { kind: g.kind, id: g.msg.id, sentAt: g.msg.sentAt, at: g.at, context: g.context, story: describeGuilt(checker.viewer, g) };
};
