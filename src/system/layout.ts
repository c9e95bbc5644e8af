// Where each part of the product state lives in the flat int32 state vector.
// [flags, snapshotsDone, faultsUsed, (for a scripted workload: the turn) | local ids (n) | recorded local ids (n, -1 = none) | algorithm words per process |
//  algorithm words per channel | each channel: len + cap words | each recorded channel: len + cap words |
//  with crashes only, the durable store: the latest completed checkpoint's local ids (n, -1 = none yet) and
//  channel states (len + cap words each)]

export const FLAGS = 0;
export const DONE = 1;
export const FAULTS = 2;
/** With a scripted workload: how many actions of the script's global order were taken (see ActionOutcome.turn). */
export const TURN = 3;
export const ORPHAN = 1;
export const PHANTOM = 2;
export const LOST = 4;
/** A snapshot is under way: initiated, or some process recorded (cleared when it settles). */
export const STARTED = 8;

export class Layout {
  readonly local: number;
  readonly rec: number;
  readonly algProc: number;
  readonly algChan: number;
  readonly queues: number;
  readonly recorded: number;
  /** The durable store's local ids, or -1 when the layout has none. */
  readonly durable: number;
  readonly width: number;
  readonly slot: number;

  constructor(
    readonly n: number,
    readonly channels: number,
    readonly cap: number,
    readonly wordsPerProcess: number,
    readonly wordsPerChannel: number,
    hasDurable = false,
    hasTurn = false,
  ) {
    this.local = hasTurn ? 4 : 3;
    this.rec = this.local + n;
    this.algProc = this.rec + n;
    this.algChan = this.algProc + n * wordsPerProcess;
    this.queues = this.algChan + channels * wordsPerChannel;
    this.slot = cap + 1;
    this.recorded = this.queues + channels * this.slot;
    const end = this.recorded + channels * this.slot;
    this.durable = hasDurable ? end : -1;
    this.width = hasDurable ? end + n + channels * this.slot : end;
  }

  queue(c: number): number {
    return this.queues + c * this.slot;
  }
  recordedQueue(c: number): number {
    return this.recorded + c * this.slot;
  }
  /** The durable copy of channel c's recorded state (only with a durable store). */
  durableQueue(c: number): number {
    return this.durable + this.n + c * this.slot;
  }
}
