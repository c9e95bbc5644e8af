// The product transition system: workload × network × snapshot algorithm × ghost colours, on flat int32
// state vectors. Its successor function is pure in effect: it writes each successor into a scratch vector
// and hands it to `emit`, which copies what it keeps.

import type { Model } from '../model/types.ts';
import { type DisciplineCode, disciplineCode, push, pushFront, removeAt, deliverable, clearBits, UNORDERED } from '../network/channels.ts';
import {
  appWord, bareApp, controlWord, isControl, isPost, isRestored, payloadOf, POST_BIT, PIGGYBACK_MASK, controlSnapshot, controlPayload, piggybackOf,
} from '../network/message.ts';
import type { ChannelPhase, SnapshotAlgorithm } from '../snapshot/api.ts';
import { noSnapshot } from '../snapshot/none.ts';
import { fail } from '../errors.ts';
import { processName } from '../model/types.ts';
import type { WorkloadTable } from './intern.ts';
import {
  type AlgRow, type FrozenAlgorithm, AlgorithmTable, BLOCKED_BIT, CHANNEL_SHIFT, RECORDING_BIT, OP_APPEND, OP_BLOCK, OP_COMPLETE, OP_RECORD,
  OP_RECORD_OUTGOING, OP_RECORD_QUEUED, OP_SEND, OP_SEND_AHEAD, OP_SET_CHANNEL, OP_START, OP_STOP, OP_UNBLOCK,
} from './algtable.ts';
import { Layout, FLAGS, DONE, FAULTS, ORPHAN, PHANTOM, LOST, STARTED, TURN } from './layout.ts';
import { ACT, CRASH, DELIVER, INITIATE, INTERNAL, FAULT, DUPLICATE_BIT, stepCode, stepKind, stepA, stepB, type Step, type MessageView } from './step.ts';

/** Receives each successor: the scratch vector (valid only during the call), the step's code and its events. */
export type Emit = (vec: Int32Array, code: number, event: number) => void;

/** Event bit: this step completed a snapshot; `vec` still holds the recorded cut until `settle` is called. */
export const COMPLETED = 1;

/** Bit of a process's algorithm word: it declared itself done with the snapshot. */
const COMPLETE_BIT = 1;

export class ProductSystem {
  readonly layout: Layout;
  readonly n: number;
  readonly channelCount: number;
  /** The algorithm's interned states and compiled handlers. */
  readonly alg: AlgorithmTable;
  private readonly disciplines: DisciplineCode[];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly initiators: number[];
  private readonly positions: Int32Array;
  private readonly faulty: Uint8Array;
  private readonly faultBudget: number;
  private readonly lossy: boolean;
  private readonly duplicating: boolean;
  /** The job may crash and restart from its durable store (never in R, which has no snapshots). */
  readonly crashes: boolean;
  /** Which words faults may hit: 0 all, 1 control only, 2 application only. */
  private readonly faultTarget: number;
  /** Whether the algorithm has words in the vector (not for R, which runs without one). */
  private readonly words: boolean;
  /** Scripted actions keep their turns (the TURN word) and start their snapshots: not in R. */
  private readonly ordered: boolean;
  private readonly hasReceive: boolean;
  private readonly hasSend: boolean;
  private readonly hasAfter: boolean;
  private readonly hasStep: boolean;
  private v: Int32Array;
  // Stryker disable next-line BooleanLiteral: deliver clears it before the only read, after the receive reaction
  private appended = false;
  /**
   * The one placed snapshot this system follows (`model.algorithm.track`), or -1: snapshots one after another. The
   * other placed starts take their turn and start nothing: proofs/overlapping-snapshots.md shows that this snapshot
   * records the same cuts as when every snapshot runs, overlapping as placed.
   */
  readonly track: number;
  /** Snapshots an execution may complete (one when the system follows a single placed snapshot). */
  readonly maxSnapshots: number;

  constructor(
    readonly model: Model,
    readonly table: WorkloadTable,
    readonly algorithm: SnapshotAlgorithm,
    readonly cap: number,
    maxSnapshots = 1,
    frozen?: FrozenAlgorithm,
  ) {
    const { n, channels } = model.topology;
    this.track = model.algorithm.track ?? -1;
    this.maxSnapshots = this.track >= 0 ? Math.min(1, maxSnapshots) : maxSnapshots;
    this.n = n;
    this.channelCount = channels.length;
    this.words = algorithm !== noSnapshot;
    const w = this.words ? 1 : 0;
    this.crashes = this.words && model.faults.crash && model.faults.budget > 0;
    // The script's order binds the harness that runs it, not the application: R (no algorithm) ignores it.
    this.ordered = this.words && model.workload.scripted === true;
    this.layout = new Layout(n, channels.length, cap, w, w, this.crashes, this.ordered);
    this.alg = new AlgorithmTable(model, algorithm, frozen);
    this.hasReceive = this.words && this.alg.hasReceive;
    this.hasSend = this.words && this.alg.hasSend;
    this.hasAfter = this.words && this.alg.hasAfter;
    this.hasStep = this.words && this.alg.hasStep;
    this.disciplines = model.disciplines.map(disciplineCode);
    this.from = Int32Array.from(channels, (c) => c.from);
    this.to = Int32Array.from(channels, (c) => c.to);
    this.initiators = [...model.algorithm.initiators];
    this.positions = new Int32Array(cap + 1);
    this.v = new Int32Array(this.layout.width);
    this.faulty = Uint8Array.from(model.faults.channels, (b) => (b ? 1 : 0));
    this.lossy = model.faults.lossy;
    this.duplicating = model.faults.duplicating;
    // Stryker disable next-line ConditionalExpression: (`true`) with neither network faults nor crashes the budget is never read
    this.faultBudget = this.lossy || this.duplicating || this.crashes ? model.faults.budget : 0;
    this.faultTarget = model.faults.messages === 'markers' ? 1 : model.faults.messages === 'application' ? 2 : 0;
  }

  get width(): number {
    return this.layout.width;
  }

  initial(out: Int32Array): void {
    out.fill(0);
    const L = this.layout;
    this.table.initialLocals.forEach((id, p) => (out[L.local + p] = id));
    for (let p = 0; p < this.n; p++) out[L.rec + p] = -1;
    // Stryker disable next-line EqualityOperator: (`<=`) the slot after the durable ids is channel 0's durable length, read only once a checkpoint is saved, and settle overwrites it first
    if (this.crashes) for (let p = 0; p < this.n; p++) out[L.durable + p] = -1;
    this.resetAlgorithm(out);
  }

  /** Emits every successor of `cur`, in a fixed order: actions, deliveries, faults, initiations, the crash. */
  successors(cur: Int32Array, next: Int32Array, emit: Emit): void {
    if (!this.crashes || (cur[FAULTS] as number) >= this.faultBudget) {
      this.steps(cur, next, emit);
      return;
    }
    // A job that has nothing left to do does not crash: the crash is enabled where some other step is.
    let any = false;
    this.steps(cur, next, (vec, code, event) => {
      any = true;
      emit(vec, code, event);
    });
    if (!any) return;
    next.set(cur);
    this.crash(next);
    emit(next, stepCode(CRASH, 0, 0), 0);
  }

  /**
   * The crash: every process fails, and the job restarts from its durable store: the latest completed snapshot's
   * recorded local states, with its recorded channel states re-injected (ahead of anything sent later), or the
   * initial state when no snapshot completed. A snapshot under way is abandoned; the durable store survives.
   */
  private crash(v: Int32Array): void {
    const L = this.layout;
    const saved = (v[L.durable] as number) >= 0;
    v[FLAGS] = 0;
    v[FAULTS] = (v[FAULTS] as number) + 1;
    for (let p = 0; p < this.n; p++) {
      v[L.local + p] = saved ? (v[L.durable + p] as number) : (this.table.initialLocals[p] as number);
      v[L.rec + p] = -1;
    }
    this.resetAlgorithm(v);
    for (let c = 0; c < this.channelCount; c++) {
      const q = L.queue(c);
      const d = L.durableQueue(c);
      const len = saved ? (v[d] as number) : 0;
      v.fill(0, q, q + L.slot);
      v[q] = len;
      for (let k = 1; k <= len; k++) v[q + k] = appWord((v[d + k] as number) - 1, false, 0, true);
      v.fill(0, L.recordedQueue(c), L.recordedQueue(c) + L.slot);
    }
  }

  private steps(cur: Int32Array, next: Int32Array, emit: Emit): void {
    const L = this.layout;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: inProgress only spares calls to completion(), which is 0 unless every process declared itself done, and a drop or a delivery can make that so only in a snapshot under way
    const inProgress = ((cur[FLAGS] as number) & STARTED) !== 0;
    this.v = next;
    for (let p = 0; p < this.n; p++) {
      const rows = this.table.actions(p, cur[L.local + p] as number);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        let start: AlgRow | null = null;
        if (this.ordered) {
          if (row.turn >= 0 && row.turn !== cur[TURN]) continue;
          if (row.snapshot >= 0 && this.track >= 0) {
            // Following one snapshot: the others' starts take their turn and start nothing.
            if (row.snapshot === this.track) {
              start = this.alg.initiate(p, (cur[L.algProc + p] as number) >> 1);
              if (start === null) continue;
            }
          } else if (row.snapshot >= 0) {
            // A placed snapshot waits for the ones before it, and for the algorithm to be able to start one here.
            // (Snapshots one after another: the harness would let them overlap; `track` follows them as it does.)
            if (row.snapshot !== cur[DONE]) continue;
            start = this.alg.initiate(p, (cur[L.algProc + p] as number) >> 1);
            if (start === null) continue;
          }
        }
        next.set(cur);
        next[L.local + p] = row.next;
        if (row.turn >= 0 && this.ordered) next[TURN] = (cur[TURN] as number) + 1;
        this.sendAll(p, row.sends);
        if (start !== null) {
          // The snapshot starts right after the action: its sends went out before the markers.
          next[FLAGS] = (next[FLAGS] as number) | STARTED;
          // Stryker disable next-line UnaryOperator: react reads c only for an 'append' effect, which compile refuses outside receive
          this.react(p, start, -1, 0);
        }
        // Stryker disable next-line UnaryOperator: react reads c only for an 'append' effect, which compile refuses outside receive
        if (this.hasAfter) this.react(p, this.alg.after(p, (next[L.algProc + p] as number) >> 1), -1, 0);
        // Not only when a snapshot was under way: an `after` handler may start one and, alone in the job, finish it.
        emit(next, stepCode(ACT, p, i), this.completion());
      }
    }
    for (let c = 0; c < this.channelCount; c++) {
      if (this.words && ((cur[L.algChan + c] as number) & BLOCKED_BIT) !== 0) continue;
      const base = L.queue(c);
      const count = deliverable(cur, base, this.disciplines[c]!, this.positions);
      for (let i = 0; i < count; i++) {
        const k = this.positions[i]!;
        next.set(cur);
        this.deliver(c, removeAt(next, base, k));
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: the test only spares calls to completion(), which is 0 unless every process declared itself done; one delivery makes that so only in a snapshot under way
        emit(next, stepCode(DELIVER, c, k), inProgress || ((next[FLAGS] as number) & STARTED) !== 0 ? this.completion() : 0);
      }
    }
    // Stryker disable next-line ConditionalExpression: (`lossy || duplicating` forced true) faults() emits nothing when the network neither loses nor duplicates
    if ((this.lossy || this.duplicating) && (cur[FAULTS] as number) < this.faultBudget) this.faults(cur, next, emit, inProgress);
    if ((cur[DONE] as number) < this.maxSnapshots) {
      for (const p of this.initiators) {
        const row = this.alg.initiate(p, (cur[L.algProc + p] as number) >> 1);
        if (row === null) continue;
        next.set(cur);
        this.v = next;
        next[FLAGS] = (next[FLAGS] as number) | STARTED;
        // Stryker disable next-line UnaryOperator: react reads c only for an 'append' effect, which compile refuses outside receive
        this.react(p, row, -1, 0);
        emit(next, stepCode(INITIATE, p, 0), this.completion());
      }
    }
    if (this.hasStep) {
      for (let p = 0; p < this.n; p++) {
        const row = this.alg.step(p, (cur[L.algProc + p] as number) >> 1);
        if (row === null) continue;
        next.set(cur);
        this.v = next;
        // Stryker disable next-line UnaryOperator: react reads c only for an 'append' effect, which compile refuses outside receive
        this.react(p, row, -1, 0);
        emit(next, stepCode(INTERNAL, p, 0), this.completion());
      }
    }
  }

  /** Network faults: any distinct in-flight message on a faulty channel may vanish or be copied. */
  private faults(cur: Int32Array, next: Int32Array, emit: Emit, inProgress: boolean): void {
    const L = this.layout;
    for (let c = 0; c < this.channelCount; c++) {
      if (this.faulty[c] === 0) continue;
      const base = L.queue(c);
      const count = deliverable(cur, base, UNORDERED, this.positions);
      for (let i = 0; i < count; i++) {
        const k = this.positions[i]!;
        const word = cur[base + 1 + k] as number;
        if ((this.faultTarget === 1 && !isControl(word)) || (this.faultTarget === 2 && isControl(word))) continue;
        if (this.lossy) {
          next.set(cur);
          next[FAULTS] = (cur[FAULTS] as number) + 1;
          removeAt(next, base, k);
          emit(next, stepCode(FAULT, c, k), inProgress ? this.completion() : 0);
        }
        if (this.duplicating) {
          next.set(cur);
          next[FAULTS] = (cur[FAULTS] as number) + 1;
          push(next, base, this.cap, word, this.disciplines[c]!, c);
          emit(next, stepCode(FAULT, c, k | DUPLICATE_BIT), 0);
        }
      }
    }
  }

  /** Runs step `code` from `cur` into `next` (used to replay traces); returns its events, or -1 if not enabled. */
  apply(cur: Int32Array, next: Int32Array, code: number): number {
    let found = -1;
    const keep = new Int32Array(this.width);
    this.successors(cur, next, (vec, c, event) => {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: (`found < 0` forced true, or `<=`) each step code is emitted at most once per state
      if (c === code && found < 0) {
        keep.set(vec);
        found = event;
      }
    });
    // Stryker disable next-line ConditionalExpression: (`true`) when no step matched, callers discard next: replay returns CC009, and the trace checker applies only enabled codes
    if (found >= 0) next.set(keep);
    return found;
  }

  /** After a completed snapshot has been checked: forget what it recorded, so executions that differ only in it merge. */
  settle(vec: Int32Array): void {
    const L = this.layout;
    if (this.crashes) {
      // The checkpoint is complete: it replaces the previous one in the durable store.
      // Stryker disable next-line EqualityOperator: (`<=`) the extra copy lands on channel 0's durable length, which the next line's copy overwrites
      for (let p = 0; p < this.n; p++) vec[L.durable + p] = vec[L.rec + p] as number;
      // Stryker disable next-line EqualityOperator: (`<=`) the extra copy targets the end of the vector, and copyWithin past the end copies nothing
      for (let c = 0; c < this.channelCount; c++) vec.copyWithin(L.durableQueue(c), L.recordedQueue(c), L.recordedQueue(c) + L.slot);
    }
    vec[DONE] = (vec[DONE] as number) + 1;
    vec[FLAGS] = 0;
    // Stryker disable next-line EqualityOperator: (`<=`) with an algorithm the extra slot is P0's algorithm word, which resetAlgorithm rewrites next; the application-only system never settles
    for (let p = 0; p < this.n; p++) vec[L.rec + p] = -1;
    this.resetAlgorithm(vec);
    for (let c = 0; c < this.channelCount; c++) {
      clearBits(vec, L.queue(c), POST_BIT | PIGGYBACK_MASK);
      vec.fill(0, L.recordedQueue(c), L.recordedQueue(c) + L.slot);
    }
  }

  /** Whether some process has recorded its local state in `vec`. */
  anyRecorded(vec: Int32Array): boolean {
    for (let p = 0; p < this.n; p++) if ((vec[this.layout.rec + p] as number) >= 0) return true;
    return false;
  }

  /** The process whose next action has the script's current turn in `vec`, as the workload's `ahead` says; -1 without it. */
  turnHolder(vec: Int32Array): number {
    if (this.model.workload.ahead === undefined) return -1;
    const L = this.layout;
    for (let p = 0; p < this.n; p++) if (this.table.ahead(p, vec[L.local + p] as number).turn === vec[TURN]) return p;
    return -1;
  }

  /** The id of the snapshot under way (or just completed) in `vec`: the one followed, or how many completed before it. */
  snapshotId(vec: Int32Array): number {
    return this.track >= 0 ? this.track : (vec[DONE] as number);
  }

  /** A dead end is fine only once a snapshot completed and none is left half-done. */
  isTerminalComplete(vec: Int32Array): boolean {
    return (vec[DONE] as number) >= 1 && ((vec[FLAGS] as number) & STARTED) === 0;
  }

  /** Application messages queued in channel c in `vec` (control messages are not counted). */
  appsIn(vec: Int32Array, c: number): number {
    const base = this.layout.queue(c);
    const end = base + (vec[base] as number);
    let n = 0;
    for (let k = base + 1; k <= end; k++) if (!isControl(vec[k] as number)) n++;
    return n;
  }

  /** No application message is in flight in `vec` (a dead end like this one is the end of the job). */
  isQuiescent(vec: Int32Array): boolean {
    for (let c = 0; c < this.channelCount; c++) if (this.appsIn(vec, c) > 0) return false;
    return true;
  }

  /** Whether process p has recorded its local state in `vec`. */
  isRecorded(vec: Int32Array, p: number): boolean {
    return (vec[this.layout.rec + p] as number) >= 0;
  }

  /** Whether process p declared itself done with the snapshot in `vec`. */
  isLocallyComplete(vec: Int32Array, p: number): boolean {
    return this.words && ((vec[this.layout.algProc + p] as number) & COMPLETE_BIT) !== 0;
  }

  /** How far the recording of channel c has got in `vec`. */
  channelPhase(vec: Int32Array, c: number): ChannelPhase {
    if (!this.words) return 'idle';
    const L = this.layout;
    if (((vec[L.algChan + c] as number) & RECORDING_BIT) !== 0) return 'recording';
    return (vec[L.rec + (this.to[c] as number)] as number) >= 0 ? 'closed' : 'idle';
  }

  /** Whether channel c is blocked by its receiver in `vec`. */
  isBlocked(vec: Int32Array, c: number): boolean {
    return this.words && ((vec[this.layout.algChan + c] as number) & BLOCKED_BIT) !== 0;
  }

  private resetAlgorithm(vec: Int32Array): void {
    // Stryker disable next-line ConditionalExpression: (`false`) the application-only system's algorithm ids are all 0 and its vector was just zeroed: it never settles nor crashes
    if (!this.words) return;
    const L = this.layout;
    // Stryker disable next-line EqualityOperator: (`<=`) the extra slot is channel 0's algorithm word, which the next line rewrites
    for (let p = 0; p < this.n; p++) vec[L.algProc + p] = (this.alg.initialProcs[p] as number) << 1;
    for (let c = 0; c < this.channelCount; c++) vec[L.algChan + c] = (this.alg.initialChannels[c] as number) << CHANNEL_SHIFT;
  }

  private isAllComplete(v: Int32Array): boolean {
    for (let p = 0; p < this.n; p++) if (((v[this.layout.algProc + p] as number) & COMPLETE_BIT) === 0) return false;
    return true;
  }

  private completion(): number {
    return this.words && this.isAllComplete(this.v) ? COMPLETED : 0;
  }

  private deliver(c: number, word: number): void {
    const v = this.v;
    const L = this.layout;
    const p = this.to[c]!;
    if (isControl(word)) {
      // After the last snapshot an execution may take, a late control message is consumed with no effect.
      if ((v[DONE] as number) >= this.maxSnapshots) return;
      const row = this.alg.control(c, (v[L.algProc + p] as number) >> 1, v[L.algChan + c] as number, controlPayload(word), controlSnapshot(word) !== this.snapshotId(v));
      this.react(p, row, c, 0);
      return;
    }
    this.appended = false;
    if (this.hasReceive) this.react(p, this.alg.receive(c, (v[L.algProc + p] as number) >> 1, v[L.algChan + c] as number, piggybackOf(word), isRestored(word)), c, word);
    const recorded = (v[L.rec + p] as number) >= 0;
    if (!recorded && isPost(word)) v[FLAGS] = (v[FLAGS] as number) | ORPHAN;
    if (recorded && !isPost(word) && !this.appended) v[FLAGS] = (v[FLAGS] as number) | LOST;
    const local = L.local + p;
    const row = this.table.receive(c, v[local] as number, payloadOf(word));
    v[local] = row.next;
    this.sendAll(p, row.sends);
    // Stryker disable next-line UnaryOperator: react reads c only for an 'append' effect, which compile refuses outside receive
    if (this.hasAfter) this.react(p, this.alg.after(p, (v[L.algProc + p] as number) >> 1), -1, 0);
  }

  private sendAll(p: number, sends: Int32Array): void {
    const v = this.v;
    const L = this.layout;
    const post = (v[L.rec + p] as number) >= 0;
    for (let i = 0; i < sends.length; i += 2) {
      const c = sends[i]!;
      let piggyback = 0;
      if (this.hasSend) {
        const at = L.algProc + p;
        const r = this.alg.send(c, (v[at] as number) >> 1);
        if (r.next >= 0) v[at] = (r.next << 1) | ((v[at] as number) & COMPLETE_BIT);
        piggyback = r.piggyback;
      }
      push(v, L.queue(c), this.cap, appWord(sends[i + 1]!, post, piggyback), this.disciplines[c]!, c);
    }
  }

  /** Applies a compiled reaction of process p; `c` and `word` are the application message arriving, if any. */
  private react(p: number, row: AlgRow, c: number, word: number): void {
    const v = this.v;
    const L = this.layout;
    const at = L.algProc + p;
    if (row.next >= 0) v[at] = (row.next << 1) | ((v[at] as number) & COMPLETE_BIT);
    const ops = row.ops;
    // Stryker disable next-line EqualityOperator: (`<=`) the extra turn reads no opcode, which does nothing
    for (let i = 0; i < ops.length; i += 3) {
      const a = ops[i + 1] as number;
      switch (ops[i]) {
        case OP_RECORD:
          v[L.rec + p] = v[L.local + p] as number;
          v[FLAGS] = (v[FLAGS] as number) | STARTED;
          break;
        case OP_START:
          v[L.algChan + a] = (v[L.algChan + a] as number) | RECORDING_BIT;
          break;
        case OP_STOP:
          v[L.algChan + a] = (v[L.algChan + a] as number) & ~RECORDING_BIT;
          break;
        case OP_APPEND:
          // Stryker disable next-line ConditionalExpression,LogicalOperator: 'append' compiles only in receive, whose reaction deliver applies with the arriving application message's channel and word
          if (c >= 0 && !isControl(word)) this.recordMessage(c, word);
          break;
        case OP_SEND:
          push(v, L.queue(a), this.cap, controlWord(this.snapshotId(v), ops[i + 2] as number), this.disciplines[a]!, a);
          break;
        case OP_SEND_AHEAD:
          pushFront(v, L.queue(a), this.cap, controlWord(this.snapshotId(v), ops[i + 2] as number), this.disciplines[a]!, a);
          break;
        case OP_RECORD_OUTGOING: {
          // The sender saves its own queued output; those messages are then accounted for, as if sent after it
          // recorded, so that a receiver recording one of them again shows as a phantom.
          const base = L.queue(a);
          for (let k = 1; k <= (v[base] as number); k++) {
            const w = v[base + k] as number;
            if (isControl(w)) continue;
            this.recordMessage(a, w);
            v[base + k] = w | POST_BIT;
          }
          break;
        }
        case OP_BLOCK:
          if (this.track >= 0)
            fail('CC005', `${this.algorithm.name} blocks channels, so its overlapping snapshots hold each other up: they cannot be followed one at a time`);
          v[L.algChan + a] = (v[L.algChan + a] as number) | BLOCKED_BIT;
          break;
        case OP_UNBLOCK:
          v[L.algChan + a] = (v[L.algChan + a] as number) & ~BLOCKED_BIT;
          break;
        case OP_SET_CHANNEL:
          v[L.algChan + a] = ((ops[i + 2] as number) << CHANNEL_SHIFT) | ((v[L.algChan + a] as number) & (RECORDING_BIT | BLOCKED_BIT));
          break;
        case OP_COMPLETE:
          if ((v[L.rec + p] as number) < 0)
            fail('CC006', `algorithm '${this.algorithm.name}' declared ${processName(this.model.topology, p)} done with the snapshot before it recorded its state`);
          v[at] = (v[at] as number) | COMPLETE_BIT;
          break;
        case OP_RECORD_QUEUED: {
          const base = L.queue(a);
          for (let k = 1; k <= (v[base] as number); k++) if (!isControl(v[base + k] as number)) this.recordMessage(a, v[base + k] as number);
          break;
        }
        default:
      }
    }
  }

  private recordMessage(c: number, word: number): void {
    const v = this.v;
    if (isPost(word)) v[FLAGS] = (v[FLAGS] as number) | PHANTOM;
    this.appended = true;
    push(v, this.layout.recordedQueue(c), this.cap, payloadOf(word) + 1, this.disciplines[c]!, c);
  }

  channelTo(c: number): number {
    return this.to[c]!;
  }
  channelFrom(c: number): number {
    return this.from[c]!;
  }

  // ---- Views for checks and reports (not on the hot path) ----

  /**
   * Whether the snapshot completed in `vec` fails `consistent`: an orphan, phantom or late-lost message was seen
   * on the way, or a pre-snapshot message is still in flight (lost too).
   */
  isInconsistent(vec: Int32Array): boolean {
    return ((vec[FLAGS] as number) & (ORPHAN | PHANTOM | LOST)) !== 0 || this.hasPreInFlight(vec);
  }

  /** Any pre-snapshot application message still in flight in `vec` (a lost message when the snapshot completes). */
  private hasPreInFlight(vec: Int32Array): boolean {
    for (let c = 0; c < this.channelCount; c++) {
      const base = this.layout.queue(c);
      for (let k = 1; k <= (vec[base] as number); k++) {
        const w = vec[base + k] as number;
        // Stryker disable next-line EqualityOperator: (`>=`) no queued word is 0: application words are at least 256, control words negative
        if (w > 0 && !isPost(w)) return true;
      }
    }
    return false;
  }

  describe(cur: Int32Array, code: number): Step {
    const a = stepA(code);
    const b = stepB(code);
    switch (stepKind(code)) {
      case ACT:
        // Stryker disable next-line all: describe is given the codes of enabled steps, so the state has action b
        return { kind: 'act', process: a, label: this.table.actions(a, cur[this.layout.local + a] as number)[b]?.label ?? '?' };
      case DELIVER:
        return { kind: 'deliver', channel: a, from: this.from[a]!, to: this.to[a]!, message: this.messageView(cur[this.layout.queue(a) + 1 + b] as number) };
      case FAULT: {
        const word = cur[this.layout.queue(a) + 1 + (b & ~DUPLICATE_BIT)] as number;
        const kind = (b & DUPLICATE_BIT) !== 0 ? 'duplicate' : 'drop';
        return { kind, channel: a, from: this.from[a]!, to: this.to[a]!, message: this.messageView(word) };
      }
      case INTERNAL:
        return { kind: 'internal', process: a, label: this.alg.stepLabel((cur[this.layout.algProc + a] as number) >> 1) };
      case CRASH: {
        // A trace keeps the state that completed a snapshot as it was before `settle`: that checkpoint is the one restored.
        const pending = this.words && this.isAllComplete(cur);
        const saved = (cur[this.layout.durable] as number) >= 0;
        return { kind: 'crash', checkpoint: pending ? (cur[DONE] as number) : saved ? (cur[DONE] as number) - 1 : null };
      }
      default:
        return { kind: 'initiate', process: a };
    }
  }

  messageView(word: number): MessageView {
    if (isControl(word)) {
      const payload = this.alg.payloadValue(controlPayload(word));
      return payload === null ? { kind: 'marker', snapshot: controlSnapshot(word) } : { kind: 'marker', snapshot: controlSnapshot(word), payload };
    }
    const piggyback = piggybackOf(word);
    const view = { kind: 'app', payload: this.table.payloads.values[payloadOf(word)], post: isPost(word), ...(isRestored(word) ? { restored: true } : {}) } as const;
    return piggyback === 0 ? view : { ...view, piggyback: this.alg.piggybackValue(piggyback) };
  }

  /** Words of channel c's queue in `vec`. */
  queueWords(vec: Int32Array, c: number): number[] {
    const base = this.layout.queue(c);
    return Array.from(vec.subarray(base + 1, base + 1 + (vec[base] as number)));
  }
  /** Payload ids recorded for channel c in `vec`. */
  recordedPayloads(vec: Int32Array, c: number): number[] {
    const base = this.layout.recordedQueue(c);
    return Array.from(vec.subarray(base + 1, base + 1 + (vec[base] as number)), (x) => x - 1);
  }

  /** Writes into `out` (an application-only system's vector) the recorded cut S* held in `vec`. */
  writeCut(vec: Int32Array, app: ProductSystem, out: Int32Array): void {
    app.initial(out);
    for (let p = 0; p < this.n; p++) out[app.layout.local + p] = vec[this.layout.rec + p] as number;
    for (let c = 0; c < this.channelCount; c++) {
      const src = this.layout.recordedQueue(c);
      const dst = app.layout.queue(c);
      const len = vec[src] as number;
      out[dst] = len;
      for (let k = 1; k <= len; k++) out[dst + k] = appWord((vec[src + k] as number) - 1, false);
    }
  }

  /** Writes into `out` the application state of `vec`: local states and application messages, uncoloured. */
  writeApp(vec: Int32Array, app: ProductSystem, out: Int32Array): void {
    app.initial(out);
    for (let p = 0; p < this.n; p++) out[app.layout.local + p] = vec[this.layout.local + p] as number;
    for (let c = 0; c < this.channelCount; c++) {
      const src = this.layout.queue(c);
      const dst = app.layout.queue(c);
      let len = 0;
      for (let k = 1; k <= (vec[src] as number); k++) {
        const w = vec[src + k] as number;
        // Stryker disable next-line EqualityOperator: (`>=`) no queued word is 0: application words are at least 256, control words negative
        if (w > 0) out[dst + 1 + len++] = bareApp(w);
      }
      // An unordered queue is kept sorted by word, and bareApp keeps the payload bits that order it: `out` is sorted too.
      out[dst] = len;
    }
  }
}
