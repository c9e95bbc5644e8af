// Finds the guilty message of an inconsistent snapshot by replaying the trace with message identities:
// which message was sent by whom, at which step, before or after its sender recorded, and what became of it.

import { bareApp, isControl, isPost } from '../network/message.ts';
import { stepA, stepB, stepKind, CRASH, DELIVER, FAULT, INITIATE, DUPLICATE_BIT } from '../system/step.ts';
import { FLAGS, LOST, ORPHAN, PHANTOM } from '../system/layout.ts';
import type { Viewer } from './view.ts';

interface Tracked {
  readonly id: number;
  readonly word: number;
  readonly channel: number;
  readonly sentAt: number; // the step that sent it (1-based)
}

/**
 * Whether `first` went onto its channel ahead of `second`, one of them a control message and the other not. Sent at
 * an earlier step, it did. On a FIFO channel one step's sends keep their order, and what is behind the message at
 * the head was sent after it. On an unordered channel the trace does not show one step's order, but the answer is
 * read only for a message sent before its sender recorded against a marker of the same step, or for a marker against
 * a message sent after the recording, and a process sends its markers as it records: the message, or the marker, went
 * first.
 */
function ahead(first: Tracked, second: Tracked, unordered: boolean): boolean {
  return first.sentAt < second.sentAt || (first.sentAt === second.sentAt && unordered);
}

/** When and why a process recorded its local state, as the trace shows it. */
export interface Recording {
  /** The step (1-based) after which the process had recorded. */
  readonly at: number;
  /** `initiated`: it started the snapshot itself; a number: the first marker arrived on that channel; `other`: another step. */
  readonly cause: 'initiated' | number | 'other';
}

/** What the trace says about the guilty message's channel and its two ends, up to the step that convicts it. */
export interface GuiltContext {
  readonly sender: Recording | null;
  readonly receiver: Recording | null;
  /** The step at which a marker arrived on the message's channel after its receiver recorded, if one had. */
  readonly markerAt: number | null;
  /** The marker that overtook it (or that it overtook): the steps at which that marker was sent and arrived. */
  readonly overtaker: { readonly sentAt: number; readonly at: number | null } | null;
}

/** The guilty message and its fate; `context.overtaker` says whether it and a marker swapped order on its channel. */
export type Guilt = (
  | { readonly kind: 'orphan'; readonly msg: Tracked; readonly at: number }
  | { readonly kind: 'phantom'; readonly msg: Tracked; readonly at: number }
  | { readonly kind: 'lost'; readonly msg: Tracked; readonly at: number | null }
) & { readonly context: GuiltContext };

/**
 * Replays states[0..] along codes and returns the first orphan, phantom or lost message, if any. states[0] is the
 * model's initial state, as every path starts: channels empty, and no process recorded.
 */
export function findGuilt(viewer: Viewer, states: readonly Int32Array[], codes: readonly number[], completed: boolean): Guilt | null {
  const sys = viewer.system;
  const L = sys.layout;
  const C = sys.channelCount;
  const unordered = sys.model.disciplines.map((d) => d === 'unordered');
  let nextId = 1;
  // Stryker disable next-line ArrayDeclaration: a path starts with its channels empty, so the first step neither delivers nor drops, and its alignment keeps nothing that is not a message (bareApp of a message is at least 256, of anything else 0)
  const queues: Tracked[][] = Array.from({ length: C }, () => []);
  /** Message id → the marker that overtook it (sent after it, delivered before it). */
  const overtaken = new Map<number, { sentAt: number; at: number }>();
  const recordings = new Array<Recording | null>(sys.model.topology.n).fill(null);
  const markerAt: (number | null)[] = Array.from({ length: C }, () => null);
  const context = (m: Tracked, overtaker: GuiltContext['overtaker']): GuiltContext => ({
    sender: recordings[sys.channelFrom(m.channel)] ?? null,
    receiver: recordings[sys.channelTo(m.channel)] ?? null,
    markerAt: markerAt[m.channel] as number | null,
    overtaker,
  });
  for (let i = 0; i < codes.length; i++) {
    const before = states[i] as Int32Array;
    const after = states[i + 1] as Int32Array;
    const code = codes[i] as number;
    let delivered: Tracked | undefined;
    if (stepKind(code) === DELIVER) [delivered] = (queues[stepA(code)] as Tracked[]).splice(stepB(code), 1);
    // A dropped message leaves the channel without being received: forget it.
    // Stryker disable next-line ConditionalExpression: a copy's position carries DUPLICATE_BIT (0x8000), past the end of any queue (capacity at most 256), so splicing there removes nothing
    if (stepKind(code) === FAULT && (stepB(code) & DUPLICATE_BIT) === 0) (queues[stepA(code)] as Tracked[]).splice(stepB(code), 1);
    // A crash wipes every channel: what the checkpoint puts back is new.
    if (stepKind(code) === CRASH) for (const q of queues) q.splice(0);
    let overtook: { sentAt: number; at: number | null } | null = null;
    if (delivered !== undefined) {
      const d = delivered;
      const rest = queues[d.channel] as Tracked[];
      const anyOrder = unordered[d.channel] as boolean;
      if (isControl(d.word)) {
        for (const m of rest) if (!isControl(m.word) && ahead(m, d, anyOrder) && !overtaken.has(m.id)) overtaken.set(m.id, { sentAt: d.sentAt, at: i + 1 });
      } else {
        const marker = rest.find((m) => isControl(m.word) && ahead(m, d, anyOrder));
        if (marker !== undefined) overtook = { sentAt: marker.sentAt, at: null };
      }
    }
    // Who recorded at this step, and why; who starts over for the next snapshot.
    // Stryker disable next-line EqualityOperator: one past the end records a process that does not exist, which nothing reads
    for (let p = 0; p < recordings.length; p++) {
      const was = (before[L.rec + p] as number) >= 0;
      const is = (after[L.rec + p] as number) >= 0;
      if (!was && is) {
        // One step changes one process's state: the initiator's, or the receiver's of a delivery.
        const marker = delivered !== undefined && isControl(delivered.word);
        recordings[p] = { at: i + 1, cause: stepKind(code) === INITIATE ? 'initiated' : marker ? (delivered as Tracked).channel : 'other' };
        // Stryker disable next-line EqualityOperator: one past the end clears a channel that does not exist
        for (let c = 0; c < C; c++) if (sys.channelTo(c) === p) markerAt[c] = null;
      } else if (was && !is) recordings[p] = null;
    }
    // The first marker on a channel since its receiver recorded (one that arrives earlier is forgotten when it records).
    if (delivered !== undefined && isControl(delivered.word) && recordings[sys.channelTo(delivered.channel)] !== null)
      markerAt[delivered.channel] ??= i + 1;
    // Align each queue with its new contents: what is not carried over was sent by this step.
    for (let c = 0; c < C; c++) {
      const old = queues[c] as Tracked[];
      const words = sys.queueWords(after, c);
      const aligned: Tracked[] = [];
      let j = 0;
      for (const w of words) {
        const o = old[j];
        // A completed snapshot clears colours (settle): the same message, recoloured for the next snapshot.
        if (o !== undefined && (o.word === w || (!isControl(w) && bareApp(o.word) === bareApp(w)))) {
          aligned.push({ ...o, word: w });
          j++;
        } else aligned.push({ id: nextId++, word: w, channel: c, sentAt: i + 1 });
      }
      queues[c] = aligned;
    }
    // The delivery's fate as the system judged it when the message arrived (after the algorithm's receive handler,
    // before the workload and its after handler): the flag the step raised. A guilty step ends the search, so the
    // flags before it are clear.
    if (delivered !== undefined && !isControl(delivered.word)) {
      const d = delivered;
      const raised = (after[FLAGS] as number) & ~(before[FLAGS] as number);
      if ((raised & ORPHAN) !== 0) return { kind: 'orphan', msg: d, at: i + 1, context: context(d, overtook) };
      if ((raised & PHANTOM) !== 0) return { kind: 'phantom', msg: d, at: i + 1, context: context(d, overtook) };
      if ((raised & LOST) !== 0) return { kind: 'lost', msg: d, at: i + 1, context: context(d, overtaken.get(d.id) ?? null) };
    }
  }
  if (completed)
    for (const q of queues)
      for (const m of q)
        if (!isControl(m.word) && !isPost(m.word)) {
          return { kind: 'lost', msg: m, at: null, context: context(m, overtaken.get(m.id) ?? null) };
        }
  return null;
}

/** Why a process recorded, as a clause: "at step 4, when the marker on P2→P1 arrived". */
function recordedWhy(viewer: Viewer, r: Recording): string {
  // findGuilt notes a recording after the step that made it, so none is at step 0.
  const when = `at step ${r.at}`;
  if (r.cause === 'initiated') return `${when}, starting the snapshot itself`;
  if (r.cause === 'other') return when;
  const name = viewer.controlName();
  return `${when}, when ${name === 'marker' ? 'the first marker' : `a ${name}`} arrived, on ${viewer.channel(r.cause)}`;
}

/** The guilty message's story, every sentence read off the trace. */
export function describeGuilt(viewer: Viewer, g: Guilt): string {
  const c = g.msg.channel;
  const from = viewer.process(viewer.system.channelFrom(c));
  const to = viewer.process(viewer.system.channelTo(c));
  const what = `message #${g.msg.id} (${viewer.word(g.msg.word)} on ${viewer.channel(c)}, sent at step ${g.msg.sentAt})`;
  return `${body(viewer, g, what, from, to)}${story(viewer, g)}`;
}

/** What happened on the channel between the message and a marker, when they swapped order. */
function story(viewer: Viewer, g: Guilt): string {
  const ch = viewer.channel(g.msg.channel);
  const o = g.context.overtaker;
  if (o === null) return '';
  const name = viewer.controlName();
  if (g.kind !== 'lost') return ` It arrived before the ${name} sent ahead of it on ${ch} at step ${o.sentAt}.`;
  // Stryker disable next-line StringLiteral: a lost message's overtaker comes from the steps' record of overtakes, which always holds the step it arrived at
  const arrived = o.at ?? '?';
  return ` The ${name} on ${ch} was sent after it, at step ${o.sentAt}, but arrived first, at step ${arrived}.`;
}

function body(viewer: Viewer, g: Guilt, what: string, from: string, to: string): string {
  const sender = g.context.sender;
  const senderRecorded = sender === null ? '' : ` (${from} recorded ${recordedWhy(viewer, sender)})`;
  switch (g.kind) {
    case 'orphan':
      return `${what} was sent by ${from} after ${from} recorded${senderRecorded}, and received by ${to} at step ${g.at} before ${to} recorded: the cut shows it received but never sent (an orphan).`;
    case 'phantom':
      return `${what} was sent by ${from} after ${from} recorded${senderRecorded}, yet ${to} recorded it as in flight on ${viewer.channel(g.msg.channel)} at step ${g.at}: the cut shows it in the channel but never sent (a phantom).`;
    case 'lost':
      return `${what} was sent by ${from} before ${from} recorded${senderRecorded}, but ${lostFate(viewer, g, to)}`;
  }
}

/** What became of a lost message: still in flight at the end, or received after its receiver recorded. */
function lostFate(viewer: Viewer, g: Guilt, to: string): string {
  const ch = viewer.channel(g.msg.channel);
  const { receiver, markerAt } = g.context;
  const name = viewer.controlName();
  const lost = 'the cut shows it sent but never received (lost).';
  const inFlight = `it was still in flight when the snapshot completed, so neither ${to}'s recorded state nor the recorded state of ${ch} holds it: ${lost}`;
  // Stryker disable next-line ConditionalExpression: a message is lost once its receiver has recorded (at the end of the path, every process has), so receiver is never null here
  if (receiver === null) return inFlight;
  const channelState =
    markerAt === null
      ? `no ${name} had arrived on ${ch}, yet its recorded state did not take the message`
      : markerAt === receiver.at
        ? `${ch} was recorded as empty when that ${name} arrived`
        : `the ${name} on ${ch} had arrived at step ${markerAt}, closing its recording`;
  const why = recordedWhy(viewer, receiver);
  return g.at === null
    ? `${inFlight} ${to} recorded ${why}; ${channelState}.`
    : `${to} received it at step ${g.at}, after ${to} had recorded ${why}, and ${channelState}: ${lost}`;
}
