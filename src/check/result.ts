// Results as data: the checks, their outcomes, the canonical facts, statistics and violations.

import type { Step } from '../system/step.ts';
import type { ChannelPhase } from '../snapshot/api.ts';
import type { AppView } from '../model/types.ts';

export const CHECKS = ['consistent', 'reachable', 'stable', 'invariant', 'terminates', 'exactly-once', 'no-loss', 'no-duplicate'] as const;
export type CheckName = (typeof CHECKS)[number];

/**
 * `unknown`: the search stopped (first violation elsewhere, or a state bound) before this check was settled.
 * `n/a`: the check does not apply to this model (exactly-once needs a workload with ghost ids).
 */
export type CheckStatus = 'holds' | 'violated' | 'unknown' | 'n/a';

export interface Facts {
  readonly appStates: number;
  readonly cuts: number;
  readonly inconsistentCuts: number;
  readonly unreachableCuts: number;
  readonly shortestInconsistent: number | null;
}

export interface Stats {
  readonly productStates: number;
  readonly transitions: number;
  readonly depth: number;
  readonly appStates: number;
  readonly appTransitions: number;
  readonly completions: number;
  readonly elapsedMs: number;
  readonly statesPerSecond: number;
  /** Channel capacity the search settled on (it grows on demand). */
  readonly capacity: number;
  /** Upper bound on the probability that a 64-bit fingerprint collision hid a state: states × transitions / 2^64. */
  readonly collisionProbability: number;
  readonly storeBytes: number;
  /** Which reductions the product search used (each says why when it is off) and how many threads. */
  readonly reductions: { readonly partialOrder: string; readonly symmetry: string; readonly threads: number };
  /** Every reachable product state was explored. */
  readonly exhaustive: boolean;
  /** Why the search stopped before exploring everything, when it did: a violation under stop-at-first, or the state bound. */
  readonly stoppedBy: 'first-violation' | 'state-bound' | 'memory-bound' | 'interrupt' | null;
  /** The bound on the process's memory (resident set, bytes; `--max-memory`). */
  readonly maxMemoryBytes: number;
  /** With `memory-bound`: present when it was the JavaScript heap that was nearly full, not the resident set. */
  readonly memoryHit?: 'heap';
  /** With `memoryHit`: the heap's limit (bytes), which Node's --max-old-space-size raises. */
  readonly heapLimitBytes?: number;
  /** The bound on stored states, per phase (`--max-states`). */
  readonly maxStates: number;
  /**
   * A search that took checkpoints or was taken up from one: how many it wrote, why it wrote none when it could not
   * (null when it could), and where the checkpoint it was taken up from stood (null when it started afresh).
   */
  readonly checkpoint?: {
    readonly written: number;
    readonly refused: string | null;
    readonly resumedAt: { readonly depth: number; readonly states: number; readonly savedAt: string } | null;
  };
}

export interface MessageText {
  readonly text: string;
  readonly kind: 'app' | 'marker';
  readonly post?: boolean;
  /** An application message a recovery put back (restored channel state). */
  readonly restored?: boolean;
  /** An application message's raw payload, as the workload sent it (the JSON output encodes it). */
  readonly payload?: unknown;
  /** A marker's snapshot (0 = the first). */
  readonly snapshot?: number;
}

export interface StateView {
  readonly processes: readonly {
    readonly name: string;
    readonly local: string;
    readonly recorded: string | null;
    /** The raw local state behind `local`, as the workload made it. */
    readonly localValue?: unknown;
    /** The raw recorded state behind `recorded`; absent while the process has not recorded. */
    readonly recordedValue?: unknown;
  }[];
  readonly channels: readonly {
    readonly name: string;
    readonly from: number;
    readonly to: number;
    /** FIFO channels are sequences (head first); unordered ones are multisets. */
    readonly ordered: boolean;
    readonly messages: readonly MessageText[];
    readonly phase: ChannelPhase;
    /** Its receiver holds its messages back (an algorithm that aligns, as Flink's barriers do). */
    readonly blocked?: boolean;
    readonly recorded: readonly string[];
    /** The raw payloads behind `recorded`, in the same order. */
    readonly recordedValues?: readonly unknown[];
  }[];
  readonly snapshotsCompleted: number;
}

export interface TraceStep {
  /** 1-based position in the execution. */
  readonly index: number;
  readonly step: Step;
  readonly text: string;
  /** What the step caused besides itself: recordings, markers sent, channels closed. */
  readonly effects: readonly string[];
  readonly after: StateView;
}

export interface Trace {
  readonly initial: StateView;
  readonly steps: readonly TraceStep[];
  /** The step codes, enough to replay the trace against the same model. */
  readonly codes: readonly number[];
  /**
   * The placed snapshot the run follows alone, when it does (`algorithm.track`; verify follows each placed snapshot of
   * a script so): the codes replay against the model with that track.
   */
  readonly track?: number;
}

/** S* and S_final as text, for the report. */
export interface CutView {
  readonly processes: readonly { readonly name: string; readonly state: string }[];
  readonly channels: readonly { readonly name: string; readonly messages: readonly string[] }[];
  /** The workload's own summary of the cut (e.g. the money it holds), if it gives one. */
  readonly summary?: string;
}

export interface Violation {
  readonly check: CheckName;
  /** One or more sentences naming the guilty message and processes. */
  readonly explanation: string;
  readonly trace: Trace;
  /** The recorded cut, read off the trace's last state (whose `recorded` fields hold its raw values). */
  readonly cut?: CutView;
}

export type Verdict = 'holds' | 'violated' | 'incomplete';

export interface ModelInfo {
  readonly name: string;
  readonly topology: string;
  readonly workload: string;
  readonly channels: string;
  readonly algorithm: string;
  readonly initiators: readonly number[];
  /** The initiators as the model names them (P0, or P1 in the write-up). */
  readonly initiatorNames: readonly string[];
  /** Present (true) when the workload follows a script, whose actions start the snapshots. */
  readonly scripted?: true;
  /** e.g. `lossy (markers), budget 1`; null on a reliable network. */
  readonly faults: string | null;
  readonly snapshots: number;
}

/** One check's outcome in every output: its status, and the length of its counterexample when violated. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly shortest: number | null;
}

/** Each check's outcome in a result, keyed by check in the order of CHECKS. */
export function checkOutcomes(r: Pick<VerifyResult, 'checks' | 'violations'>): Record<CheckName, CheckOutcome> {
  return Object.fromEntries(
    CHECKS.map((c) => [c, { status: r.checks[c], shortest: r.checks[c] === 'violated' ? (r.violations.find((v) => v.check === c)?.trace.steps.length ?? null) : null }]),
  ) as Record<CheckName, CheckOutcome>;
}

export interface VerifyResult {
  readonly model: ModelInfo;
  readonly verdict: Verdict;
  readonly checks: Readonly<Record<CheckName, CheckStatus>>;
  readonly facts: Facts;
  /** False when the search stopped early: facts then count only what was explored. */
  readonly factsComplete: boolean;
  readonly stats: Stats;
  readonly violations: readonly Violation[];
  /**
   * With the `example` option: a shortest run that completes a consistent snapshot, preferring one whose S* holds a
   * message in flight (the part of a snapshot worth seeing); null when no snapshot completed.
   */
  readonly example?: Trace | null;
  /** With the `cuts` option: every distinct recorded cut (see RecordedCut), by snapshot, then by witness length. */
  readonly cuts?: readonly RecordedCut[];
  /**
   * With several snapshots per execution: `each alone`, for a script that places them, each placed snapshot followed
   * by a search of its own (they overlap as placed; proofs/overlapping-snapshots.md); or `one after another`, each
   * starting once the one before it completed, in one search (`snapshots: K`, or a script run by an algorithm that
   * blocks channels, whose overlapping snapshots would hold each other up). Either way `facts` counts each distinct
   * cut once, whichever snapshots recorded it.
   */
  readonly snapshotRuns?: 'each alone' | 'one after another';
  /**
   * Each snapshot's facts, in snapshot order (with `each alone`, those not searched after a first violation are left
   * out; with `one after another`, those no execution reached are).
   */
  readonly perSnapshot?: readonly SnapshotRun[];
  /** A shard of a partitioned search (`VerifyOptions.shard`): what merging the shards needs. */
  readonly shard?: ShardPart;
}

/** What one shard of a partitioned search adds to the merge (check/shard.ts), besides its verdicts and violations. */
export interface ShardPart {
  readonly index: number;
  readonly count: number;
  /** The breadth-first level the shards split (null: none was large enough, and this shard searched everything). */
  readonly splitDepth: number | null;
  /** States down to and including that level, which every shard searches. */
  readonly prefixStates: number;
  /** States of that level left to other shards. */
  readonly skipped: number;
  /** Each distinct cut the shard saw: its fingerprint (16 hex digits), whether a run recorded it inconsistently, whether it lies in R. */
  readonly cuts: readonly { readonly fp: string; readonly bad: boolean; readonly inR: boolean }[];
  /** The visited states' fingerprints with their low 8 bits clear: a 1-in-256 sample, for the overlap between shards. */
  readonly sample: readonly string[];
}

/** One snapshot of the executions: its facts, and, when it was followed by a search of its own, that search's verdict. */
export interface SnapshotRun {
  readonly snapshot: number;
  /** Its own search's verdict (`each alone`); absent when the snapshots were searched together. */
  readonly verdict?: Verdict;
  readonly facts: Facts;
  readonly factsComplete: boolean;
  /** States its own search stored (`each alone`). */
  readonly productStates?: number;
}

/**
 * One distinct recorded cut: which snapshot recorded it, the cut as the implementation records it (local states
 * after the workload's `recorded` projection, the messages recorded in flight on each channel), and a run that
 * records it. Two cuts are the same when their snapshot and their projected contents are.
 */
export interface RecordedCut {
  /** The snapshot of the execution that recorded it: 0 for the first. */
  readonly snapshot: number;
  readonly cut: AppView<unknown, unknown>;
  /** No run the search found recording it had an orphan, phantom or lost message. */
  readonly consistent: boolean;
  /** Every recording of it the search found is a reachable application state (in R; judged on whole local states). */
  readonly reachable: boolean;
  /** The first run found that records it: it ends with the step that completes the snapshot. */
  readonly witness: Trace;
}
