// Finds the guilty message of an inconsistent snapshot by replaying the trace with message identities:
// which message was sent by whom, at which step, before or after its sender recorded, and what became of it.

import { bareApp, isControl, isPost } from '../network/message.ts';
import { stepA, stepB, stepKind, DELIVER, FAULT, DUPLICATE_BIT } from '../system/step.ts';
import type { Viewer } from './view.ts';

interface Tracked {
  readonly id: number;
  readonly word: number;
  readonly channel: number;
  readonly sentAt: number; // step index, 0 = initially in flight
}

/** `overtaking`: on its channel, this message and a marker were delivered in the opposite order to the one they were sent in. */
export type Guilt =
  | { readonly kind: 'orphan'; readonly msg: Tracked; readonly at: number; readonly overtaking: boolean }
  | { readonly kind: 'phantom'; readonly msg: Tracked; readonly at: number; readonly overtaking: boolean }
  | { readonly kind: 'lost'; readonly msg: Tracked; readonly at: number | null; readonly overtaking: boolean };

/** Replays states[0..] along codes and returns the first orphan, phantom or lost message, if any. */
export function findGuilt(viewer: Viewer, states: readonly Int32Array[], codes: readonly number[], completed: boolean): Guilt | null {
  const sys = viewer.system;
  const L = sys.layout;
  const C = sys.channelCount;
  let nextId = 1;
  const queues: Tracked[][] = Array.from({ length: C }, (_, c) =>
    sys.queueWords(states[0] as Int32Array, c).map((word) => ({ id: nextId++, word, channel: c, sentAt: 0 })),
  );
  const overtaken = new Set<number>();
  for (let i = 0; i < codes.length; i++) {
    const before = states[i] as Int32Array;
    const after = states[i + 1] as Int32Array;
    const code = codes[i] as number;
    let delivered: Tracked | undefined;
    if (stepKind(code) === DELIVER) [delivered] = (queues[stepA(code)] as Tracked[]).splice(stepB(code), 1);
    // A dropped message leaves the channel without being received: forget it.
    if (stepKind(code) === FAULT && (stepB(code) & DUPLICATE_BIT) === 0) (queues[stepA(code)] as Tracked[]).splice(stepB(code), 1);
    let overtook = false;
    if (delivered !== undefined) {
      const d = delivered;
      const rest = queues[d.channel] as Tracked[];
      if (isControl(d.word)) for (const m of rest) if (!isControl(m.word) && m.sentAt < d.sentAt) overtaken.add(m.id);
      if (!isControl(d.word)) overtook = rest.some((m) => isControl(m.word) && m.sentAt < d.sentAt);
    }
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
      const c = delivered.channel;
      const to = sys.channelTo(c);
      const recorded = (after[L.rec + to] as number) >= 0;
      const appended = (after[L.recordedQueue(c)] as number) > (before[L.recordedQueue(c)] as number);
      const post = isPost(delivered.word);
      if (post && !recorded) return { kind: 'orphan', msg: delivered, at: i + 1, overtaking: overtook };
      if (post && appended) return { kind: 'phantom', msg: delivered, at: i + 1, overtaking: overtook };
      if (!post && recorded && !appended) return { kind: 'lost', msg: delivered, at: i + 1, overtaking: overtaken.has(delivered.id) };
    }
  }
  if (completed)
    for (const q of queues)
      for (const m of q) if (!isControl(m.word) && !isPost(m.word)) return { kind: 'lost', msg: m, at: null, overtaking: overtaken.has(m.id) };
  return null;
}

export function describeGuilt(viewer: Viewer, g: Guilt): string {
  const c = g.msg.channel;
  const from = viewer.process(viewer.system.channelFrom(c));
  const to = viewer.process(viewer.system.channelTo(c));
  const what = `message #${g.msg.id} (${viewer.word(g.msg.word)} on ${viewer.channel(c)}, sent at step ${g.msg.sentAt})`;
  const story = g.overtaking
    ? g.kind === 'lost'
      ? ` The marker sent after it on ${viewer.channel(c)} overtook it, so ${to} recorded, and the channel closed, before it arrived.`
      : ` It overtook the marker sent before it on ${viewer.channel(c)}.`
    : '';
  return `${body(viewer, g, what, from, to)}${story}`;
}

function body(viewer: Viewer, g: Guilt, what: string, from: string, to: string): string {
  const c = g.msg.channel;
  switch (g.kind) {
    case 'orphan':
      return `${what} was sent by ${from} after ${from} recorded, and received by ${to} at step ${g.at} before ${to} recorded: the cut shows it received but never sent (an orphan).`;
    case 'phantom':
      return `${what} was sent by ${from} after ${from} recorded, yet ${to} recorded it as in flight on ${viewer.channel(c)} at step ${g.at}: the cut shows it in the channel but never sent (a phantom).`;
    case 'lost':
      return g.at === null
        ? `${what} was sent by ${from} before ${from} recorded, but it was still in flight when the snapshot completed, so neither ${to}'s recorded state nor the recorded state of ${viewer.channel(c)} holds it: the cut shows it sent but never received (lost).`
        : `${what} was sent by ${from} before ${from} recorded, but ${to} received it at step ${g.at} after recording and after ${viewer.channel(c)} had stopped recording: the cut shows it sent but never received (lost).`;
  }
}
