// The contract between the product system and a snapshot algorithm. An algorithm owns a few words per
// process and per channel of the state vector and reacts to steps through a SnapshotContext; it never sees
// the workload or the network's internals. Control messages (markers, barriers) are sent through the context.

export interface SnapshotContext {
  readonly n: number;
  readonly channelCount: number;
  /** Snapshots completed so far in this execution; the one in progress has this index. */
  snapshotIndex(): number;
  outChannels(p: number): readonly number[];
  inChannels(p: number): readonly number[];
  channelTo(c: number): number;
  channelFrom(c: number): number;
  isRecorded(p: number): boolean;
  /** Saves p's current local state as its recorded state. */
  recordLocal(p: number): void;
  /** Appends an application message (as delivered) to c's recorded channel state. */
  recordMessage(c: number, word: number): void;
  sendControl(c: number, kind?: number): void;
  /** The words queued on channel c right now (only a broken variant peeks at this; real processes cannot). */
  queued(c: number): number[];
  procWord(p: number, i?: number): number;
  setProcWord(p: number, value: number, i?: number): void;
  chanWord(c: number, i?: number): number;
  setChanWord(c: number, value: number, i?: number): void;
}

/** How a report names the algorithm's per-channel state. */
export type ChannelPhase = 'idle' | 'recording' | 'closed';

export interface SnapshotAlgorithm {
  readonly name: string;
  readonly wordsPerProcess: number;
  readonly wordsPerChannel: number;
  /** Whether initiator p may start the snapshot now. */
  canInitiate(ctx: SnapshotContext, p: number): boolean;
  initiate(ctx: SnapshotContext, p: number): void;
  /** A control message `word` arrived on channel c. */
  onControl(ctx: SnapshotContext, c: number, word: number): void;
  /** An application message arrived on c; called before the workload handles it. */
  onApp(ctx: SnapshotContext, c: number, word: number): void;
  isComplete(ctx: SnapshotContext): boolean;
  /** Called after p's workload handled an event (an action, or an application message it received). */
  afterStep?(ctx: SnapshotContext, p: number): void;
  channelPhase(ctx: SnapshotContext, c: number): ChannelPhase;
}

/** No snapshot at all: the application alone, used to enumerate R. */
export const noSnapshot: SnapshotAlgorithm = {
  name: 'none',
  wordsPerProcess: 0,
  wordsPerChannel: 0,
  canInitiate: () => false,
  initiate: () => undefined,
  onControl: () => undefined,
  onApp: () => undefined,
  isComplete: () => false,
  channelPhase: () => 'idle',
};
