// What a snapshot costs, measured over every execution: the product system searched once more, unreduced, with
// three counter words appended to each state (steps since the snapshot started, control messages it sent, the
// most messages held back behind one blocked channel so far). A counter that differs makes states differ, so
// each completed snapshot is seen with every value its executions can give it: the minimum and maximum over
// executions are read off the completion events. Messages recorded as channel state are read off the completed
// cut; bits piggybacked off what the algorithm attached, after the search.

import type { Model } from '../model/types.ts';
import { isControl } from '../network/message.ts';
import { WorkloadTable } from '../system/intern.ts';
import { COMPLETED, ProductSystem } from '../system/system.ts';
import { CRASH, DELIVER, DUPLICATE_BIT, FAULT, stepA, stepB, stepKind } from '../system/step.ts';
import { FLAGS, STARTED } from '../system/layout.ts';
import { BLOCKED_BIT } from '../system/algtable.ts';
import type { Expander, Emit } from '../explore/expander.ts';
import type { Progress } from '../explore/search.ts';
import { search } from '../explore/search.ts';

/** Steps are counted up to this; a snapshot still open after that many steps is reported as `atLeast`. */
export const STEP_CAP = 1000;

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface Costs {
  /** Distinct completed snapshots seen, with their counters (0: no execution completes one). */
  readonly completions: number;
  /** Control messages sent from the snapshot's start to its completion. */
  readonly controlMessages: Range | null;
  /** Application messages in the recorded cut's channel states. */
  readonly recordedMessages: Range | null;
  /**
   * Bits the algorithm piggybacks on one application message: ⌈log₂ k⌉ for a message that carries one of the k
   * distinct values it attaches over all executions, 0 for one it sends bare. Null when no message was sent.
   */
  readonly piggybackBits: Range | null;
  /** The k above: distinct piggybacked values. */
  readonly piggybackValues: number;
  /**
   * Steps of the execution from the first initiate to the step that completes the snapshot, both included.
   * `atLeast`: some snapshot stayed open for STEP_CAP steps (the workload can run on while it is open), so the
   * maximum is that many or more.
   */
  readonly steps: (Range & { readonly atLeast: boolean }) | null;
  /** The most application messages queued behind one blocked channel in an execution; null if none ever blocks. */
  readonly heldBack: Range | null;
  /** States of the measuring search (unreduced, counters included). */
  readonly states: number;
  /** Every execution was measured (false: the state bound or an interrupt cut the search short). */
  readonly complete: boolean;
}

export interface CostOptions {
  readonly maxStates?: number;
  readonly interrupt?: () => boolean;
  readonly onProgress?: (p: Progress) => void;
}

const STEPS = 0;
const CONTROL = 1;
const HELD = 2;
const COUNTERS = 3;

/**
 * More counter words for a measurement of its own (straggler.ts): appended after the three above, written on every
 * step and, unlike those, kept across a completed snapshot. A probe may also drop a step, which confines the measurement to
 * the executions it describes (a measuring search gives no verdict, so dropping one cannot make a check pass).
 */
export interface Probe {
  readonly words: number;
  /** Writes the probe's words of `next` (from index `at`) for the step `code` from `cur`; false drops the step. */
  step(sys: ProductSystem, cur: Int32Array, next: Int32Array, code: number, at: number): boolean;
}

/** The product system with the counters appended to its vector. */
class CostExpander implements Expander {
  readonly width: number;
  private readonly base: number;
  /** Some channel was blocked in some state. */
  blocked = false;

  constructor(
    readonly sys: ProductSystem,
    private readonly probe: Probe | null = null,
  ) {
    this.base = sys.width;
    this.width = sys.width + COUNTERS + (probe?.words ?? 0);
  }

  initial(out: Int32Array): void {
    this.sys.initial(out);
  }

  // The expansion in progress, read by `counted` (one closure for the whole search, not one per state).
  private cur: Int32Array = new Int32Array(0);
  private emit: Emit = () => {};
  // Stryker disable next-line BooleanLiteral: expand sets it before the successors it counts are made
  private open = false;
  private before = 0;
  private readonly counted: Emit = (next, code, event) => {
    const k = this.base;
    const cur = this.cur;
    if (this.open || ((next[FLAGS] as number) & STARTED) !== 0 || (event & COMPLETED) !== 0) {
      next[k + STEPS] = Math.min(STEP_CAP, (cur[k + STEPS] as number) + 1);
      next[k + CONTROL] = (cur[k + CONTROL] as number) + this.sent(cur, next, code, this.before);
      next[k + HELD] = Math.max(cur[k + HELD] as number, this.held(next));
    }
    if (this.probe !== null && !this.probe.step(this.sys, cur, next, code, k + COUNTERS)) return;
    this.emit(next, code, event);
  };

  expand(cur: Int32Array, scratch: Int32Array, emit: Emit): void {
    this.cur = cur;
    this.emit = emit;
    this.open = ((cur[FLAGS] as number) & STARTED) !== 0;
    this.before = this.controls(cur);
    this.sys.successors(cur, scratch, this.counted);
  }

  settle(vec: Int32Array): void {
    this.sys.settle(vec);
    // The probe's words run on: they describe the whole execution, not one snapshot.
    vec.fill(0, this.base, this.base + COUNTERS);
  }

  steps(vec: Int32Array): number {
    return vec[this.base + STEPS] as number;
  }
  control(vec: Int32Array): number {
    return vec[this.base + CONTROL] as number;
  }
  heldBack(vec: Int32Array): number {
    return vec[this.base + HELD] as number;
  }
  /** The probe's word i. */
  probed(vec: Int32Array, i: number): number {
    return vec[this.base + COUNTERS + i] as number;
  }

  /** Control messages in flight in `vec`. */
  private controls(vec: Int32Array): number {
    const L = this.sys.layout;
    let count = 0;
    // Stryker disable next-line EqualityOperator: one channel more reads the first recorded queue, which holds application messages only, never a control word
    for (let c = 0; c < this.sys.channelCount; c++) {
      const base = L.queue(c);
      const end = base + (vec[base] as number);
      for (let k = base + 1; k <= end; k++)
        // Stryker disable next-line EqualityOperator: no message word is 0 (application words count from 1 << PAYLOAD_SHIFT), so < 0 and <= 0 pick the same words
        if ((vec[k] as number) < 0) count++;
    }
    return count;
  }

  /** Control messages the algorithm sent on the step `code` from `cur` to `next`: what is new in flight, less what the network copied. */
  private sent(cur: Int32Array, next: Int32Array, code: number, before: number): number {
    const kind = stepKind(code);
    // A crash sends nothing: it wipes the channels.
    if (kind === CRASH) return 0;
    let removed = 0;
    if (kind === DELIVER || kind === FAULT) {
      const word = cur[this.sys.layout.queue(stepA(code)) + 1 + (stepB(code) & ~DUPLICATE_BIT)] as number;
      if (isControl(word)) removed = kind === FAULT && (stepB(code) & DUPLICATE_BIT) !== 0 ? -1 : 1;
    }
    return this.controls(next) - before + removed;
  }

  /** The most application messages waiting behind one blocked channel in `vec`. */
  private held(vec: Int32Array): number {
    const L = this.sys.layout;
    let most = 0;
    for (let c = 0; c < this.sys.channelCount; c++) {
      if (((vec[L.algChan + c] as number) & BLOCKED_BIT) === 0) continue;
      this.blocked = true;
      most = Math.max(most, this.sys.appsIn(vec, c));
    }
    return most;
  }
}

class Span {
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  add(x: number): void {
    // Stryker disable next-line EqualityOperator: an x equal to the minimum sets it to the same value
    if (x < this.min) this.min = x;
    // Stryker disable next-line EqualityOperator: an x equal to the maximum sets it to the same value
    if (x > this.max) this.max = x;
  }
  get range(): Range | null {
    return this.min > this.max ? null : { min: this.min, max: this.max };
  }
}

/** One completed snapshot, as the measuring search saw it. */
export interface Completion {
  readonly steps: number;
  readonly controlMessages: number;
  readonly heldBack: number;
  /** Application messages in the completed cut's channel states. */
  readonly recordedMessages: number;
  /** Application messages in channel c's recorded state. */
  recordedOn(c: number): number;
  /** The probe's words at the completing step. */
  probed(i: number): number;
}

export interface Measured {
  readonly states: number;
  readonly complete: boolean;
  /** Some channel was blocked in some state. */
  readonly blocked: boolean;
  readonly sys: ProductSystem;
}

/**
 * The measuring search over every execution of the model's algorithm (confined by `probe`, when given, to the
 * executions it keeps), on channels of capacity `cap`: each completed snapshot goes to `completed`, once per
 * distinct completing state.
 */
export function measure(model: Model, cap: number, options: CostOptions, probe: Probe | null, completed: (c: Completion) => void): Measured {
  const table = new WorkloadTable(model);
  const sys = new ProductSystem(model, table, model.algorithm.impl, cap, model.algorithm.snapshots);
  const exp = new CostExpander(sys, probe);
  const outcome = search(
    exp,
    {
      onEvent(vec) {
        let recordedMessages = 0;
        for (let c = 0; c < sys.channelCount; c++) recordedMessages += sys.recordedPayloads(vec, c).length;
        completed({
          steps: exp.steps(vec),
          controlMessages: exp.control(vec),
          heldBack: exp.heldBack(vec),
          recordedMessages,
          recordedOn: (c) => sys.recordedPayloads(vec, c).length,
          probed: (i) => exp.probed(vec, i),
        });
        return false;
      },
      // Stryker disable next-line ArrowFunction: the search stops only on true; undefined does not stop it, as false does not
      onTerminal: () => false,
    },
    {
      distinctEvents: true,
      ...(options.maxStates === undefined ? {} : { maxStates: options.maxStates }),
      ...(options.interrupt === undefined ? {} : { interrupt: options.interrupt }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    },
  );
  return { states: outcome.states, complete: !outcome.truncated && !outcome.stopped, blocked: exp.blocked, sys };
}

/** Measures the model's algorithm over every execution, on channels of capacity `cap` (the one verify settled on). */
export function measureCosts(model: Model, cap: number, options: CostOptions = {}): Costs {
  const control = new Span();
  const recorded = new Span();
  const steps = new Span();
  const held = new Span();
  let completions = 0;
  let atLeast = false;
  const m = measure(model, cap, options, null, (c) => {
    completions++;
    control.add(c.controlMessages);
    held.add(c.heldBack);
    if (c.steps >= STEP_CAP) atLeast = true;
    steps.add(c.steps);
    recorded.add(c.recordedMessages);
  });
  // Without a send handler nothing is ever attached; with one, each row is a (sender state, channel) that sent.
  const pig = m.sys.alg.sentPiggybacks();
  // ⌈log₂ k⌉ bits tell k values apart: none for one value, and none when nothing was attached (k = 0).
  const bits = Math.ceil(Math.log2(Math.max(1, pig.values)));
  const piggybackBits = !m.sys.alg.hasSend ? { min: 0, max: 0 } : pig.rows === 0 ? null : { min: pig.bare ? 0 : bits, max: bits };
  const stepRange = steps.range;
  return {
    completions,
    controlMessages: control.range,
    recordedMessages: recorded.range,
    piggybackBits,
    piggybackValues: pig.values,
    steps: stepRange === null ? null : { ...stepRange, atLeast },
    heldBack: m.blocked ? held.range : null,
    states: m.states,
    complete: m.complete,
  };
}
