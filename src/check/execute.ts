// execute(): runs one scripted execution (a story, such as the write-up's) step by step and returns its trace,
// every snapshot it completed (the recorded cut, and whether it is consistent). A script may go on past a completed
// snapshot, into the next one.

import { type Result, capture } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { COMPLETED } from '../system/system.ts';
import type { StepSpec } from '../system/step-spec.ts';
import { buildTrace } from './trace.ts';
import { PathChecker } from './path.ts';
import type { CutView, Trace } from './result.ts';

/** One step of a script: the same step language as trace files (src/system/step-spec.ts); omitted fields match anything. */
export type ScriptStep = StepSpec;

/** One snapshot the execution completed. */
export interface CompletedSnapshot {
  /** Which snapshot of the execution: 0 for the first. */
  readonly snapshot: number;
  /** The step that completed it (1-based). */
  readonly completedAt: number;
  readonly cut: CutView;
  readonly consistent: boolean;
}

export interface Execution {
  readonly trace: Trace;
  /** Every snapshot the execution completed, in order; the script may go on past each. */
  readonly snapshots: readonly CompletedSnapshot[];
  /** The step that completed the first snapshot (1-based), or null if none completed. */
  readonly completedAt: number | null;
  /** The first snapshot's recorded cut. */
  readonly cut: CutView | null;
  readonly consistent: boolean | null;
}

const CAPACITY = 64;

export function execute<S, M>(spec: ModelSpec<S, M>, script: readonly ScriptStep[]): Result<Execution> {
  const model = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  const run = capture(() => {
    const checker = new PathChecker(model.value, CAPACITY);
    const path = checker.resolve(script);
    if (!path.ok) return path;
    const { codes, states, events } = path.value;
    const snapshots = events.flatMap((e, at): CompletedSnapshot[] => {
      if ((e & COMPLETED) === 0) return [];
      const done = states[at + 1] as Int32Array;
      return [{ snapshot: checker.sys.snapshotId(done), completedAt: at + 1, cut: checker.viewer.cut(done), consistent: !checker.sys.isInconsistent(done) }];
    });
    const first = snapshots[0];
    return {
      ok: true as const,
      value: {
        trace: buildTrace(checker.viewer, codes, path.value),
        snapshots,
        completedAt: first?.completedAt ?? null,
        cut: first?.cut ?? null,
        consistent: first?.consistent ?? null,
      },
    };
  });
  return run.ok ? run.value : run;
}
