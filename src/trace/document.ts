// A trace as data, independent of any model: the identity of the model it came from, its editable step list, and
// every state along it (raw values beside their text, messages with identities). Files, pictures and replay use it.

import type { CutView } from '../check/result.ts';
import type { ChannelPhase } from '../snapshot/api.ts';
import type { CheckName } from '../check/result.ts';
import type { StepSpec } from '../system/step-spec.ts';

/** Enough to know which model a trace belongs to, and to notice when that model has changed. */
export interface ModelIdentity {
  readonly name: string;
  /** Process names, P0, P1, ... unless the model names them. */
  readonly processes: readonly string[];
  readonly topology: string;
  readonly workload: string;
  readonly channels: string;
  readonly algorithm: string;
  readonly initiators: readonly number[];
  readonly snapshots: number;
  /** The placed snapshot of a script the trace follows alone (`algorithm.track`): a replay follows it too. */
  readonly track?: number;
  /** sha256 (hex, first 16 digits) of the model's structure, initial states and initially enabled actions. */
  readonly fingerprint: string;
}

/** How to build the model again: the model file (if any) and the command-line options that shaped it. */
export interface Rebuild {
  readonly file?: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export interface TraceMessage {
  /** Numbered in order of sending, as the report's "message #N"; a duplicate gets a new number. */
  readonly id: number;
  readonly kind: 'app' | 'marker';
  readonly text: string;
  readonly payload?: unknown;
  readonly post?: boolean;
  readonly snapshot?: number;
}

export interface ProcessState {
  readonly local: unknown;
  readonly text: string;
  readonly recorded: { readonly value: unknown; readonly text: string } | null;
}

export interface ChannelState {
  readonly from: number;
  readonly to: number;
  readonly ordered: boolean;
  readonly messages: readonly TraceMessage[];
  readonly phase: ChannelPhase;
  /** Its receiver holds back what arrives on it (barrier alignment); written only when true. */
  readonly blocked?: boolean;
  readonly recorded: readonly { readonly value: unknown; readonly text: string }[];
}

/** What led to a state: the step as the list holds it, its text and its effects. */
export interface StepTaken {
  readonly spec: StepSpec;
  readonly text: string;
  readonly effects: readonly string[];
  /** This step completed a snapshot. */
  readonly completes: boolean;
}

export interface TraceState {
  /** null for the initial state. */
  readonly step: StepTaken | null;
  readonly processes: readonly ProcessState[];
  readonly channels: readonly ChannelState[];
  readonly snapshots: number;
}

/** The violation a trace shows, as recorded when it was written. */
export interface ViolationRecord {
  readonly check: CheckName;
  /** check|state-or-cut|predicate|kind: what "the same violation" means on replay and minimisation. */
  readonly signature: string;
  readonly explanation: string;
  readonly cut?: CutView;
  /** The message the explanation blames, by id, if there is one. */
  readonly guilty?: { readonly message: number; readonly kind: 'orphan' | 'phantom' | 'lost' };
}

/** One execution: its steps and the states along them (states[0] initial, states[i] after step i). */
export interface TraceRun {
  readonly steps: readonly StepSpec[];
  readonly states: readonly TraceState[];
  readonly violation: ViolationRecord | null;
}

/** What minimisation did, in numbers and in one honest sentence. */
export interface Minimisation {
  readonly shrunk: boolean;
  readonly note: string;
  readonly before: TraceSize;
  readonly after: TraceSize;
  readonly tried: number;
}

/** What minimisation makes smaller, most important first. */
export interface TraceSize {
  readonly steps: number;
  readonly messages: number;
  readonly processes: number;
}

export interface TraceDoc extends TraceRun {
  readonly model: ModelIdentity;
  readonly rebuild: Rebuild | null;
  /** Channel capacity the trace was found with. */
  readonly capacity: number;
  readonly minimisation?: Minimisation;
  /** The search's own trace, when this one is its minimised form. */
  readonly original?: TraceRun;
}

/** The run a reader asked for: the minimised one (default) or the search's original. */
export const runOf = (doc: TraceDoc, original: boolean): TraceRun => (original && doc.original !== undefined ? doc.original : doc);

export const processLabel = (doc: TraceDoc, p: number): string => doc.model.processes[p] ?? `P${p}`;
export const channelLabel = (doc: TraceDoc, c: { readonly from: number; readonly to: number }): string =>
  `${processLabel(doc, c.from)}→${processLabel(doc, c.to)}`;
