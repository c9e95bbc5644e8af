// The space-time picture of a trace, as data every renderer draws: one line per process, an event per step,
// each message from its send to its delivery (or drop, or still in flight), the recording points and the cut.

import { channelLabel, processLabel, type TraceDoc, type TraceRun } from '../trace/document.ts';

export interface TimelineEvent {
  readonly step: number;
  /** The process the step happens at, or null for the network (drops, duplicates) and for a crash of the whole job. */
  readonly process: number | null;
  readonly kind: 'act' | 'deliver' | 'initiate' | 'drop' | 'duplicate' | 'crash' | 'internal';
  readonly text: string;
  readonly effects: readonly string[];
  readonly completes: boolean;
  /** A crash: the checkpoint it restores (0 = the first), null for a restart from the beginning, undefined if the trace does not say. */
  readonly restores?: number | null;
}

/** An input its receiver blocked (barrier alignment): what arrives on it waits from step `from` until step `to`. */
export interface BlockedBand {
  /** The receiver, on whose line the band is drawn. */
  readonly process: number;
  readonly channel: string;
  readonly from: number;
  /** The step that unblocked it, or null if it is still blocked at the end. */
  readonly to: number | null;
}

export interface TimelineMessage {
  readonly id: number;
  readonly kind: 'app' | 'marker';
  readonly text: string;
  readonly from: number;
  readonly to: number;
  readonly channel: string;
  /** Step that sent it (0 = in flight from the start). */
  readonly sentAt: number;
  /** Step that delivered or dropped it, or null if still in flight at the end. */
  readonly endAt: number | null;
  readonly end: 'delivered' | 'dropped' | 'crashed' | null;
  readonly post: boolean;
  readonly guilty: boolean;
  /**
   * A marker delivered after its receiver recorded that closes its channel as empty, on a channel other than the
   * guilty message's: routine traffic, which pictures fade so that the cut, the guilty message and the application
   * messages stand out.
   */
  readonly afterCut: boolean;
}

export interface RecordPoint {
  readonly process: number;
  readonly step: number;
  readonly state: string;
  /** Index of the snapshot (0 = first) this recording belongs to. */
  readonly snapshot: number;
}

export interface Timeline {
  readonly title: string;
  readonly processes: readonly string[];
  readonly steps: number;
  readonly events: readonly TimelineEvent[];
  readonly messages: readonly TimelineMessage[];
  readonly records: readonly RecordPoint[];
  /** Every interval in which an input was blocked, in order of its start. */
  readonly blocked: readonly BlockedBand[];
  /** The recording points of the snapshot the trace is about (the last one started), one per process that recorded. */
  readonly cut: readonly RecordPoint[];
  /** The step that completed that snapshot, if it completed. */
  readonly completedAt: number | null;
  readonly verdict: string | null;
  readonly guilty: Guilty | null;
  /** S*, the recorded global state, once the snapshot completed: every process and every channel, empty ones included. */
  readonly recorded: RecordedState | null;
}

/** The message the violation blames, and what the recorded cut should have held instead. */
export interface Guilty {
  readonly message: number;
  readonly kind: 'orphan' | 'phantom' | 'lost';
  /** e.g. `should be in S*(P0→P1): $1`. */
  readonly should: string;
}

export interface RecordedState {
  readonly processes: readonly { readonly process: number; readonly name: string; readonly state: string }[];
  readonly channels: readonly { readonly from: number; readonly to: number; readonly name: string; readonly messages: readonly string[] }[];
}

/** A recorded channel's messages as text: `[M(4)]`, or `(empty)`. */
export const channelContents = (messages: readonly string[]): string => (messages.length === 0 ? '(empty)' : `[${messages.join(', ')}]`);

/** What the cut should have held, given how the violation blames the message. */
function shouldHold(kind: Guilty['kind'], m: { readonly text: string; readonly channel: string }, to: string): string {
  switch (kind) {
    case 'lost':
      return `should be in S*(${m.channel}): ${m.text}`;
    case 'phantom':
      return `should not be in S*(${m.channel}): ${m.text}`;
    case 'orphan':
      return `should not be received in S*(${to}): ${m.text}`;
  }
}

export function timeline(doc: TraceDoc, run: TraceRun): Timeline {
  const n = doc.model.processes.length;
  const events: TimelineEvent[] = [];
  const messages = new Map<number, { m: Omit<TimelineMessage, 'endAt' | 'end' | 'afterCut'>; endAt: number | null; end: TimelineMessage['end'] }>();
  const markerSnapshot = new Map<number, number>();
  const records: RecordPoint[] = [];
  const guiltyId = run.violation?.guilty?.message ?? null;
  run.states.forEach((s, i) => {
    const prev = i === 0 ? null : run.states[i - 1];
    const step = s.step;
    if (step !== null) {
      const spec = step.spec;
      const process = spec.kind === 'act' || spec.kind === 'initiate' || spec.kind === 'internal' ? spec.process : spec.kind === 'deliver' ? spec.to : null;
      const restores = spec.kind === 'crash' && spec.checkpoint !== undefined ? { restores: spec.checkpoint } : {};
      events.push({ step: i, process, kind: spec.kind, text: step.text, effects: step.effects, completes: step.completes, ...restores });
    }
    const present = new Set<number>();
    s.channels.forEach((c) =>
      c.messages.forEach((m) => {
        present.add(m.id);
        if (messages.has(m.id)) return;
        if (m.snapshot !== undefined) markerSnapshot.set(m.id, m.snapshot);
        messages.set(m.id, {
          m: { id: m.id, kind: m.kind, text: m.text, from: c.from, to: c.to, channel: channelLabel(doc, c), sentAt: i, post: m.post === true, guilty: m.id === guiltyId },
          endAt: null,
          end: null,
        });
      }),
    );
    for (const [id, entry] of messages)
      if (entry.endAt === null && entry.m.sentAt < i && !present.has(id)) {
        entry.endAt = i;
        // A crash wipes every channel; what it restores is drawn as sent afresh at the crash.
        entry.end = step?.spec.kind === 'drop' ? 'dropped' : step?.spec.kind === 'crash' ? 'crashed' : 'delivered';
      }
    s.processes.forEach((p, k) => {
      // States are kept as each step left them: the one that completes a snapshot still holds its recordings.
      const fresh = prev === null || prev === undefined || prev.step?.completes === true || prev.processes[k]?.recorded === null;
      if (p.recorded !== null && fresh) records.push({ process: k, step: i, state: p.recorded.text, snapshot: s.snapshots });
    });
  });
  const blocked: BlockedBand[] = [];
  const open = new Map<number, number>();
  run.states.forEach((s, i) =>
    s.channels.forEach((c, k) => {
      const since = open.get(k);
      if (c.blocked === true && since === undefined) open.set(k, i);
      if (c.blocked !== true && since !== undefined) {
        blocked.push({ process: c.to, channel: channelLabel(doc, c), from: since, to: i });
        open.delete(k);
      }
    }),
  );
  for (const [k, since] of open) {
    const c = run.states[0]?.channels[k];
    if (c !== undefined) blocked.push({ process: c.to, channel: channelLabel(doc, c), from: since, to: null });
  }
  blocked.sort((a, b) => a.from - b.from || a.process - b.process);
  const lastSnapshot = records.reduce((m, r) => Math.max(m, r.snapshot), -1);
  const cut = records.filter((r) => r.snapshot === lastSnapshot);
  const completing = run.states.findIndex((s) => s.step?.completes === true && s.snapshots === lastSnapshot);
  const done = completing < 0 ? null : run.states[completing];
  const recorded: RecordedState | null =
    done === undefined || done === null
      ? null
      : {
          processes: done.processes.map((p, k) => ({ process: k, name: processLabel(doc, k), state: p.recorded?.text ?? '—' })),
          channels: done.channels.map((c) => ({ from: c.from, to: c.to, name: channelLabel(doc, c), messages: c.recorded.map((r) => r.text) })),
        };
  const v = run.violation;
  const all = [...messages.values()].map((e) => ({ ...e.m, endAt: e.endAt, end: e.end }));
  const blamed = all.find((m) => m.guilty);
  const recordedAt = (p: number): number | undefined => cut.find((r) => r.process === p)?.step;
  const afterCut = (m: (typeof all)[number]): boolean => {
    const at = recordedAt(m.to);
    const onGuiltyChannel = blamed !== undefined && blamed.from === m.from && blamed.to === m.to;
    // A marker of an earlier snapshot arriving late is no routine traffic (taking it for the current one is a bug).
    const current = (markerSnapshot.get(m.id) ?? lastSnapshot) === lastSnapshot;
    const closed = run.states[m.endAt ?? run.states.length - 1]?.channels.find((c) => c.from === m.from && c.to === m.to);
    const empty = closed === undefined || closed.recorded.length === 0;
    return m.kind === 'marker' && current && empty && at !== undefined && (m.endAt ?? Infinity) > at && !onGuiltyChannel;
  };
  return {
    title: `${doc.model.name}: ${doc.model.workload} on ${doc.model.topology}, ${doc.model.channels} channels`,
    processes: Array.from({ length: n }, (_, p) => processLabel(doc, p)),
    steps: run.states.length - 1,
    events,
    messages: all.map((m) => ({ ...m, afterCut: afterCut(m) })),
    records,
    blocked,
    cut,
    completedAt: completing < 0 ? null : completing,
    verdict: v === null ? null : `✗ ${v.check}`,
    guilty:
      v?.guilty === undefined
        ? null
        : {
            message: v.guilty.message,
            kind: v.guilty.kind,
            should: blamed === undefined ? `message #${v.guilty.message} is ${v.guilty.kind}` : shouldHold(v.guilty.kind, blamed, processLabel(doc, blamed.to)),
          },
    recorded,
  };
}
