// Decodes state vectors and steps into readable views: text for values (with the raw values beside it), names for
// processes and channels.

import type { Model } from '../model/types.ts';
import { processName, channelName } from '../model/types.ts';
import type { ProductSystem } from '../system/system.ts';
import type { MessageView, Step } from '../system/step.ts';
import type { CutView, MessageText, StateView } from '../check/result.ts';
import { describeThrown, jsonText } from '../errors.ts';

/** A value's default text: itself if a string, else its JSON; never throws (a BigInt or a cycle falls back to String). */
const plain = (v: unknown): string => (typeof v === 'string' ? v : jsonText(v));

/** A value through the workload's own `show`, which may throw (user code): then its default text, marked as such. */
function shown(show: ((v: never) => string) | undefined, v: unknown): string {
  if (show === undefined) return plain(v);
  try {
    const text: unknown = (show as (x: unknown) => unknown)(v);
    // Stryker disable next-line ConditionalExpression,StringLiteral: plain gives a string back as itself, so sending every text through it changes nothing
    return typeof text === 'string' ? text : plain(text);
  } catch (e) {
    return `${plain(v)} (show threw: ${describeThrown(e)})`;
  }
}

export class Viewer {
  constructor(readonly system: ProductSystem) {}

  get model(): Model {
    return this.system.model;
  }

  local(id: number): string {
    return shown(this.model.workload.show?.local, this.system.table.locals.values[id]);
  }

  payload(id: number): string {
    return shown(this.model.workload.show?.message, this.system.table.payloads.values[id]);
  }

  /** A message's text: the workload's for application messages (with what the algorithm piggybacked), the algorithm's for control messages. */
  message(m: MessageView): string {
    const show = this.model.algorithm.impl.show;
    // A control message without a payload is a marker, unless the algorithm names it (a barrier, say).
    if (m.kind === 'marker') {
      const text = m.payload === undefined && show?.control === undefined ? 'marker' : shown(show?.control?.bind(show), m.payload ?? null);
      // Following one of several overlapping snapshots: say whose marker it is.
      return this.model.algorithm.track === undefined ? text : `${text} ${m.snapshot}`;
    }
    const text = this.payloadText(m.payload);
    const carried = m.piggyback === undefined ? text : `${text} (${shown(show?.piggyback?.bind(show), m.piggyback)})`;
    return m.restored === true ? `${carried} (restored)` : carried;
  }

  /**
   * What the algorithm calls its control message without a payload: `marker`, or its own name (`barrier`); with the
   * id of the snapshot followed, when the model follows one (`marker 1`), as its messages are written.
   */
  controlName(): string {
    return this.message({ kind: 'marker', snapshot: this.model.algorithm.track ?? 0 });
  }

  private payloadText(value: unknown): string {
    return shown(this.model.workload.show?.message, value);
  }

  process(p: number): string {
    return processName(this.model.topology, p);
  }

  channel(c: number): string {
    const ch = this.model.topology.channels[c];
    return ch === undefined ? `channel ${c}` : channelName(this.model.topology, ch);
  }

  step(s: Step): string {
    switch (s.kind) {
      case 'act':
        return `${this.process(s.process)}: ${s.label}`;
      case 'deliver':
        return `${this.process(s.to)} receives ${this.message(s.message)} on ${this.channel(s.channel)}`;
      case 'initiate':
        return `${this.process(s.process)} initiates the snapshot`;
      case 'drop':
        return `the network drops ${this.message(s.message)} on ${this.channel(s.channel)}`;
      case 'duplicate':
        return `the network duplicates ${this.message(s.message)} on ${this.channel(s.channel)}`;
      case 'internal':
        return `${this.process(s.process)} ${s.label}`;
      case 'crash':
        return s.checkpoint === null
          ? 'the job crashes and restarts from the beginning (no checkpoint has completed)'
          : `the job crashes and restores checkpoint ${s.checkpoint + 1}`;
    }
  }

  state(vec: Int32Array): StateView {
    const sys = this.system;
    const L = sys.layout;
    const t = this.model.topology;
    const table = sys.table;
    return {
      processes: Array.from({ length: t.n }, (_, p) => {
        const local = vec[L.local + p] as number;
        const rec = vec[L.rec + p] as number;
        return {
          name: this.process(p),
          local: this.local(local),
          recorded: rec >= 0 ? this.local(rec) : null,
          localValue: table.locals.values[local],
          ...(rec >= 0 ? { recordedValue: table.locals.values[rec] } : {}),
        };
      }),
      channels: t.channels.map((c, i) => {
        const recorded = sys.recordedPayloads(vec, i);
        return {
          name: this.channel(i),
          from: c.from,
          to: c.to,
          ordered: this.model.disciplines[i] === 'fifo',
          messages: sys.queueWords(vec, i).map((w): MessageText => {
            const m = sys.messageView(w);
            return m.kind === 'marker' ? { text: this.message(m), kind: 'marker', snapshot: m.snapshot } : { text: this.message(m), kind: 'app', post: m.post, payload: m.payload, ...(m.restored === true ? { restored: true } : {}) };
          }),
          phase: sys.channelPhase(vec, i),
          ...(sys.isBlocked(vec, i) ? { blocked: true } : {}),
          recorded: recorded.map((id) => this.payload(id)),
          recordedValues: recorded.map((id) => table.payloads.values[id]),
        };
      }),
      snapshotsCompleted: vec[1] as number,
    };
  }

  /** The recorded cut S* held in a product vector (at the step that completes the snapshot). */
  cut(vec: Int32Array): CutView {
    const L = this.system.layout;
    const t = this.model.topology;
    const table = this.system.table;
    const summarize = this.model.workload.show?.state;
    const g = {
      n: t.n,
      locals: Array.from({ length: t.n }, (_, p) => table.locals.values[vec[L.rec + p] as number]),
      channels: t.channels.map((c, i) => ({ from: c.from, to: c.to, messages: this.system.recordedPayloads(vec, i).map((id) => table.payloads.values[id]) })),
    };
    return {
      processes: Array.from({ length: t.n }, (_, p) => ({ name: this.process(p), state: this.local(vec[L.rec + p] as number) })),
      channels: t.channels.map((_, i) => ({ name: this.channel(i), messages: this.system.recordedPayloads(vec, i).map((id) => this.payload(id)) })),
      ...(summarize !== undefined ? { summary: shown(summarize as (v: never) => string, g) } : {}),
    };
  }

  /** Text of a queue word. */
  word(w: number): string {
    return this.message(this.system.messageView(w));
  }
}
