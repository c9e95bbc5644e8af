// execute(): runs one scripted execution (a story, such as the write-up's) step by step and returns its trace,
// the recorded cut if the snapshot completed, and whether that cut is consistent.

import { type Result, capture, fail } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { resolveModel } from '../model/define.ts';
import { chandyLamportVariant } from '../snapshot/chandy-lamport.ts';
import { WorkloadTable } from '../system/intern.ts';
import { COMPLETED, ProductSystem } from '../system/system.ts';
import type { Step } from '../system/step.ts';
import { pickStep, type StepSpec } from '../trace/steps.ts';
import { FLAGS, ORPHAN, PHANTOM, LOST } from '../system/layout.ts';
import { buildTrace } from '../report/trace.ts';
import { Viewer } from '../report/view.ts';
import type { CutView, Trace } from './result.ts';

/** One step of a script: the same step language as trace files (src/trace/steps.ts); omitted fields match anything. */
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
  return capture(() => {
    const sys = new ProductSystem(model.value, new WorkloadTable(model.value), chandyLamportVariant(model.value.algorithm.variant), CAPACITY, model.value.algorithm.snapshots);
    const viewer = new Viewer(sys);
    let cur = new Int32Array(sys.width);
    sys.initial(cur);
    const next = new Int32Array(sys.width);
    const codes: number[] = [];
    let completedAt: number | null = null;
    let last: Int32Array | null = null;
    script.forEach((want, i) => {
      if (completedAt !== null) fail('CC009', `step ${i + 1} comes after the snapshot completed at step ${completedAt}`);
      const enabled: { code: number; step: Step }[] = [];
      sys.successors(cur, next, (_vec, code) => void enabled.push({ code, step: sys.describe(cur, code) }));
      const found = pickStep(want, enabled, (m) => viewer.message(m)) ?? -1;
      if (found < 0) fail('CC009', `step ${i + 1} (${JSON.stringify(want)}) is not enabled at that point`);
      const after = new Int32Array(sys.width);
      const event = sys.apply(cur, after, found);
      codes.push(found);
      if ((event & COMPLETED) !== 0) {
        completedAt = i + 1;
        last = after;
      }
      cur = after;
    });
    const trace = buildTrace(viewer, codes);
    const done = last as Int32Array | null;
    return {
      trace,
      completedAt,
      cut: done === null ? null : viewer.cut(done),
      consistent: done === null ? null : ((done[FLAGS] as number) & (ORPHAN | PHANTOM | LOST)) === 0 && !sys.hasPreInFlight(done),
    };
  });
}
