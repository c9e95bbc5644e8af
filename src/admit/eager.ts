// The search `admit` runs for one snapshot: it collects the cuts that snapshot can record, and nothing else, so it
// can reduce more than verify's search, which also judges every state on the way. On top of partial-order reduction
// where it applies, four rules (proofs/overlapping-snapshots.md says why each keeps every cut):
// 1. once the snapshot has completed, the run is not followed further: the rest of it cannot change the cut;
// 2. a delivery to a process that has already recorded, on a FIFO channel or on one it no longer records, is taken
//    at once and alone: it cannot change the cut, commutes with every other step, and nothing else can disable it;
// 3. so is an application message at the head of the only in-channel of a process that has not recorded, once the
//    snapshot has started: that process records only at the channel's marker, behind the message;
// 4. in one global order, the action of the process whose turn it is is taken alone, unless it starts the snapshot,
//    while nothing is recorded yet or once that process has recorded: no marker can reach it first, every run that
//    completes takes it or loses nothing by taking it, and it commutes with every delivery.
// Rules 2 to 4 need Chandy-Lamport, and a workload whose receives commute with the process's own actions and never
// disable them: the script's, where a receive adds tokens and an action spends them. `admit` runs nothing else.
// Given a target cut, the search also drops every run that can no longer record it: a process recorded something
// else, or a channel recorded a message the target does not have there (what is recorded is never taken back).

import type { Emit, Expander } from '../explore/expander.ts';
import { fullExpander } from '../explore/expander.ts';
import { FIFO, disciplineCode } from '../network/channels.ts';
import { PartialOrderExpander, porBlocker } from '../reduce/por.ts';
import { chandyLamport } from '../snapshot/chandy-lamport.ts';
import { DONE } from '../system/layout.ts';
import { ACT, DELIVER, stepA, stepB, stepKind } from '../system/step.ts';
import type { ProductSystem } from '../system/system.ts';

/** A cut to look for: each process's recorded value (as `recorded` projects it) and each channel's recorded messages. */
export interface CutTarget {
  readonly locals: readonly unknown[];
  readonly channels: readonly (readonly unknown[])[];
}

export class CutExpander implements Expander {
  readonly width: number;
  /** 'on', or why partial-order reduction is off. */
  readonly partialOrder: string;
  private readonly inner: Expander;
  private readonly fifo: boolean[];
  private readonly to: Int32Array;
  /** The channel whose head the current expansion delivers alone, or -1. */
  private eager = -1;
  /** The process whose action the current expansion takes alone, or -1; and whether it was enabled. */
  private actor = -1;
  private acted = false;
  private out: Emit = () => undefined;
  private readonly pick: Emit;
  private readonly pickAction: Emit;
  private readonly ordered: boolean;
  private readonly inDegree: Int32Array;
  /** Rules 2 to 4 apply (see the head of this file). */
  private readonly rules: boolean;

  constructor(
    private readonly sys: ProductSystem,
    reduce: boolean,
    private readonly target?: CutTarget,
  ) {
    this.width = sys.width;
    this.rules = reduce && sys.algorithm === chandyLamport && sys.model.workload.scripted === true;
    const why = reduce ? porBlocker(sys, null) : 'switched off';
    this.partialOrder = why ?? 'on';
    this.inner = why === null ? new PartialOrderExpander(sys, null) : fullExpander(sys);
    this.fifo = sys.model.disciplines.map((d) => disciplineCode(d) === FIFO);
    this.to = Int32Array.from(sys.model.topology.channels, (c) => c.to);
    this.inDegree = new Int32Array(sys.n);
    for (const c of sys.model.topology.channels) this.inDegree[c.to]!++;
    this.pick = (vec, code, event) => {
      if (stepKind(code) === DELIVER && stepA(code) === this.eager && stepB(code) === 0) this.out(vec, code, event);
    };
    this.pickAction = (vec, code, event) => {
      if (stepKind(code) !== ACT || stepA(code) !== this.actor) return;
      this.acted = true;
      this.out(vec, code, event);
    };
    this.ordered = sys.model.workload.scripted === true && sys.model.workload.ahead !== undefined && sys.model.algorithm.initiators.length === 0 && !sys.alg.hasAfter;
  }

  initial(out: Int32Array): void {
    this.inner.initial(out);
  }

  settle(vec: Int32Array): void {
    this.inner.settle(vec);
  }

  expand(cur: Int32Array, scratch: Int32Array, emit: Emit): void {
    const sys = this.sys;
    if ((cur[DONE] as number) >= sys.maxSnapshots) return;
    if (this.target !== undefined && !this.canRecord(cur, this.target)) return;
    this.eager = this.rules ? this.eagerChannel(cur) : -1;
    this.out = emit;
    if (this.eager >= 0) {
      sys.successors(cur, scratch, this.pick);
      return;
    }
    this.actor = this.rules && this.ordered ? this.holder(cur) : -1;
    if (this.actor >= 0) {
      this.acted = false;
      sys.successors(cur, scratch, this.pickAction);
      if (this.acted) return;
    }
    this.inner.expand(cur, scratch, emit);
  }

  /**
   * The process whose turn it is in the script's one global order, when its action may be taken alone: it does not
   * start the snapshot, and nothing is recorded yet (no marker exists, and none can before the order moves on), or it
   * has recorded itself. Else -1.
   */
  private holder(cur: Int32Array): number {
    const sys = this.sys;
    const h = sys.turnHolder(cur);
    // A start records the starter's state: it does not commute with a delivery to it.
    if (h < 0 || sys.table.actions(h, cur[sys.layout.local + h] as number).some((r) => r.snapshot >= 0 && (sys.track < 0 || r.snapshot === sys.track))) return -1;
    return sys.isRecorded(cur, h) || !sys.anyRecorded(cur) ? h : -1;
  }

  /** Whether a run through `cur` may still record `target`: nothing recorded so far departs from it. */
  private canRecord(cur: Int32Array, target: CutTarget): boolean {
    const sys = this.sys;
    const { table, layout: L } = sys;
    for (let p = 0; p < sys.n; p++) {
      const rec = cur[L.rec + p] as number;
      if (rec >= 0 && table.recordings.values[table.recordedId(p, rec)] !== target.locals[p]) return false;
    }
    for (let c = 0; c < this.to.length; c++) {
      const base = L.recordedQueue(c);
      const len = cur[base] as number;
      const want = target.channels[c] ?? [];
      if (len > want.length) return false;
      // In arrival order on a FIFO channel; an unordered one keeps its recorded messages sorted, so only the count tells.
      if (this.fifo[c] === true) for (let k = 1; k <= len; k++) if (table.payloads.values[(cur[base + k] as number) - 1] !== want[k - 1]) return false;
      // A channel its receiver no longer records has all it will ever have.
      if (len < want.length && sys.isRecorded(cur, this.to[c] as number) && sys.channelPhase(cur, c) !== 'recording') return false;
    }
    return true;
  }

  /** A channel with a message to deliver at once: it cannot change the cut, and commutes with every other step; or -1. */
  private eagerChannel(cur: Int32Array): number {
    const sys = this.sys;
    const L = sys.layout;
    const started = sys.anyRecorded(cur);
    for (let c = 0; c < this.to.length; c++) {
      if ((cur[L.queue(c)] as number) === 0) continue;
      const p = this.to[c] as number;
      if (sys.isRecorded(cur, p)) {
        if (this.fifo[c] === true || sys.channelPhase(cur, c) !== 'recording') return c;
        continue;
      }
      // A process with one in-channel, once the snapshot has started (so it is not the starter), records only at
      // that channel's marker, behind every message now on it: an application message at the head reaches it first
      // in every run that completes.
      if (started && this.fifo[c] === true && this.inDegree[p] === 1 && (cur[L.queue(c) + 1] as number) > 0) return c;
    }
    return -1;
  }
}
