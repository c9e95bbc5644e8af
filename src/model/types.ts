// The model definition contract: a topology, a workload, a snapshot algorithm and a network discipline.
// This is the whole surface a model author writes against; everything else derives from it.

import type { SnapshotAlgorithm } from '../snapshot/api.ts';

export type ProcessId = number;

/** A directed channel `from → to`. */
export interface Channel {
  readonly from: ProcessId;
  readonly to: ProcessId;
  /**
   * A back-edge of a dataflow graph: it closes a cycle (a feedback loop). Algorithms that align barriers treat it
   * apart (see ProcessContext.backIn); every other algorithm ignores the mark.
   */
  readonly back?: boolean;
}

export interface Topology {
  /** Processes are 0..n-1. */
  readonly n: number;
  readonly channels: readonly Channel[];
  /** Display names (default P0, P1, ...). */
  readonly names?: readonly string[];
  /** The string this topology was parsed from, if any (e.g. `complete:3`). */
  readonly spec?: string;
}

/** What a process may see of the topology when its workload runs. */
export interface ProcessContext {
  readonly self: ProcessId;
  readonly n: number;
  /** Processes this one has an out-channel to, ascending. */
  readonly out: readonly ProcessId[];
  /** Processes this one has an in-channel from, ascending. */
  readonly in: readonly ProcessId[];
  /** Those of `in` whose channel to this process is a back-edge (Channel.back), ascending. */
  readonly backIn: readonly ProcessId[];
}

export interface Send<M> {
  readonly to: ProcessId;
  readonly msg: M;
}

/** One enabled workload action: its label, the local state it leads to and the messages it sends. */
export interface ActionOutcome<S, M> {
  readonly label: string;
  readonly next: S;
  readonly sends?: readonly Send<M>[];
  /**
   * A scripted workload's action may start a snapshot at its process, right after the action and its sends:
   * snapshot number `snapshot` (0 for the first of the execution). It waits until that snapshot can start: the
   * ones before it completed, and the algorithm able to start one here. Such a model names no initiators.
   */
  readonly snapshot?: number;
  /**
   * A scripted workload's action may have a place in one order over every process's actions (0, 1, 2, ...), as
   * the harness that runs a script orders them: it waits until every action of a smaller turn was taken. The
   * application's own executions (R) ignore the order: it belongs to the harness, not to the system.
   */
  readonly turn?: number;
}

export interface ReceiveOutcome<S, M> {
  readonly next: S;
  readonly sends?: readonly Send<M>[];
}

/** An application state as predicates see it: local states plus the application messages in each channel. */
export interface AppView<S, M> {
  readonly n: number;
  readonly locals: readonly S[];
  readonly channels: readonly { readonly from: ProcessId; readonly to: ProcessId; readonly messages: readonly M[] }[];
}

export type Predicate<S, M> = (g: AppView<S, M>) => boolean;

/**
 * A workload: local state, enabled actions and a receive handler, all pure. Local states and messages must
 * be plain data (numbers, strings, booleans, arrays, plain objects) or immutable.js values: they are compared
 * by value. Handlers are called once per distinct input and memoised, so they must not depend on anything else.
 */
/** What a process of a scripted workload may still do (see Workload.ahead). */
export interface Ahead {
  readonly sendsTo: readonly ProcessId[];
  /** The processes its receives may send to from here until its next action (default: sendsTo). */
  readonly reactsTo?: readonly ProcessId[];
  readonly turn: number | null;
}

export interface Workload<S, M> {
  readonly name: string;
  init(ctx: ProcessContext): S;
  actions(s: S, ctx: ProcessContext): readonly ActionOutcome<S, M>[];
  receive(s: S, from: ProcessId, msg: M, ctx: ProcessContext): ReceiveOutcome<S, M>;
  /** Must hold on every reachable application state and on every recorded cut. */
  readonly invariants?: Readonly<Record<string, Predicate<S, M>>>;
  /** Declared stable: once true, true forever. cutcheck checks that claim too. */
  readonly stable?: Readonly<Record<string, Predicate<S, M>>>;
  /**
   * Ghost ids: what a local state has absorbed, as a list of ids (a multiset; one id per source record and routing
   * path, say). The application never reads them; with them cutcheck checks `exactly-once`, `no-loss` and
   * `no-duplicate` at every quiescent end of an execution (crashes included) against the failure-free ends.
   */
  readonly ghosts?: (s: S) => readonly string[];
  /**
   * What an implementation records of a local state, when that is less than the whole state: the tokens, say, and
   * not a script position the model keeps for its own bookkeeping. Recorded cuts (`VerifyResult.cuts`, `--cuts-out`)
   * are shown and told apart after this projection; the checks still judge the whole states. Default: the state.
   */
  readonly recorded?: (s: S) => unknown;
  /**
   * Its actions follow a script: they may carry a `turn` and start a `snapshot` (see ActionOutcome). Reductions that
   * rest on processes acting independently are off for it, and it cannot be combined with crashes.
   */
  readonly scripted?: boolean;
  /**
   * For a scripted workload: what process `ctx.self` may still do from local state `s` through its own steps,
   * whatever it receives. `sendsTo`: the processes it may still send to. `reactsTo`: those its receives may send to
   * before its next action (default `sendsTo`; a script's receives send nothing). `turn`: the turn of its next action
   * (every action it takes from `s` has that turn), or null when no action with a turn is left. Partial-order reduction
   * reads it, so that a script's processes move on their own where they can; without it the reduction is off for a
   * scripted workload. An over-approximation is safe (it only reduces less); an answer that misses a send or a turn
   * is not. cutcheck checks it on every step from every state it expands, and refuses a step it does not allow (CC006).
   */
  readonly ahead?: (s: S, ctx: ProcessContext) => Ahead;
  /** Short renderings for reports. */
  readonly show?: {
    readonly local?: (s: S) => string;
    readonly message?: (m: M) => string;
    /** A one-line summary of a whole application state, shown beside recorded cuts (e.g. the money it holds). */
    readonly state?: (g: AppView<S, M>) => string;
  };
}

export type Discipline = 'fifo' | 'unordered';
export const DISCIPLINES: readonly Discipline[] = ['fifo', 'unordered'];

/** Faults the network may commit, all drawn from one budget per execution. Markers are messages too. */
export interface FaultSpec {
  /** An in-flight message may vanish. */
  readonly lossy?: boolean;
  /** An in-flight message may be copied (the copy joins the channel behind everything in it). */
  readonly duplicating?: boolean;
  /** How many faults one execution may contain (default 1). */
  readonly budget?: number;
  /**
   * The whole job may crash: every process fails at once and restarts from the latest completed snapshot (its
   * checkpoint: recorded local states, recorded channel states re-injected first), or from the initial state when
   * none completed. A crash is a fault: it spends one of the budget. A job that has nothing left to do does not crash.
   */
  readonly crash?: boolean;
  /** The channels (keys `"0>1"`) that may misbehave; default every channel. */
  readonly channels?: readonly string[];
  /** Which messages the faults may hit (default `all`). */
  readonly messages?: 'all' | 'markers' | 'application';
}

/** The network: one discipline for every channel, optionally overridden per channel (key `"0>1"`), and faults. */
export interface NetworkSpec {
  readonly discipline: Discipline;
  readonly overrides?: Readonly<Record<string, Discipline>>;
  readonly faults?: FaultSpec;
}

// Chandy-Lamport's broken variants belong to the algorithm (snapshot/chandy-lamport.ts); re-exported here for models.
export { CL_VARIANTS, type ClVariant } from '../snapshot/chandy-lamport.ts';
import type { ClVariant } from '../snapshot/chandy-lamport.ts';

/** Which snapshot algorithm a model runs, from which initiators, how many times. */
export interface AlgorithmSpec {
  /** A built-in algorithm's name (`chandy-lamport`, `lai-yang`, ...) or an algorithm value (see defineAlgorithm). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any algorithm, whatever its state types
  readonly kind: string | SnapshotAlgorithm<any, any, any, any>;
  /** The processes that may start the snapshot (default: the algorithm's `defaultInitiators`, else process 0). */
  readonly initiators?: readonly ProcessId[];
  /** With kind `chandy-lamport`: one of its broken variants (the same as kind `chandy-lamport/VARIANT`). */
  readonly variant?: ClVariant;
  /** Snapshots taken one after another in each execution, each checked (default 1). */
  readonly snapshots?: number;
  /**
   * With a scripted workload whose actions place the snapshots: follow only snapshot `track`, while the other placed
   * starts take their turn and start nothing. The runs are those of every snapshot started at its place, overlapping
   * as they may, and the cuts are those that snapshot can record among them (proofs/overlapping-snapshots.md says why).
   */
  readonly track?: number;
}

export interface ModelSpec<S = unknown, M = unknown> {
  readonly name: string;
  readonly topology: Topology;
  readonly workload: Workload<S, M>;
  readonly network?: NetworkSpec;
  /** An AlgorithmSpec, or just the algorithm (a built-in name or a value), from initiator 0. Default chandy-lamport. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any algorithm, whatever its state types
  readonly algorithm?: AlgorithmSpec | string | SnapshotAlgorithm<any, any, any, any>;
}

/** The algorithm of a resolved model. */
export interface ResolvedAlgorithm {
  /** Its name: a built-in's (`chandy-lamport/close-all`) or the one the user's value gives. */
  readonly name: string;
  readonly impl: SnapshotAlgorithm;
  /** A built-in shipped broken on purpose. */
  readonly broken: boolean;
  readonly initiators: readonly ProcessId[];
  readonly snapshots: number;
  /**
   * The one placed snapshot a search follows, when a script's snapshots may overlap (see proofs/overlapping-snapshots.md): the other
   * placed starts take their turn in the script and start nothing. Absent: snapshots run one after another.
   */
  readonly track?: number;
}

/** A model with every default filled in, as the engine sees it. */
export interface Model<S = unknown, M = unknown> {
  readonly name: string;
  readonly topology: Topology;
  readonly workload: Workload<S, M>;
  readonly disciplines: readonly Discipline[]; // one per channel, in topology order
  readonly faults: {
    readonly lossy: boolean;
    readonly duplicating: boolean;
    readonly crash: boolean;
    readonly budget: number;
    readonly channels: readonly boolean[];
    readonly messages: 'all' | 'markers' | 'application';
  };
  readonly algorithm: ResolvedAlgorithm;
}

export const processName = (t: Topology, p: ProcessId): string => t.names?.[p] ?? `P${p}`;
export const channelName = (t: Topology, c: Channel): string => `${processName(t, c.from)}→${processName(t, c.to)}`;
