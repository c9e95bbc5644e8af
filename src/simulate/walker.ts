// One random run of the product system, chosen by a list of numbers (fast-check's): at step i the run takes enabled
// step choices[i] modulo how many are enabled, until no step is enabled, the list runs out, or the depth bound. So a
// shorter list is a shorter run, and fast-check's shrinking of the list shrinks the run. Along the way it runs every check a single path can decide, as verify runs them on
// every execution: the checks of each state visited, of each completed snapshot, and of a dead end.

import { processName, type AppView } from '../model/types.ts';
import { FP, fingerprint } from '../explore/fingerprint.ts';
import type { FingerprintIndex } from '../explore/fpindex.ts';
import { COMPLETED, type ProductSystem } from '../system/system.ts';
import type { AppSpace } from '../check/appspace.ts';
import { type Check, type CompletedSnapshot, type Finding, NONE } from '../check/checks/check.ts';
import type { CoverageCounter } from './coverage.ts';

export interface WalkOutcome {
  /** The steps taken, up to and including the one where the finding shows. */
  readonly codes: readonly number[];
  /** The first check that failed, or null. */
  readonly finding: Finding | null;
  /** Every check that failed at that same point (the same cut may break several), the first among them. */
  readonly findings: readonly Finding[];
  readonly end: 'dead-end' | 'depth' | 'finding';
}

/** What walkers of one simulation share: R, the distinct cuts (ids for the judges' memos), and memos of what was judged clean. */
export interface Shared {
  readonly app: AppSpace;
  readonly cuts: FingerprintIndex;
  /** The application states met by any run (shrinking's included), numbered for the memo of clean steps. */
  readonly appIds: FingerprintIndex;
  /** Pairs (application state before, after) whose step every path check judged clean. */
  readonly cleanEdges: FingerprintIndex;
  readonly coverage: CoverageCounter;
}

export class Walker {
  private readonly W: number;
  private readonly cur: Int32Array;
  private readonly scratch: Int32Array;
  private buf: Int32Array;
  private codes: Int32Array;
  private events: Int32Array;
  /** While coverage is counted: the class of each enabled step (CoverageCounter.classOf), beside its code. */
  private readonly classes: number[] = [];
  private readonly appVec: Int32Array;
  private readonly prevAppVec: Int32Array;
  private readonly cutVec: Int32Array;
  private readonly finalVec: Int32Array;
  private readonly edge = new Int32Array(2);
  private readonly alongPath: ((view: AppView<unknown, unknown>, previous: AppView<unknown, unknown> | null) => readonly Finding[])[];
  private readonly onSnapshot: ((s: CompletedSnapshot) => readonly Finding[])[];
  private readonly onTerminal: ((vec: Int32Array) => readonly Finding[])[];

  constructor(
    readonly sys: ProductSystem,
    private readonly shared: Shared,
    checks: readonly Check[],
  ) {
    this.W = sys.width;
    this.cur = new Int32Array(this.W);
    this.scratch = new Int32Array(this.W);
    this.buf = new Int32Array(this.W * 16);
    this.codes = new Int32Array(16);
    this.events = new Int32Array(16);
    const AW = shared.app.system.width;
    this.appVec = new Int32Array(AW);
    this.prevAppVec = new Int32Array(AW);
    this.cutVec = new Int32Array(AW);
    this.finalVec = new Int32Array(AW);
    const env = { sys, app: shared.app };
    this.alongPath = checks.flatMap((c) => (c.alongPath === undefined ? [] : [c.alongPath(env)]));
    this.onSnapshot = checks.flatMap((c) => (c.snapshot === undefined ? [] : [c.snapshot(env)]));
    this.onTerminal = checks.flatMap((c) => (c.terminal === undefined ? [] : [c.terminal(env)]));
  }

  /** Runs the path `choices` picks, at most `depth` steps; counts its coverage when `count` is set; `reverse` reads the choices against the enabled steps last first. */
  walk(choices: readonly number[], depth: number, count: boolean, reverse = false): WalkOutcome {
    const { sys, W, cur } = this;
    const coverage = count ? this.shared.coverage : null;
    const taken: number[] = [];
    sys.initial(cur);
    this.countProductState(coverage);
    let prevApp = -1;
    let found = this.judgeState(prevApp, coverage);
    prevApp = this.lastApp;
    if (found.length > 0) {
      coverage?.endRun(0, 'finding');
      return { codes: taken, finding: found[0] as Finding, findings: found, end: 'finding' };
    }
    for (let i = 0; ; i++) {
      const k = this.enumerate();
      if (coverage !== null) for (let j = 0; j < k; j++) coverage.enabled((this.classes[j] = coverage.classOf(sys, cur, this.codes[j] as number)));
      if (k === 0) {
        const at = this.onTerminal.flatMap((judge) => [...judge(cur)]);
        if (at.length > 0) {
          coverage?.endRun(i, 'finding');
          return { codes: taken, finding: at[0] as Finding, findings: at, end: 'finding' };
        }
        coverage?.endRun(i, 'dead-end');
        return { codes: taken, finding: null, findings: [], end: 'dead-end' };
      }
      if (i >= depth || i >= choices.length) {
        coverage?.endRun(i, 'depth');
        return { codes: taken, finding: null, findings: [], end: 'depth' };
      }
      // A swarm member may read its choices against the enabled steps in reverse order (simulate's `order`).
      const pick = reverse ? k - 1 - ((choices[i] as number) % k) : (choices[i] as number) % k;
      const code = this.codes[pick] as number;
      if (coverage !== null) {
        const step = sys.describe(cur, code);
        coverage.took(this.classes[pick] as number, step.kind === 'act' ? `${this.processName(step.process)}: ${step.label}` : null);
      }
      cur.set(this.buf.subarray(pick * W, pick * W + W));
      taken.push(code);
      found = this.judgeState(prevApp, coverage);
      prevApp = this.lastApp;
      if (((this.events[pick] as number) & COMPLETED) !== 0) found = [...found, ...this.judgeCompletion(coverage)];
      if (found.length > 0) {
        coverage?.endRun(i + 1, 'finding');
        return { codes: taken, finding: found[0] as Finding, findings: found, end: 'finding' };
      }
      if (((this.events[pick] as number) & COMPLETED) !== 0) sys.settle(cur);
      this.countProductState(coverage);
    }
  }

  private processName(p: number): string {
    return processName(this.sys.model.topology, p);
  }

  private countProductState(coverage: CoverageCounter | null): void {
    if (coverage === null) return;
    fingerprint(this.cur, 0, this.W);
    coverage.productStates.insert(FP.hi, FP.lo);
  }

  /** Every enabled step of `cur`, copied into buf, codes and events; returns how many. */
  private enumerate(): number {
    const { W } = this;
    let k = 0;
    this.sys.successors(this.cur, this.scratch, (vec, code, event) => {
      if ((k + 1) * W > this.buf.length) {
        const b = new Int32Array(this.buf.length * 2);
        b.set(this.buf);
        this.buf = b;
      }
      if (k >= this.codes.length) {
        const c = new Int32Array(this.codes.length * 2);
        c.set(this.codes);
        this.codes = c;
        const e = new Int32Array(this.events.length * 2);
        e.set(this.events);
        this.events = e;
      }
      this.buf.set(vec, k * W);
      this.codes[k] = code;
      this.events[k] = event;
      k++;
    });
    return k;
  }

  /** The number (in `Shared.appIds`) of the application state judged last. */
  private lastApp = -1;

  /**
   * The path checks of the application state `cur` is in, reached from the one numbered `prevApp` (-1 at the start):
   * judged only for a pair of states not judged clean before.
   */
  private judgeState(prevApp: number, coverage: CoverageCounter | null): readonly Finding[] {
    const { shared, sys } = this;
    this.prevAppVec.set(this.appVec);
    sys.writeApp(this.cur, shared.app.system, this.appVec);
    fingerprint(this.appVec, 0, this.appVec.length);
    const hi = FP.hi;
    const lo = FP.lo;
    coverage?.appStates.insert(hi, lo);
    // The application state's own number among those the walkers met, for the memo of clean steps.
    const fresh = shared.appIds.insert(hi, lo);
    const id = fresh >= 0 ? fresh : -fresh - 1;
    this.lastApp = id;
    this.edge[0] = prevApp;
    this.edge[1] = id;
    fingerprint(this.edge, 0, 2);
    if (shared.cleanEdges.find(FP.hi, FP.lo) >= 0) return NONE;
    const view = shared.app.view(this.appVec);
    const previous = prevApp < 0 ? null : shared.app.view(this.prevAppVec);
    const found = this.alongPath.flatMap((judge) => [...judge(view, previous)]);
    if (found.length > 0) return found;
    fingerprint(this.edge, 0, 2);
    shared.cleanEdges.insert(FP.hi, FP.lo);
    return NONE;
  }

  /** The checks of a snapshot just completed in `cur` (before it is settled). */
  private judgeCompletion(coverage: CoverageCounter | null): readonly Finding[] {
    const { shared, sys, cur } = this;
    const app = shared.app;
    sys.writeCut(cur, app.system, this.cutVec);
    fingerprint(this.cutVec, 0, this.cutVec.length);
    const fresh = shared.cuts.insert(FP.hi, FP.lo);
    const cutId = fresh >= 0 ? fresh : -fresh - 1;
    sys.writeApp(cur, app.system, this.finalVec);
    coverage?.cut(cutId, sys.isInconsistent(cur));
    let cutView: AppView<unknown, unknown> | null = null;
    let finalView: AppView<unknown, unknown> | null = null;
    const s: CompletedSnapshot = {
      vec: cur,
      cutId,
      cut: this.cutVec,
      cutIndex: app.indexOf(this.cutVec),
      final: this.finalVec,
      finalIndex: app.indexOf(this.finalVec),
      cutView: () => (cutView ??= app.view(this.cutVec)),
      finalView: () => (finalView ??= app.view(this.finalVec)),
    };
    return this.onSnapshot.flatMap((judge) => [...judge(s)]);
  }
}
