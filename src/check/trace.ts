// Builds a readable trace from step codes: each step with its text, its side effects and the state after it.

import type { Trace, TraceStep, StateView } from './result.ts';
import { ok } from '../errors.ts';
import { replayCodes, type Replayed } from '../system/replay.ts';
import { COMPLETED } from '../system/system.ts';
import type { Viewer } from './view.ts';

/** Side effects of a step, read off the difference between the views before and after it. */
function effects(before: StateView, after: StateView): string[] {
  const out: string[] = [];
  /** Channels that gained a control message, grouped by its text (`marker`, `count 2`). */
  const markers = new Map<string, string[]>();
  after.processes.forEach((p, i) => {
    if (p.recorded !== null && before.processes[i]?.recorded === null) out.push(`${p.name} records its state (${p.recorded})`);
  });
  after.channels.forEach((c, i) => {
    const b = before.channels[i];
    if (b === undefined) return;
    const markersBefore = b.messages.filter((m) => m.kind === 'marker').length;
    const sent = c.messages.filter((m) => m.kind === 'marker');
    if (sent.length > markersBefore) {
      const text = sent[sent.length - 1]!.text;
      markers.set(text, [...(markers.get(text) ?? []), c.name]);
    }
    if (b.blocked !== c.blocked) out.push(`${c.name} ${c.blocked === true ? 'held back (blocked)' : 'let through (unblocked)'}`);
    if (b.phase !== c.phase) {
      if (c.phase === 'recording') out.push(`${c.name} starts recording`);
      if (c.phase === 'closed') out.push(`${c.name} closed with [${c.recorded.join(', ')}]`);
    } else if (c.recorded.length > b.recorded.length) out.push(`${c.name} records ${c.recorded[c.recorded.length - 1]!} as in flight`);
    const appBefore = b.messages.filter((m) => m.kind === 'app').length;
    const appAfter = c.messages.filter((m) => m.kind === 'app').length;
    if (appAfter > appBefore) {
      const last = c.messages.filter((m) => m.kind === 'app');
      out.push(`sends ${last[last.length - 1]!.text} on ${c.name}`);
    }
  });
  const sentText = [...markers].map(([text, chs]) => `${text === 'marker' && chs.length > 1 ? 'markers' : text} sent on ${chs.join(', ')}`);
  // The markers sent come right after the recording that sent them, if there is one, else first.
  out.splice(out[0]?.includes('records its state') === true ? 1 : 0, 0, ...sentText);
  return out;
}

/** The trace of `codes`; `replayed` is their replay when the caller already made it (replayCodes, or a resolved path). */
export function buildTrace(viewer: Viewer, codes: readonly number[], replayed?: Replayed): Trace {
  const replay = replayed === undefined ? replayCodes(viewer.system, codes) : ok(replayed);
  // The codes came from this very system's search; a replay failure here is a bug in the engine.
  // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable from any input; the guard names an engine bug
  if (!replay.ok) throw new Error(`internal: a counterexample does not replay: ${replay.error.message}`);
  const { states, events } = replay.value;
  const views = states.map((s) => viewer.state(s));
  const steps: TraceStep[] = codes.map((code, i) => {
    const step = viewer.system.describe(states[i] as Int32Array, code);
    return {
      index: i + 1,
      step,
      text: viewer.step(step),
      effects: [
        ...effects(views[i] as StateView, views[i + 1] as StateView),
        ...(((events[i] as number) & COMPLETED) !== 0 ? ['the snapshot is complete'] : []),
      ],
      after: views[i + 1] as StateView,
    };
  });
  const track = viewer.system.track;
  return { initial: views[0] as StateView, steps, codes: [...codes], ...(track >= 0 ? { track } : {}) };
}
