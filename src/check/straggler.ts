// The straggler question, made concrete. The write-up: in a synchronised scheme one slow node holds everyone back.
// One input of a task (the join of `diamond`, say) is a slow channel. An untimed model lets any channel wait for
// ever, so "slow" has to be a bound. The bound is a lag L: what the task has taken from the slow channel is never
// more than L records behind what has arrived on any of its inputs, the slow one included. Every other channel is
// prompt. A step may not leave more than one record waiting on it, or more than it held before the step, unless its
// receiver has blocked it (a blocked input's backlog is what alignment holds back).
//
// The measuring search of costs.ts runs on the job without crashes or network faults, with two more words per
// state: how far the fast inputs have run ahead of the slow one, and the largest lag so far. Prompt channels prune
// steps, and the lag does not, so one search gives every L at once. Over the executions whose largest lag is at
// most L and which complete the checkpoint, each row reports the most records held back behind one blocked
// channel and the most records saved as channel state.

import type { Model } from '../model/types.ts';
import { isControl } from '../network/message.ts';
import { DELIVER, stepA, stepB, stepKind } from '../system/step.ts';
import type { ProductSystem } from '../system/system.ts';
import { type CostOptions, type Probe, measure } from './costs.ts';

export interface StragglerRow {
  /** The executions whose slow channel never lagged by more than this many records. */
  readonly lag: number;
  /** The most records held back behind one blocked channel in those executions; null when nothing ever blocks. */
  readonly heldBack: number | null;
  /** The most records the completed checkpoint saves as channel state. */
  readonly recorded: number;
  /** The most of them saved for the slow channel itself (the rest were in flight on prompt channels). */
  readonly recordedSlow: number;
  /** Distinct completed checkpoints among them (0: no execution with that lag completes one). */
  readonly completions: number;
}

export interface Straggler {
  /** The slow channel's index in the topology. */
  readonly channel: number;
  /** One row per lag, from 0 up to the largest lag any completing execution reaches, where the figures stop growing. */
  readonly rows: readonly StragglerRow[];
  /** States of the measuring search. */
  readonly states: number;
  /** Every execution was measured (false: a bound or an interrupt cut the search short). */
  readonly complete: boolean;
}

/** The model without crashes or network faults: the straggler is a question about a healthy job. */
export function healthy(model: Model): Model {
  // Stryker disable next-line BooleanLiteral: with a budget of 0 no fault of any kind is ever taken, so no one of these flags changes a step
  return { ...model, faults: { ...model.faults, lossy: false, duplicating: false, crash: false, budget: 0 } };
}

/**
 * The probe: one word per input of the slow channel's receiver (records taken from that input less those taken
 * from the slow channel; the slow channel's own word stays 0), then the largest lag so far.
 */
class LagProbe implements Probe {
  readonly words: number;
  /** The probe's word holding the largest lag so far. */
  readonly lagWord: number;
  private readonly inputs: number[];
  private readonly slot: Int32Array;

  constructor(
    model: Model,
    private readonly slow: number,
  ) {
    const channels = model.topology.channels;
    const to = channels[slow]!.to;
    // Stryker disable next-line ArrayDeclaration: an entry that is no channel only adds a probe word that no delivery moves, which stays 0 and leaves every lag as it was
    this.inputs = channels.flatMap((c, i) => (c.to === to ? [i] : []));
    this.slot = new Int32Array(channels.length).fill(-1);
    this.inputs.forEach((c, i) => (this.slot[c] = i));
    this.lagWord = this.inputs.length;
    this.words = this.inputs.length + 1;
  }

  step(sys: ProductSystem, cur: Int32Array, next: Int32Array, code: number, at: number): boolean {
    const n = sys.channelCount;
    for (let c = 0; c < n; c++) {
      if (c === this.slow || sys.isBlocked(next, c)) continue;
      const after = sys.appsIn(next, c);
      if (after > 1 && after > sys.appsIn(cur, c)) return false;
    }
    if (stepKind(code) === DELIVER) {
      const c = stepA(code);
      const i = this.slot[c] as number;
      const word = cur[sys.layout.queue(c) + 1 + stepB(code)] as number;
      if (i >= 0 && !isControl(word)) {
        if (c === this.slow) for (let j = 0; j < this.inputs.length; j++) if (this.inputs[j] !== c) next[at + j] = (next[at + j] as number) - 1;
        if (c !== this.slow) next[at + i] = (next[at + i] as number) + 1;
      }
    }
    let lag = 0;
    // Stryker disable next-line EqualityOperator: one word more is the largest lag itself (with no channel, no records), which leaves the maximum as it is
    for (let j = 0; j < this.inputs.length; j++) lag = Math.max(lag, (next[at + j] as number) + sys.appsIn(next, this.inputs[j] as number));
    const most = at + this.lagWord;
    // Stryker disable next-line EqualityOperator: a lag equal to the largest so far writes the same value
    if (lag > (next[most] as number)) next[most] = lag;
    return true;
  }
}

/** Measures the straggler on `slow` (a channel index) for the model's algorithm, on channels of capacity `cap`. */
export function measureStraggler(model: Model, slow: number, cap: number, options: CostOptions = {}): Straggler {
  const job = healthy(model);
  const probe = new LagProbe(job, slow);
  const seen: { lag: number; held: number; recorded: number; slow: number }[] = [];
  const m = measure(job, cap, options, probe, (c) => {
    seen.push({ lag: c.probed(probe.lagWord), held: c.heldBack, recorded: c.recordedMessages, slow: c.recordedOn(slow) });
  });
  const top = seen.reduce((a, s) => Math.max(a, s.lag), 0);
  const rows: StragglerRow[] = [];
  for (let lag = 0; lag <= top; lag++) {
    const within = seen.filter((s) => s.lag <= lag);
    rows.push({
      lag,
      heldBack: m.blocked ? within.reduce((a, s) => Math.max(a, s.held), 0) : null,
      recorded: within.reduce((a, s) => Math.max(a, s.recorded), 0),
      recordedSlow: within.reduce((a, s) => Math.max(a, s.slow), 0),
      completions: within.length,
    });
  }
  return { channel: slow, rows, states: m.states, complete: m.complete };
}
