// The space-time diagram as SVG, in the spirit of the Chandy-Lamport write-up's figures: time runs left to right,
// one line per process, messages as arrows (markers dashed, faded once past the cut), the recorded cut drawn
// across, the guilty message in red all the way to its receiver, and S* listed in full. layout.ts places it all.

import { layout, legendItems, RECORDED_TITLE, TOP, LEFT, type Arrow, type Layout } from './layout.ts';
import type { Label } from './placement.ts';
import type { Timeline } from './timeline.ts';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
.cc-title{font-size:15px;font-weight:600;fill:#111827}
.cc-verdict{font-size:13px;fill:#b91c1c;font-weight:600}
.cc-ok{fill:#047857}
.step-number{font-size:11px;fill:#6b7280;text-anchor:middle}
.step-grid{stroke:#e5e7eb;stroke-width:1}
.process-line{stroke:#374151;stroke-width:2.2}
.process-name{font-size:14px;font-weight:600;fill:#111827;text-anchor:end;dominant-baseline:middle}
.arrow{fill:none;stroke-width:1.6}
.message.app .arrow{stroke:#1f2937}
.message.marker .arrow{stroke:#2563eb;stroke-dasharray:6 4}
.message.marker.after-cut .arrow{stroke:#9ca3af;stroke-width:1.2;opacity:.6}
.message.guilty .arrow{stroke:#dc2626;stroke-width:3.2}
.message.in-flight .arrow{stroke-dasharray:2 3}
.message.guilty.in-flight .arrow{stroke-dasharray:7 4}
.label{font-size:11px;paint-order:stroke;stroke:#fff;stroke-linejoin:round}
.message-label{fill:#1f2937;stroke-width:3.5px}
.message.guilty .message-label{fill:#b91c1c;font-weight:700}
.event{fill:#fff;stroke:#374151;stroke-width:1.6}
.step-event.after-cut .event{stroke:#9ca3af;opacity:.5}
.event-label{fill:#374151;stroke-width:3px}
.record{fill:#7c3aed;stroke:#fff;stroke-width:1.5}
.record-label{font-size:10.5px;fill:#5b21b6;stroke-width:3px}
.cut-line{fill:none;stroke:#7c3aed;stroke-width:3;stroke-linejoin:round;opacity:.55}
.cut-region{fill:#ede9fe;opacity:.75}
.legend{font-size:11.5px;fill:#374151}
.recorded-title{font-size:12px;font-weight:600;fill:#111827}
.recorded-state.guilty{fill:#b91c1c;font-weight:700}
.drop{stroke:#dc2626;stroke-width:2.2}
.crash-line{stroke:#dc2626;stroke-width:2.5;stroke-dasharray:8 5}
.crash-label{font-size:11px;fill:#b91c1c;font-weight:600;stroke-width:3px}
.blocked-band{fill:#f59e0b;opacity:.45}
.blocked-label{font-size:10.5px;fill:#92400e;stroke-width:3px}
`;

function defs(): string {
  const head = (id: string, colour: string, size = 10): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="${size}" markerHeight="${size}" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  return `<defs>${head('cc-head-app', '#1f2937')}${head('cc-head-marker', '#2563eb')}${head('cc-head-faded', '#c4c9d1')}${head('cc-head-guilty', '#dc2626', 13)}</defs>`;
}

const num = (v: number): string => String(Math.round(v * 10) / 10);

const labelSvg = (l: Label, cls: string): string => `<text class="label ${cls}" x="${num(l.x)}" y="${num(l.y)}">${esc(l.text)}</text>`;

function messageSvg(g: Layout, a: Arrow): string {
  const m = a.message;
  const inFlight = m.endAt === null;
  const dropped = m.end === 'dropped' || m.end === 'crashed';
  const head = m.guilty ? 'cc-head-guilty' : m.kind === 'app' ? 'cc-head-app' : m.afterCut ? 'cc-head-faded' : 'cc-head-marker';
  const cls = ['message', m.kind, m.guilty ? 'guilty' : '', inFlight ? 'in-flight' : '', dropped ? 'dropped' : '', m.afterCut ? 'after-cut' : ''].filter(Boolean).join(' ');
  const label = g.labels.find((l) => l.owner.kind === 'message' && l.owner.id === m.id);
  const { x, y } = a.to;
  const cross = dropped ? `<path class="drop" d="M${num(x - 6)},${num(y - 6)} L${num(x + 6)},${num(y + 6)} M${num(x - 6)},${num(y + 6)} L${num(x + 6)},${num(y - 6)}"/>` : '';
  const end = dropped ? '' : ` marker-end="url(#${head})"`;
  const fate = inFlight ? ', still in flight at the end' : m.end === 'crashed' ? `, lost in the crash at step ${m.endAt}` : `, ${m.end} at step ${m.endAt}`;
  return `<g class="${cls}" data-id="${m.id}" data-from="${m.from}" data-to="${m.to}" data-sent="${m.sentAt}" data-end="${m.endAt ?? ''}"><title>#${m.id} ${esc(m.text)} on ${esc(m.channel)}: sent at step ${m.sentAt}${fate}</title><path class="arrow" d="M${num(a.from.x)},${num(a.from.y)} L${num(x)},${num(y)}"${end}/>${label === undefined ? '' : labelSvg(label, 'message-label')}${cross}</g>`;
}

/** The diagram alone (an <svg> element), with the data attributes the HTML report steps through. */
export function renderSvg(t: Timeline): string {
  const g = layout(t);
  const n = t.processes.length;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="cutcheck-diagram" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`);
  parts.push(`<title>${esc(t.title)}</title><style>${STYLE}</style>${defs()}<rect width="100%" height="100%" fill="#fff"/>`);
  parts.push(`<text class="cc-title" x="16" y="24">${esc(t.title)}</text>`);
  const ok = t.completedAt === null ? 'no check fails along this trace' : `the snapshot completes at step ${t.completedAt}; every check holds on it`;
  parts.push(t.verdict === null ? `<text class="cc-verdict cc-ok" x="16" y="44">${ok}</text>` : `<text class="cc-verdict" x="16" y="44">${esc(verdictLine(t))}</text>`);
  const stairs = g.cut.map((p) => `${p.x},${p.y}`).join(' ');
  const top = g.cut[0]?.y ?? 0;
  const bottom = g.cut[g.cut.length - 1]?.y ?? 0;
  if (g.cut.length > 0 && t.cut.length === n) parts.push(`<polygon class="cut-region" points="${LEFT},${top} ${stairs} ${LEFT},${bottom}"/>`);
  for (let i = 1; i <= t.steps; i++)
    parts.push(`<line class="step-grid" data-step="${i}" x1="${g.x(i)}" y1="${TOP - 4}" x2="${g.x(i)}" y2="${g.y(n - 1) + 30}"/><text class="step-number" x="${g.x(i)}" y="${TOP - 10}">${i}</text>`);
  for (let p = 0; p < n; p++)
    parts.push(`<line class="process-line" data-process="${p}" x1="${LEFT}" y1="${g.y(p)}" x2="${g.lineEnd}" y2="${g.y(p)}"/><text class="process-name" x="${LEFT - 12}" y="${g.y(p)}">${esc(t.processes[p] ?? `P${p}`)}</text>`);
  // Blocked inputs: a band on the receiver's line from the step that blocked the input to the one that let it through.
  g.bands.forEach((b, i) => {
    const { band } = b;
    const until = band.to === null ? 'is still blocked at the end' : `until step ${band.to}`;
    const label = g.labels.find((l) => l.owner.kind === 'blocked' && l.owner.index === i);
    parts.push(
      `<g class="blocked" data-process="${band.process}" data-from="${band.from}" data-to="${band.to ?? ''}"><title>${esc(t.processes[band.process] ?? '')} holds back what arrives on ${esc(band.channel)}: blocked at step ${band.from}, ${until}</title><rect class="blocked-band" x="${num(b.x1)}" y="${num(b.y)}" width="${num(Math.max(2, b.x2 - b.x1))}" height="${b.h}" rx="2"/>${label === undefined ? '' : labelSvg(label, 'blocked-label')}</g>`,
    );
  });
  if (g.cut.length > 0) parts.push(`<polyline class="cut-line" points="${stairs}"><title>the recorded cut: where each process recorded its state</title></polyline>`);
  // Faded marker traffic underneath, the guilty message on top.
  const rank = (a: Arrow): number => (a.message.guilty ? 3 : a.message.kind === 'app' ? 2 : a.message.afterCut ? 0 : 1);
  parts.push(`<g class="messages">${[...g.arrows].sort((a, b) => rank(a) - rank(b)).map((a) => messageSvg(g, a)).join('')}</g>`);
  // A crash of the whole job: a line across every process, saying what it restores.
  for (const e of t.events.filter((x) => x.kind === 'crash')) {
    const label = g.labels.find((l) => l.owner.kind === 'crash' && l.owner.step === e.step);
    parts.push(`<g class="crash" data-step="${e.step}"><title>${e.step}. ${esc(e.text)}</title><line class="crash-line" x1="${g.x(e.step)}" y1="${TOP + 2}" x2="${g.x(e.step)}" y2="${g.y(n - 1) + 24}"/>${label === undefined ? '' : labelSvg(label, 'crash-label')}</g>`);
  }
  parts.push('<g class="events">');
  for (const e of t.events) {
    if (e.process === null) continue;
    const label = g.labels.find((l) => l.owner.kind === 'event' && l.owner.step === e.step);
    const faded = e.kind === 'deliver' && t.messages.some((m) => m.endAt === e.step && m.afterCut);
    parts.push(`<g class="step-event${faded ? ' after-cut' : ''}" data-step="${e.step}"><title>${e.step}. ${esc(e.text)}</title><circle class="event" cx="${g.x(e.step)}" cy="${g.y(e.process)}" r="4.5"/>${label === undefined ? '' : labelSvg(label, 'event-label')}</g>`);
  }
  parts.push('</g>');
  t.records.forEach((r, i) => {
    const label = g.labels.find((l) => l.owner.kind === 'record' && l.owner.index === i);
    parts.push(`<g class="record-point" data-step="${r.step}" data-process="${r.process}"><title>${esc(t.processes[r.process] ?? '')} records ${esc(r.state)} at step ${r.step}</title><circle class="record" cx="${g.x(r.step)}" cy="${g.y(r.process)}" r="7"/>${label === undefined ? '' : labelSvg(label, 'record-label')}</g>`);
  });
  // A partial cut (the snapshot never completed): say which processes never recorded.
  for (const l of g.labels) if (l.owner.kind === 'never') parts.push(`<text class="cc-verdict never" x="${num(l.x)}" y="${num(l.y)}">${esc(l.text)}</text>`);
  parts.push(legend(t, g));
  parts.push('</svg>');
  return parts.filter((s) => s !== '').join('\n');
}

function verdictLine(t: Timeline): string {
  const m = t.guilty === null ? undefined : t.messages.find((x) => x.id === t.guilty?.message);
  const blame = m === undefined || t.guilty === null ? '' : `: message #${m.id} (${m.text} on ${m.channel}, sent at step ${m.sentAt}) is ${t.guilty.kind === 'lost' ? 'lost' : t.guilty.kind === 'orphan' ? 'an orphan' : 'a phantom'}`;
  return `${t.verdict ?? ''} fails${blame}`;
}

const SAMPLES = {
  app: '<path class="arrow" d="M0,0 L26,0" stroke="#1f2937" stroke-width="1.6" marker-end="url(#cc-head-app)"/>',
  marker: '<path d="M0,0 L26,0" stroke="#2563eb" stroke-width="1.6" stroke-dasharray="6 4" marker-end="url(#cc-head-marker)"/>',
  faded: '<path d="M0,0 L26,0" stroke="#9ca3af" stroke-width="1.2" stroke-dasharray="6 4" opacity=".6" marker-end="url(#cc-head-faded)"/>',
  guilty: '<path d="M0,0 L26,0" stroke="#dc2626" stroke-width="3.2" marker-end="url(#cc-head-guilty)"/>',
  record: '<circle cx="13" cy="0" r="6" class="record"/>',
  cut: '<path d="M8,-9 L8,0 L20,0 L20,9" class="cut-line"/>',
  crash: '<path d="M13,-9 L13,9" class="crash-line"/>',
  blocked: '<path d="M0,0 L26,0" class="process-line"/><rect x="2" y="-4.5" width="22" height="9" rx="2" class="blocked-band"/>',
} as const;

function legend(t: Timeline, g: Layout): string {
  const y = g.legendY;
  const items: string[] = [];
  let x = 16;
  for (const item of legendItems(t)) {
    items.push(`<g transform="translate(${num(x)},${y})">${SAMPLES[item.key]}<text x="34" y="4">${esc(item.text)}</text></g>`);
    x += item.w;
  }
  const title = g.recorded.length > 0 ? `<text class="recorded-title" x="16" y="${y + 26}">${esc(RECORDED_TITLE)}</text>` : '';
  const rows = g.recorded.flatMap((row, i) =>
    row.map((cell, j) => (cell === null ? '' : `<text class="recorded-state${cell.guilty ? ' guilty' : ''}" x="${num(g.columns[j] ?? 16)}" y="${y + 44 + i * 17}">${esc(cell.text)}</text>`)),
  );
  return `<g class="legend">${items.join('')}${title}${rows.join('')}</g>`;
}
