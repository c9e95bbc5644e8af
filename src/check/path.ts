// Checks one given execution as verify checks every execution: resolves a step list against the model (naming the
// first step that does not apply), then runs the checks of SEMANTICS.md along that single path.

import { type Result, ok, err, fail } from '../errors.ts';
import type { Model } from '../model/types.ts';
import { CapacityOverflow } from '../network/channels.ts';
import { WorkloadTable } from '../system/intern.ts';
import { COMPLETED, ProductSystem } from '../system/system.ts';
import type { Step } from '../system/step.ts';
import { Viewer } from './view.ts';
import { pickStep, specText, type ShowMessage, type StepSpec } from '../system/step-spec.ts';
import { AppSpace } from './appspace.ts';
import type { AppView } from '../model/types.ts';
import { applicableChecks } from './checks/registry.ts';
import type { CheckEnv, CompletedSnapshot } from './checks/check.ts';
import type { Violation } from './result.ts';
import { describeViolationAlong, type Finding } from './violations.ts';
import { DEFAULT_MAX_STATES, MAX_CAPACITY } from './verify.ts';

export type { Finding } from './violations.ts';

/** A path through the product system: states[0] is the initial state, states[i] the raw state after step i. */
export interface ResolvedPath {
  readonly codes: readonly number[];
  readonly states: readonly Int32Array[];
  readonly events: readonly number[];
}

/** A check that fails at a point of the path (`at` = steps taken; 0 = the initial state). */
export interface PathFinding {
  readonly at: number;
  readonly finding: Finding;
}

export interface Enabled {
  readonly code: number;
  readonly step: Step;
}

/** Which violation a finding is, for "does the same check still fail?": check, predicate and kind, not the details. */
export function signature(f: Finding): string {
  return [f.check, f.source === 'app' ? 'state' : 'cut', f.name ?? '', f.kind ?? ''].join('|');
}

export class PathChecker {
  readonly table: WorkloadTable;
  readonly sys: ProductSystem;
  readonly viewer: Viewer;
  readonly show: ShowMessage;
  private space: AppSpace | null = null;

  constructor(readonly model: Model, readonly capacity: number) {
    this.table = new WorkloadTable(model);
    this.sys = new ProductSystem(model, this.table, model.algorithm.impl, capacity, model.algorithm.snapshots);
    this.viewer = new Viewer(this.sys);
    this.show = (m) => this.viewer.message(m);
  }

  /** R, explored on first use (only the checks need it, not resolving steps). */
  get app(): AppSpace {
    this.space ??= new AppSpace(this.model, this.table, this.capacity, { maxStates: DEFAULT_MAX_STATES });
    if (this.space.outcome.truncated) fail('CC008', `R has more than ${DEFAULT_MAX_STATES} states; this path cannot be checked`);
    return this.space;
  }

  enabled(vec: Int32Array): Enabled[] {
    const out: Enabled[] = [];
    this.sys.successors(vec, new Int32Array(this.sys.width), (_v, code) => out.push({ code, step: this.sys.describe(vec, code) }));
    return out;
  }

  /** The state the next step starts from: a completed snapshot is settled first, as the search does. */
  stateAfter(path: { states: readonly Int32Array[]; events: readonly number[] }): Int32Array {
    const last = path.states[path.states.length - 1] as Int32Array;
    // No step yet (no event) or a step that completed nothing: the state is as it is.
    if (((path.events[path.events.length - 1] ?? 0) & COMPLETED) === 0) return last;
    const settled = last.slice();
    this.sys.settle(settled);
    return settled;
  }

  /**
   * Runs a step list from the initial state, past completed snapshots; the first step that matches no enabled step
   * is a CC009 error naming it.
   */
  resolve(steps: readonly StepSpec[]): Result<ResolvedPath> {
    const first = new Int32Array(this.sys.width);
    this.sys.initial(first);
    const path = { codes: [] as number[], states: [first], events: [] as number[] };
    for (const [i, spec] of steps.entries()) {
      const cur = this.stateAfter(path);
      const enabled = this.enabled(cur);
      const code = pickStep(spec, enabled, this.show);
      if (code === null) {
        const where = i === 0 ? 'in the initial state' : `after step ${i}`;
        const list = enabled.length === 0 ? 'no step is enabled there' : `enabled there: ${enabled.map((e) => this.viewer.step(e.step)).join('; ')}`;
        return err('CC009', `step ${i + 1} of ${steps.length} ${specText(spec)} does not apply ${where} (${list})`);
      }
      const after = new Int32Array(this.sys.width);
      path.events.push(this.sys.apply(cur, after, code));
      path.codes.push(code);
      path.states.push(after);
    }
    return ok(path);
  }

  /** Every check that fails along the path, in the order verify would meet them. */
  check(path: ResolvedPath): PathFinding[] {
    const app = this.app;
    const env = { sys: this.sys, app };
    const alongPath = applicableChecks(this.sys.model).flatMap((c) => (c.alongPath === undefined ? [] : [c.alongPath(env)]));
    const bufApp = new Int32Array(app.system.width);
    const out: PathFinding[] = [];
    let previous: AppView<unknown, unknown> | null = null;
    path.states.forEach((vec, at) => {
      this.sys.writeApp(vec, app.system, bufApp);
      const view = app.view(bufApp);
      for (const judge of alongPath) for (const finding of judge(view, previous)) out.push({ at, finding });
      previous = view;
      // The step that led here (none before the initial state) may have completed a snapshot.
      if (((path.events[at - 1] ?? 0) & COMPLETED) !== 0) out.push(...this.atCompletion(env, vec).map((finding) => ({ at, finding })));
    });
    const end = this.stateAfter(path);
    if (this.enabled(end).length === 0)
      for (const c of applicableChecks(this.sys.model)) for (const finding of c.terminal?.(env)(end) ?? []) out.push({ at: path.codes.length, finding });
    return out;
  }

  /** The checks verify runs when a snapshot completes, on the raw state `vec` that completed it. */
  private atCompletion(env: CheckEnv, vec: Int32Array): Finding[] {
    const app = this.app;
    const cut = new Int32Array(app.system.width);
    const final = new Int32Array(app.system.width);
    this.sys.writeCut(vec, app.system, cut);
    this.sys.writeApp(vec, app.system, final);
    const s: CompletedSnapshot = {
      vec,
      cutId: 0,
      cut,
      cutIndex: app.indexOf(cut),
      final,
      finalIndex: app.indexOf(final),
      cutView: () => app.view(cut),
      finalView: () => app.view(final),
    };
    return applicableChecks(this.sys.model).flatMap((c) => [...(c.snapshot?.(env)(s) ?? [])]);
  }

  /** The report of a violation seen at the end of `codes`, with its guilty message, as the search would give it. */
  explain(f: Finding, codes: readonly number[]): Violation {
    return describeViolationAlong(f, codes, this.sys);
  }
}

/**
 * Runs `f` with a checker whose channels are large enough: like verify, it starts at `capacity` and doubles it
 * when a channel overflows, up to the largest capacity verify allows.
 */
export function withPathChecker<T>(model: Model, capacity: number, f: (c: PathChecker) => Result<T>): Result<T> {
  for (let cap = Math.max(1, Math.min(capacity, MAX_CAPACITY)); ; cap = Math.min(cap * 2, MAX_CAPACITY)) {
    try {
      return f(new PathChecker(model, cap));
    } catch (e) {
      if (!(e instanceof CapacityOverflow)) throw e;
      if (cap >= MAX_CAPACITY) return err('CC008', `a channel would hold more than ${MAX_CAPACITY} messages along this trace`);
    }
  }
}
