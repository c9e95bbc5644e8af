// The space-time diagram as SVG, in the spirit of the Chandy-Lamport write-up's figures: time runs left to right,
// one line per process, messages as arrows (markers dashed), the recorded cut drawn across, the guilty message in red.

import type { Timeline, TimelineMessage } from './timeline.ts';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LEFT = 96;
const TOP = 78;
const DX = 68;
const LANE = 118;
const RIGHT = 150;

export interface Geometry {
  readonly width: number;
  readonly height: number;
  x(step: number): number;
  y(process: number): number;
}

export function geometry(t: Timeline): Geometry {
  const x = (i: number): number => LEFT + 34 + i * DX;
  const y = (p: number): number => TOP + 34 + p * LANE;
  const lanesBottom = y(t.processes.length - 1) + 44;
  return { width: x(t.steps) + RIGHT, height: lanesBottom + 64 + t.recorded.length * 17, x, y };
}

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
.message.guilty .arrow{stroke:#dc2626;stroke-width:3.2}
.message.in-flight .arrow{stroke-dasharray:2 3}
.message-label{font-size:11px;fill:#1f2937;paint-order:stroke;stroke:#fff;stroke-width:3.5px;stroke-linejoin:round;text-anchor:middle}
.message.guilty .message-label{fill:#b91c1c;font-weight:700}
.event{fill:#fff;stroke:#374151;stroke-width:1.6}
.event-label{font-size:11px;fill:#374151;paint-order:stroke;stroke:#fff;stroke-width:3px}
.record{fill:#7c3aed;stroke:#fff;stroke-width:1.5}
.record-label{font-size:10.5px;fill:#5b21b6;paint-order:stroke;stroke:#fff;stroke-width:3px}
.cut-line{fill:none;stroke:#7c3aed;stroke-width:3;stroke-linejoin:round;opacity:.55}
.cut-region{fill:#ede9fe;opacity:.75}
.legend{font-size:11.5px;fill:#374151}
.recorded-title{font-size:12px;font-weight:600;fill:#111827}
.drop{stroke:#dc2626;stroke-width:2.2}
`;

function defs(): string {
  const head = (id: string, colour: string, size = 10): string =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="${size}" markerHeight="${size}" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  return `<defs>${head('cc-head-app', '#1f2937')}${head('cc-head-marker', '#2563eb')}${head('cc-head-guilty', '#dc2626', 13)}</defs>`;
}

function messageSvg(t: Timeline, g: Geometry, m: TimelineMessage): string {
  const x1 = g.x(m.sentAt);
  const y1 = g.y(m.from);
  const inFlight = m.endAt === null;
  const dropped = m.end === 'dropped';
  const x2 = inFlight ? g.x(t.steps) + DX * 0.9 : g.x(m.endAt ?? t.steps);
  const y2 = inFlight || dropped ? y1 + (g.y(m.to) - y1) * 0.5 : g.y(m.to);
  const head = m.guilty ? 'cc-head-guilty' : m.kind === 'marker' ? 'cc-head-marker' : 'cc-head-app';
  const cls = ['message', m.kind, m.guilty ? 'guilty' : '', inFlight ? 'in-flight' : '', dropped ? 'dropped' : ''].filter(Boolean).join(' ');
  const mx = x1 + (x2 - x1) * 0.55;
  const my = y1 + (y2 - y1) * 0.55;
  const tag = m.guilty && t.guilty !== null ? ` — ${t.guilty.kind}` : '';
  const label = m.kind === 'marker' && !m.guilty ? '' : `<text class="message-label" x="${mx.toFixed(1)}" y="${(my - 5).toFixed(1)}">#${m.id} ${esc(m.text)}${tag}${inFlight ? ' (in flight)' : ''}</text>`;
  const cross = dropped ? `<path class="drop" d="M${x2 - 6},${y2 - 6} L${x2 + 6},${y2 + 6} M${x2 - 6},${y2 + 6} L${x2 + 6},${y2 - 6}"/>` : '';
  const end = dropped ? '' : ` marker-end="url(#${head})"`;
  return `<g class="${cls}" data-id="${m.id}" data-sent="${m.sentAt}" data-end="${m.endAt ?? ''}"><title>#${m.id} ${esc(m.text)} on ${esc(m.channel)}: sent at step ${m.sentAt}${m.endAt === null ? ', still in flight' : `, ${m.end} at step ${m.endAt}`}</title><path class="arrow" d="M${x1},${y1} L${x2.toFixed(1)},${y2.toFixed(1)}"${end}/>${label}${cross}</g>`;
}

function cutSvg(t: Timeline, g: Geometry): { region: string; line: string } {
  if (t.cut.length === 0) return { region: '', line: '' };
  const pts = [...t.cut].sort((a, b) => a.process - b.process).map((r) => [g.x(r.step), g.y(r.process)] as const);
  const first = pts[0] as readonly [number, number];
  const last = pts[pts.length - 1] as readonly [number, number];
  const top = first[1] - 36;
  const bottom = last[1] + 36;
  // A staircase: straight down through each recording point, across half-way between lanes.
  const stairs: (readonly [number, number])[] = [[first[0], top]];
  pts.forEach(([x, y], i) => {
    const next = pts[i + 1];
    if (next === undefined) return;
    const mid = (y + next[1]) / 2;
    stairs.push([x, mid], [next[0], mid]);
  });
  stairs.push([last[0], bottom]);
  const line = stairs.map(([x, y]) => `${x},${y}`).join(' ');
  const whole = t.cut.length === t.processes.length;
  const region = whole ? `<polygon class="cut-region" points="${LEFT},${top} ${line} ${LEFT},${bottom}"/>` : '';
  return { region, line: `<polyline class="cut-line" points="${line}"><title>the recorded cut: where each process recorded its state</title></polyline>` };
}

/** The diagram alone (an <svg> element). `withScriptHooks` keeps data attributes for the HTML report's stepping. */
export function renderSvg(t: Timeline): string {
  const g = geometry(t);
  const n = t.processes.length;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="cutcheck-diagram" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`);
  parts.push(`<title>${esc(t.title)}</title><style>${STYLE}</style>${defs()}<rect width="100%" height="100%" fill="#fff"/>`);
  parts.push(`<text class="cc-title" x="16" y="24">${esc(t.title)}</text>`);
  const verdict = t.verdict === null ? `<text class="cc-verdict cc-ok" x="16" y="44">${t.completedAt === null ? 'no check fails along this trace' : `the snapshot completes at step ${t.completedAt}; every check holds on it`}</text>` : `<text class="cc-verdict" x="16" y="44">${esc(verdictLine(t))}</text>`;
  parts.push(verdict);
  const cut = cutSvg(t, g);
  parts.push(cut.region);
  for (let i = 1; i <= t.steps; i++)
    parts.push(`<line class="step-grid" data-step="${i}" x1="${g.x(i)}" y1="${TOP - 4}" x2="${g.x(i)}" y2="${g.y(n - 1) + 30}"/><text class="step-number" x="${g.x(i)}" y="${TOP - 10}">${i}</text>`);
  for (let p = 0; p < n; p++)
    parts.push(`<line class="process-line" data-process="${p}" x1="${LEFT}" y1="${g.y(p)}" x2="${g.x(t.steps) + DX}" y2="${g.y(p)}"/><text class="process-name" x="${LEFT - 12}" y="${g.y(p)}">${esc(t.processes[p] ?? `P${p}`)}</text>`);
  parts.push(cut.line);
  parts.push(`<g class="messages">${t.messages.filter((m) => !m.guilty).map((m) => messageSvg(t, g, m)).join('')}${t.messages.filter((m) => m.guilty).map((m) => messageSvg(t, g, m)).join('')}</g>`);
  parts.push('<g class="events">');
  for (const e of t.events) {
    if (e.process === null) continue;
    const x = g.x(e.step);
    const y = g.y(e.process);
    const label = e.kind === 'act' ? e.text.replace(/^[^:]*: /, '') : e.kind === 'initiate' ? 'initiates' : '';
    // The label goes on the side of the line its own messages do not leave by.
    const upward = t.messages.some((m) => m.sentAt === e.step && m.from === e.process && m.to < e.process);
    const below = e.kind === 'act' && upward;
    const ly = below ? y + 16 : y - 10;
    const text = label === '' ? '' : `<text class="event-label" x="${x + 8}" y="${ly}" transform="rotate(${below ? 28 : -28} ${x + 8} ${ly})">${esc(label)}</text>`;
    parts.push(`<g class="step-event" data-step="${e.step}"><title>${e.step}. ${esc(e.text)}</title><circle class="event" cx="${x}" cy="${y}" r="4.5"/>${text}</g>`);
  }
  parts.push('</g>');
  for (const r of t.records)
    parts.push(`<g class="record-point" data-step="${r.step}" data-process="${r.process}"><title>${esc(t.processes[r.process] ?? '')} records ${esc(r.state)} at step ${r.step}</title><circle class="record" cx="${g.x(r.step)}" cy="${g.y(r.process)}" r="7"/><text class="record-label" x="${g.x(r.step) + 6}" y="${g.y(r.process) + 22}" transform="rotate(20 ${g.x(r.step) + 6} ${g.y(r.process) + 22})">${esc(r.state)}</text></g>`);
  // A partial cut (the snapshot never completed): say which processes never recorded.
  if (t.cut.length > 0 && t.completedAt === null)
    for (let p = 0; p < n; p++)
      if (!t.cut.some((r) => r.process === p)) parts.push(`<text class="cc-verdict never" x="${g.x(t.steps) + 10}" y="${g.y(p) - 8}">never records</text>`);
  parts.push(legend(t, g));
  parts.push('</svg>');
  return parts.filter((s) => s !== '').join('\n');
}

function verdictLine(t: Timeline): string {
  const m = t.guilty === null ? undefined : t.messages.find((x) => x.id === t.guilty?.message);
  const blame = m === undefined || t.guilty === null ? '' : `: message #${m.id} (${m.text} on ${m.channel}, sent at step ${m.sentAt}) is ${t.guilty.kind === 'lost' ? 'lost' : `an ${t.guilty.kind}`}`;
  return `${t.verdict ?? ''} fails${blame}`;
}

function legend(t: Timeline, g: Geometry): string {
  const y = g.y(t.processes.length - 1) + 62;
  const items: string[] = [];
  let x = 16;
  const add = (sample: string, text: string, w: number): void => {
    items.push(`<g transform="translate(${x},${y})">${sample}<text x="34" y="4">${esc(text)}</text></g>`);
    x += w;
  };
  add('<path class="arrow" d="M0,0 L26,0" stroke="#1f2937" stroke-width="1.6" marker-end="url(#cc-head-app)"/>', 'application message', 175);
  add('<path d="M0,0 L26,0" stroke="#2563eb" stroke-width="1.6" stroke-dasharray="6 4" marker-end="url(#cc-head-marker)"/>', 'marker', 95);
  if (t.guilty !== null) add('<path d="M0,0 L26,0" stroke="#dc2626" stroke-width="3.2" marker-end="url(#cc-head-guilty)"/>', 'guilty message', 140);
  add('<circle cx="13" cy="0" r="6" class="record"/>', 'records its state', 150);
  add('<path d="M8,-9 L8,0 L20,0 L20,9" class="cut-line"/>', 'recorded cut', 120);
  const rec = t.recorded.map((line, i) => `<text x="16" y="${y + 40 + i * 17}">${esc(line)}</text>`).join('');
  const title = t.recorded.length > 0 ? `<text class="recorded-title" x="16" y="${y + 23}">recorded global state S*</text>` : '';
  return `<g class="legend">${items.join('')}${title}${rec}</g>`;
}
