// The trace as a Mermaid sequenceDiagram, which code hosts render: each message drawn when it is delivered (markers
// dashed), recordings as notes, the guilty message boxed in red with what the cut should have held, and the
// recorded cut noted across every process.

import type { TraceDoc, TraceRun } from '../trace/document.ts';
import { channelContents, timeline, type Timeline, type TimelineMessage } from './timeline.ts';

/** Mermaid treats ';' and '#' specially and ends a line at a newline. */
const text = (s: string): string => s.replace(/[;#\n\r]/g, (c) => (c === '#' ? 'no. ' : ' ')).replace(/\s+/g, ' ').trim();

/** S* in one line: every process and every recorded channel, the empty ones included (they are what breaks a check). */
function recordedLine(t: Timeline): string {
  const s = t.recorded;
  if (s === null) return '';
  const channels = s.channels.map((c) => `${c.name}: ${channelContents(c.messages)}`);
  return [...s.processes.map((p) => `${p.name}: ${p.state}`), ...channels].join(', ');
}

/** For a lost or phantom message, its channel as S* recorded it: `, but S* records P0→P1 as (empty)`. */
function recordedChannel(t: Timeline, m: TimelineMessage): string {
  const c = t.recorded?.channels.find((x) => x.from === m.from && x.to === m.to);
  return c === undefined || t.guilty?.kind === 'orphan' ? '' : `, but S* records ${m.channel} as ${channelContents(c.messages)}`;
}

export function renderMermaid(doc: TraceDoc, run: TraceRun): string {
  const t = timeline(doc, run);
  const id = (p: number): string => `p${p}`;
  const all = t.processes.length > 1 ? `${id(0)},${id(t.processes.length - 1)}` : id(0);
  const lines = ['sequenceDiagram', `  title ${text(t.title)}`];
  t.processes.forEach((name, p) => lines.push(`  participant ${id(p)} as ${text(name)}`));
  const guilty = (m: TimelineMessage): string => `guilty (${t.guilty?.kind ?? ''}): ${text(t.guilty?.should ?? '')}${text(recordedChannel(t, m))}`;
  const arrow = (m: TimelineMessage, step: number): string[] => {
    const label = `${step}. ${m.kind === 'marker' ? text(m.text) : `${text(m.text)} (msg ${m.id}, sent at step ${m.sentAt})`}`;
    const line = `  ${id(m.from)}${m.kind === 'marker' ? '--)' : '-)'}${id(m.to)}: ${label}`;
    if (!m.guilty) return [line];
    return ['  rect rgb(254, 202, 202)', line, `  Note right of ${id(m.to)}: ${guilty(m)}`, '  end'];
  };
  for (const e of t.events) {
    const msg = t.messages.find((m) => m.endAt === e.step);
    if (e.kind === 'deliver' && msg !== undefined) lines.push(...arrow(msg, e.step));
    else if (e.kind === 'drop' && msg !== undefined) lines.push(`  Note over ${id(msg.from)},${id(msg.to)}: ${e.step}. the network drops ${text(msg.text)} (msg ${msg.id})`);
    else if (e.process !== null) lines.push(`  Note over ${id(e.process)}: ${e.step}. ${text(e.text)}`);
    else lines.push(`  Note over ${all}: ${e.step}. ${text(e.text)}`);
    for (const r of t.records.filter((x) => x.step === e.step)) lines.push(`  Note right of ${id(r.process)}: records ${text(r.state)}`);
    for (const b of t.blocked.filter((x) => x.from === e.step)) lines.push(`  Note right of ${id(b.process)}: blocks ${text(b.channel)} (holds back what arrives on it)`);
    for (const b of t.blocked.filter((x) => x.to === e.step)) lines.push(`  Note right of ${id(b.process)}: lets ${text(b.channel)} through`);
    if (e.completes) lines.push(`  Note over ${all}: snapshot complete. S* = ${text(recordedLine(t))}`);
  }
  const left = t.messages.filter((m) => m.endAt === null && m.kind === 'app');
  for (const m of left) {
    const note = `  Note over ${id(m.from)},${id(m.to)}: msg ${m.id} ${text(m.text)} still in flight on ${text(m.channel)} (sent at step ${m.sentAt})`;
    lines.push(...(m.guilty ? ['  rect rgb(254, 202, 202)', `${note}. ${guilty(m)}`, '  end'] : [note]));
  }
  if (t.verdict !== null) lines.push(`  Note over ${all}: ${text(t.verdict)} fails`);
  return `${lines.join('\n')}\n`;
}
