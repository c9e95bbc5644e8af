// The product transition system: workload × network × snapshot algorithm × ghost colours, on flat int32
// state vectors. Its successor function is pure in effect: it writes each successor into a scratch vector
// and hands it to `emit`, which copies what it keeps.

import type { Model } from '../model/types.ts';
import { type DisciplineCode, disciplineCode, push, removeAt, deliverable, clearBits, UNORDERED } from '../network/channels.ts';
import { appWord, bareApp, controlWord, isControl, isPost, payloadOf, POST_BIT, TAG_MASK, controlSnapshot } from '../network/message.ts';
import type { SnapshotAlgorithm, SnapshotContext } from '../snapshot/algorithm.ts';
import type { WorkloadTable } from './intern.ts';
import { Layout, FLAGS, DONE, FAULTS, ORPHAN, PHANTOM, LOST } from './layout.ts';
import { ACT, DELIVER, INITIATE, FAULT, DUPLICATE_BIT, stepCode, stepKind, stepA, stepB, type Step, type MessageView } from './step.ts';

/** Receives each successor: the scratch vector (valid only during the call), the step's code and its events. */
export type Emit = (vec: Int32Array, code: number, event: number) => void;

/** Event bit: this step completed a snapshot; `vec` still holds the recorded cut until `settle` is called. */
export const COMPLETED = 1;

export class ProductSystem implements SnapshotContext {
  readonly layout: Layout;
  readonly n: number;
  readonly channelCount: number;
  private readonly disciplines: DisciplineCode[];
  private readonly outs: number[][];
  private readonly ins: number[][];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly initiators: number[];
  private readonly positions: Int32Array;
  private readonly faulty: Uint8Array;
  private readonly faultBudget: number;
  private readonly lossy: boolean;
  private readonly duplicating: boolean;
  /** Which words faults may hit: 0 all, 1 control only, 2 application only. */
  private readonly faultTarget: number;
  private v: Int32Array;
  private appended = false;

  constructor(
    readonly model: Model,
    readonly table: WorkloadTable,
    readonly algorithm: SnapshotAlgorithm,
    readonly cap: number,
    readonly maxSnapshots = 1,
  ) {
    const { n, channels } = model.topology;
    this.n = n;
    this.channelCount = channels.length;
    this.layout = new Layout(n, channels.length, cap, algorithm.wordsPerProcess, algorithm.wordsPerChannel);
    this.disciplines = model.disciplines.map(disciplineCode);
    this.outs = Array.from({ length: n }, (_, p) => channels.flatMap((c, i) => (c.from === p ? [i] : [])));
    this.ins = Array.from({ length: n }, (_, p) => channels.flatMap((c, i) => (c.to === p ? [i] : [])));
    this.from = Int32Array.from(channels, (c) => c.from);
    this.to = Int32Array.from(channels, (c) => c.to);
    this.initiators = [...model.algorithm.initiators];
    this.positions = new Int32Array(cap + 1);
    this.v = new Int32Array(this.layout.width);
    this.faulty = Uint8Array.from(model.faults.channels, (b) => (b ? 1 : 0));
    this.lossy = model.faults.lossy;
    this.duplicating = model.faults.duplicating;
    this.faultBudget = this.lossy || this.duplicating ? model.faults.budget : 0;
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
  }

  /** Emits every successor of `cur`, in a fixed order: actions, deliveries, faults, initiations. */
  successors(cur: Int32Array, next: Int32Array, emit: Emit): void {
    const L = this.layout;
    const inProgress = this.snapshotInProgress(cur);
    const after = this.algorithm.afterStep;
    this.v = next;
    for (let p = 0; p < this.n; p++) {
      const rows = this.table.actions(p, cur[L.local + p] as number);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        next.set(cur);
        next[L.local + p] = row.next;
        this.sendAll(p, row.sends);
        if (after !== undefined) after(this, p);
        emit(next, stepCode(ACT, p, i), inProgress ? this.completion() : 0);
      }
    }
    for (let c = 0; c < this.channelCount; c++) {
      const base = L.queue(c);
      const count = deliverable(cur, base, this.disciplines[c]!, this.positions);
      for (let i = 0; i < count; i++) {
        const k = this.positions[i]!;
        next.set(cur);
        this.deliver(c, removeAt(next, base, k));
        emit(next, stepCode(DELIVER, c, k), inProgress || this.snapshotInProgress(next) ? this.completion() : 0);
      }
    }
    if ((cur[FAULTS] as number) < this.faultBudget) this.faults(cur, next, emit, inProgress);
    if ((cur[DONE] as number) < this.maxSnapshots) {
      this.v = cur;
      for (const p of this.initiators) {
        this.v = cur;
        if (!this.algorithm.canInitiate(this, p)) continue;
        next.set(cur);
        this.v = next;
        this.algorithm.initiate(this, p);
        emit(next, stepCode(INITIATE, p, 0), this.completion());
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
      if (c === code && found < 0) {
        keep.set(vec);
        found = event;
      }
    });
    if (found >= 0) next.set(keep);
    return found;
  }

  /** After a completed snapshot has been checked: forget what it recorded, so executions that differ only in it merge. */
  settle(vec: Int32Array): void {
    const L = this.layout;
    vec[DONE] = (vec[DONE] as number) + 1;
    vec[FLAGS] = 0;
    for (let p = 0; p < this.n; p++) vec[L.rec + p] = -1;
    vec.fill(0, L.algProc, L.queues);
    for (let c = 0; c < this.channelCount; c++) {
      clearBits(vec, L.queue(c), POST_BIT | TAG_MASK);
      vec.fill(0, L.recordedQueue(c), L.recordedQueue(c) + L.slot);
    }
  }

  /** A dead end is fine only once a snapshot completed and none is left half-done. */
  isTerminalComplete(vec: Int32Array): boolean {
    return (vec[DONE] as number) >= 1 && !this.snapshotInProgress(vec);
  }

  private completion(): number {
    return this.algorithm.isComplete(this) ? COMPLETED : 0;
  }

  private snapshotInProgress(vec: Int32Array): boolean {
    const rec = this.layout.rec;
    for (let p = 0; p < this.n; p++) if ((vec[rec + p] as number) >= 0) return true;
    return false;
  }

  private deliver(c: number, word: number): void {
    const v = this.v;
    if (isControl(word)) {
      // After the last snapshot an execution may take, a late marker is consumed with no effect.
      if ((v[DONE] as number) < this.maxSnapshots) this.algorithm.onControl(this, c, word);
      return;
    }
    const p = this.to[c]!;
    this.appended = false;
    this.algorithm.onApp(this, c, word);
    const recorded = (v[this.layout.rec + p] as number) >= 0;
    if (!recorded && isPost(word)) v[FLAGS] = (v[FLAGS] as number) | ORPHAN;
    if (recorded && !isPost(word) && !this.appended) v[FLAGS] = (v[FLAGS] as number) | LOST;
    const local = this.layout.local + p;
    const row = this.table.receive(c, v[local] as number, payloadOf(word));
    v[local] = row.next;
    this.sendAll(p, row.sends);
    this.algorithm.afterStep?.(this, p);
  }

  private sendAll(p: number, sends: Int32Array): void {
    const post = (this.v[this.layout.rec + p] as number) >= 0;
    for (let i = 0; i < sends.length; i += 2) {
      const c = sends[i]!;
      push(this.v, this.layout.queue(c), this.cap, appWord(sends[i + 1]!, post), this.disciplines[c]!, c);
    }
  }

  // ---- SnapshotContext: what an algorithm may do to the vector being built ----
  snapshotIndex(): number {
    return this.v[DONE] as number;
  }
  outChannels(p: number): readonly number[] {
    return this.outs[p]!;
  }
  inChannels(p: number): readonly number[] {
    return this.ins[p]!;
  }
  channelTo(c: number): number {
    return this.to[c]!;
  }
  channelFrom(c: number): number {
    return this.from[c]!;
  }
  isRecorded(p: number): boolean {
    return (this.v[this.layout.rec + p] as number) >= 0;
  }
  recordLocal(p: number): void {
    this.v[this.layout.rec + p] = this.v[this.layout.local + p] as number;
  }
  recordMessage(c: number, word: number): void {
    if (isPost(word)) this.v[FLAGS] = (this.v[FLAGS] as number) | PHANTOM;
    this.appended = true;
    push(this.v, this.layout.recordedQueue(c), this.cap, payloadOf(word) + 1, this.disciplines[c]!, c);
  }
  queued(c: number): number[] {
    return this.queueWords(this.v, c);
  }
  sendControl(c: number, kind = 0): void {
    push(this.v, this.layout.queue(c), this.cap, controlWord(this.v[DONE] as number, kind), this.disciplines[c]!, c);
  }
  procWord(p: number, i = 0): number {
    return this.v[this.layout.algProc + p * this.algorithm.wordsPerProcess + i] as number;
  }
  setProcWord(p: number, value: number, i = 0): void {
    this.v[this.layout.algProc + p * this.algorithm.wordsPerProcess + i] = value;
  }
  chanWord(c: number, i = 0): number {
    return this.v[this.layout.algChan + c * this.algorithm.wordsPerChannel + i] as number;
  }
  setChanWord(c: number, value: number, i = 0): void {
    this.v[this.layout.algChan + c * this.algorithm.wordsPerChannel + i] = value;
  }

  // ---- Views for checks and reports (not on the hot path) ----

  /** Lets the algorithm read `vec` (for channelPhase and isComplete from outside a step). */
  focus(vec: Int32Array): this {
    this.v = vec;
    return this;
  }

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
        return { kind: 'act', process: a, label: this.table.actions(a, cur[this.layout.local + a] as number)[b]?.label ?? '?' };
      case DELIVER:
        return { kind: 'deliver', channel: a, from: this.from[a]!, to: this.to[a]!, message: this.messageView(cur[this.layout.queue(a) + 1 + b] as number) };
      case FAULT: {
        const word = cur[this.layout.queue(a) + 1 + (b & ~DUPLICATE_BIT)] as number;
        const kind = (b & DUPLICATE_BIT) !== 0 ? 'duplicate' : 'drop';
        return { kind, channel: a, from: this.from[a]!, to: this.to[a]!, message: this.messageView(word) };
      }
      default:
        return { kind: 'initiate', process: a };
    }
  }

  messageView(word: number): MessageView {
    return isControl(word)
      ? { kind: 'marker', snapshot: controlSnapshot(word) }
      : { kind: 'app', payload: this.table.payloads.values[payloadOf(word)], post: isPost(word) };
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
        if (w > 0) out[dst + 1 + len++] = bareApp(w);
      }
      out[dst] = len;
      if (this.disciplines[c] === 1) out.subarray(dst + 1, dst + 1 + len).sort();
    }
  }
}
