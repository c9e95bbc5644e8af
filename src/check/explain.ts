// Finds the guilty message of an inconsistent snapshot by replaying the trace with message identities:
// which message was sent by whom, at which step, before or after its sender recorded, and what became of it.

import { bareApp, isControl, isPost } from '../network/message.ts';
import { stepA, stepB, stepKind, CRASH, DELIVER, FAULT, INITIATE, DUPLICATE_BIT } from '../system/step.ts';
import type { Viewer } from './view.ts';

interface Tracked {
  readonly id: number;
  readonly word: number;
  readonly channel: number;
  readonly sentAt: number; // step index, 0 = initially in flight
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
  let nextId = 1;
  const queues: Tracked[][] = Array.from({ length: C }, () => []);
  /** Message id → the marker that overtook it (sent after it, delivered before it). */
  const overtaken = new Map<number, { sentAt: number; at: number }>();
  const recordings = new Array<Recording | null>(sys.model.topology.n).fill(null);
  const markerAt = new Array<number | null>(C).fill(null);
  const context = (m: Tracked, overtaker: GuiltContext['overtaker']): GuiltContext => ({
    sender: recordings[sys.channelFrom(m.channel)] ?? null,
    receiver: recordings[sys.channelTo(m.channel)] ?? null,
    markerAt: markerAt[m.channel] ?? null,
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
      if (isControl(d.word)) for (const m of rest) if (!isControl(m.word) && m.sentAt < d.sentAt && !overtaken.has(m.id)) overtaken.set(m.id, { sentAt: d.sentAt, at: i + 1 });
      if (!isControl(d.word)) {
        const marker = rest.find((m) => isControl(m.word) && m.sentAt < d.sentAt);
        if (marker !== undefined) overtook = { sentAt: marker.sentAt, at: null };
      }
    }
    // Who recorded at this step, and why; who starts over for the next snapshot.
    // Stryker disable next-line EqualityOperator: one past the end records a process that does not exist, which nothing reads
    for (let p = 0; p < recordings.length; p++) {
      const was = (before[L.rec + p] as number) >= 0;
      const is = (after[L.rec + p] as number) >= 0;
      if (!was && is) {
        const marker = delivered !== undefined && isControl(delivered.word) && sys.channelTo(delivered.channel) === p;
        recordings[p] = { at: i + 1, cause: stepKind(code) === INITIATE && stepA(code) === p ? 'initiated' : marker ? (delivered as Tracked).channel : 'other' };
        // Stryker disable next-line EqualityOperator: one past the end clears a channel that does not exist
        for (let c = 0; c < C; c++) if (sys.channelTo(c) === p) markerAt[c] = null;
      } else if (was && !is) recordings[p] = null;
    }
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
          aligned.push(o.word === w ? o : { ...o, word: w });
          j++;
        } else aligned.push({ id: nextId++, word: w, channel: c, sentAt: i + 1 });
      }
      queues[c] = aligned;
    }
    if (delivered !== undefined && !isControl(delivered.word)) {
      const d = delivered;
      const c = d.channel;
      const to = sys.channelTo(c);
      const recorded = (after[L.rec + to] as number) >= 0;
      const appended = (after[L.recordedQueue(c)] as number) > (before[L.recordedQueue(c)] as number);
      const post = isPost(d.word);
      if (post && !recorded) return { kind: 'orphan', msg: d, at: i + 1, context: context(d, overtook) };
      if (post && appended) return { kind: 'phantom', msg: d, at: i + 1, context: context(d, overtook) };
      if (!post && recorded && !appended) {
        return { kind: 'lost', msg: d, at: i + 1, context: context(d, overtaken.get(d.id) ?? null) };
      }
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
  // Stryker disable next-line StringLiteral: findGuilt notes a recording after the step that made it (i + 1), so none is at step 0; the other literal is the common case, which every story tells
  const when = r.at === 0 ? 'from the start' : `at step ${r.at}`;
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
  return g.kind === 'lost'
    // Stryker disable next-line StringLiteral: a lost message's overtaker comes from `overtaken`, which always holds the step it arrived at, so '?' is never shown
    ? ` The ${name} on ${ch} was sent after it, at step ${o.sentAt}, but arrived first, at step ${o.at ?? '?'}.`
    : ` It arrived before the ${name} sent ahead of it on ${ch} at step ${o.sentAt}.`;
}

function body(viewer: Viewer, g: Guilt, what: string, from: string, to: string): string {
  const ch = viewer.channel(g.msg.channel);
  const { sender, receiver, markerAt } = g.context;
  const name = viewer.controlName();
  const senderRecorded = sender === null ? '' : ` (${from} recorded ${recordedWhy(viewer, sender)})`;
  const channelState =
    markerAt !== null
      ? receiver !== null && receiver.cause === g.msg.channel && markerAt === receiver.at
        ? `${ch} was recorded as empty when that ${name} arrived`
        : `the ${name} on ${ch} had arrived at step ${markerAt}, closing its recording`
      : `no ${name} had arrived on ${ch}, yet its recorded state did not take the message`;
  switch (g.kind) {
    case 'orphan':
      return `${what} was sent by ${from} after ${from} recorded${senderRecorded}, and received by ${to} at step ${g.at} before ${to} recorded: the cut shows it received but never sent (an orphan).`;
    case 'phantom':
      return `${what} was sent by ${from} after ${from} recorded${senderRecorded}, yet ${to} recorded it as in flight on ${ch} at step ${g.at}: the cut shows it in the channel but never sent (a phantom).`;
    case 'lost': {
      // Stryker disable next-line StringLiteral: the path ends where the snapshot completed, when every process (the receiver too) has recorded, so rec is never ''
      const rec = receiver === null ? '' : ` ${to} recorded ${recordedWhy(viewer, receiver)}; ${channelState}.`;
      return g.at === null
        ? `${what} was sent by ${from} before ${from} recorded${senderRecorded}, but it was still in flight when the snapshot completed, so neither ${to}'s recorded state nor the recorded state of ${ch} holds it: the cut shows it sent but never received (lost).${rec}`
        // Stryker disable next-line ConditionalExpression,StringLiteral: a message convicted as lost at a step arrived after its receiver recorded, so receiver is never null here
        : `${what} was sent by ${from} before ${from} recorded${senderRecorded}, but ${to} received it at step ${g.at}, after ${to} had recorded ${receiver === null ? '' : recordedWhy(viewer, receiver)}, and ${channelState}: the cut shows it sent but never received (lost).`;
    }
  }
}
