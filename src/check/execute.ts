// execute(): runs one scripted execution (a story, such as the write-up's) step by step and returns its trace,
// the recorded cut if the snapshot completed, and whether that cut is consistent.

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

export interface Execution {
  readonly trace: Trace;
  /** The step that completed the snapshot (1-based), or null if it did not complete. */
  readonly completedAt: number | null;
  readonly cut: CutView | null;
  readonly consistent: boolean | null;
}

const CAPACITY = 64;

export function execute<S, M>(spec: ModelSpec<S, M>, script: readonly ScriptStep[]): Result<Execution> {
  const model = resolveModel(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  const run = capture(() => {
    const checker = new PathChecker(model.value, CAPACITY);
    const path = checker.resolve(script, true);
    if (!path.ok) return path;
    const { codes, states, events } = path.value;
    const at = events.findIndex((e) => (e & COMPLETED) !== 0);
    const done = at < 0 ? null : (states[at + 1] as Int32Array);
    return {
      ok: true as const,
      value: {
        trace: buildTrace(checker.viewer, codes),
        completedAt: at < 0 ? null : at + 1,
        cut: done === null ? null : checker.viewer.cut(done),
        consistent: done === null ? null : !checker.sys.isInconsistent(done),
      },
    };
  });
  return run.ok ? run.value : run;
}
