// The HTML report: one self-contained file (inline SVG, CSS and JS, nothing fetched) with the diagram, the step
// list, and stepping forward and back (buttons, arrow keys) showing every process's and channel's state at each step.

import { channelLabel, processLabel, type TraceDoc, type TraceRun } from '../trace/document.ts';
import { layout } from './layout.ts';
import { esc, renderSvg } from './svg.ts';
import { timeline } from './timeline.ts';

export const REPORT_CSS = `
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;color:#111827;background:#f9fafb}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #e5e7eb}
h1{font-size:19px;margin:0 0 6px}
h2{font-size:15px;margin:0 0 8px}
.verdict{font-weight:600;margin:4px 0}.verdict.bad{color:#b91c1c}.verdict.good{color:#047857}
.explanation,.note{margin:4px 0;max-width:1100px;line-height:1.45}.note{color:#4b5563;font-size:13px}
main{padding:16px 24px}
.diagram{background:#fff;border:1px solid #e5e7eb;border-radius:8px;overflow-x:auto;padding:4px}
.controls{display:flex;gap:8px;align-items:center;margin:12px 0}
.controls button{font-size:14px;padding:6px 12px;border:1px solid #9ca3af;border-radius:6px;background:#fff;cursor:pointer}
.controls button:disabled{opacity:.4;cursor:default}
#position{font-weight:600;min-width:120px;text-align:center}.hint{color:#6b7280;font-size:12px}
.panes{display:grid;grid-template-columns:minmax(280px,1fr) minmax(380px,1.4fr);gap:16px}
.pane{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px}
#step-list{margin:0;padding-left:28px;font-size:13px;line-height:1.5}
#step-list li{cursor:pointer;padding:2px 6px;border-radius:4px}
#step-list li.current{background:#ede9fe;font-weight:600}
#step-list li.later{color:#9ca3af}
.effects{font-weight:400;color:#6b7280;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:12px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #f3f4f6;vertical-align:top}
th{color:#6b7280;font-weight:600}
.msg{display:inline-block;padding:0 6px;margin:1px 2px;border-radius:10px;background:#f3f4f6;border:1px solid #d1d5db}
.msg.marker{border-style:dashed;border-color:#2563eb;color:#1d4ed8;background:#eff6ff}
.msg.guilty{border-color:#dc2626;color:#b91c1c;background:#fef2f2;font-weight:700}
.phase-recording{color:#7c3aed;font-weight:600}.phase-closed{color:#6b7280}
#now{font-size:13px;margin:0 0 10px;min-height:36px}
svg .future{opacity:.1}
svg .current .arrow{stroke-width:3.4}
svg .current .event{fill:#fde68a;stroke:#b45309}
svg #cursor{stroke:#f59e0b;stroke-width:2;stroke-dasharray:4 3}
pre{background:#111827;color:#e5e7eb;padding:10px 12px;border-radius:6px;font-size:12px;overflow-x:auto}
`;

const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var n = data.states.length - 1, k = data.start;
  var svg = document.querySelector('svg.cutcheck-diagram');
  var cursor = svg.querySelector('#cursor');
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]; }); }
  function msg(m) { return '<span class="msg ' + m.kind + (m.id === data.guilty ? ' guilty' : '') + '" title="message #' + m.id + '">#' + m.id + ' ' + esc(m.text) + '</span>'; }
  function show(to) {
    k = Math.max(0, Math.min(n, to));
    var s = data.states[k];
    document.getElementById('position').textContent = 'step ' + k + ' of ' + n;
    document.getElementById('now').innerHTML = k === 0 ? 'The initial state.' : '<b>' + k + '. ' + esc(data.steps[k - 1].text) + '</b>' + (data.steps[k - 1].effects.length ? '<br><span class="effects">' + esc(data.steps[k - 1].effects.join('; ')) + '</span>' : '');
    document.getElementById('processes').innerHTML = '<tr><th>process</th><th>local state</th><th>recorded</th></tr>' + s.processes.map(function (p) {
      return '<tr><td>' + esc(p.name) + '</td><td>' + esc(p.text) + '</td><td>' + (p.recorded === null ? '—' : esc(p.recorded)) + '</td></tr>';
    }).join('');
    document.getElementById('channels').innerHTML = '<tr><th>channel</th><th>in flight</th><th>phase</th><th>recorded</th></tr>' + s.channels.map(function (c) {
      return '<tr><td>' + esc(c.name) + '</td><td>' + (c.messages.length ? (c.ordered ? '[' : '{') + c.messages.map(msg).join('') + (c.ordered ? ']' : '}') : '—') + '</td><td class="phase-' + c.phase + '">' + c.phase + (c.blocked ? ', <b>blocked</b>' : '') + '</td><td>' + (c.phase === 'idle' ? '' : c.recorded.length === 0 ? '(empty)' : '[' + c.recorded.map(esc).join(', ') + ']') + '</td></tr>';
    }).join('');
    Array.prototype.forEach.call(document.querySelectorAll('#step-list li'), function (li) {
      var i = Number(li.getAttribute('data-step'));
      li.className = i === k ? 'current' : i > k ? 'later' : '';
    });
    Array.prototype.forEach.call(svg.querySelectorAll('[data-step]'), function (el) {
      var i = Number(el.getAttribute('data-step'));
      el.classList.toggle('future', i > k);
      el.classList.toggle('current', i === k);
    });
    Array.prototype.forEach.call(svg.querySelectorAll('.message'), function (el) {
      var sent = Number(el.getAttribute('data-sent')), end = el.getAttribute('data-end');
      el.classList.toggle('future', sent > k);
      el.classList.toggle('current', sent === k || (end !== '' && Number(end) === k));
    });
    Array.prototype.forEach.call(svg.querySelectorAll('.blocked'), function (el) {
      el.classList.toggle('future', Number(el.getAttribute('data-from')) > k);
    });
    var cut = svg.querySelectorAll('.cut-line, .cut-region');
    Array.prototype.forEach.call(cut, function (el) { el.classList.toggle('future', k < data.cutFrom); });
    cursor.setAttribute('x1', data.xs[k]); cursor.setAttribute('x2', data.xs[k]);
    document.getElementById('back').disabled = k === 0; document.getElementById('first').disabled = k === 0;
    document.getElementById('forward').disabled = k === n; document.getElementById('last').disabled = k === n;
  }
  document.getElementById('first').onclick = function () { show(0); };
  document.getElementById('back').onclick = function () { show(k - 1); };
  document.getElementById('forward').onclick = function () { show(k + 1); };
  document.getElementById('last').onclick = function () { show(n); };
  Array.prototype.forEach.call(document.querySelectorAll('#step-list li'), function (li) {
    li.onclick = function () { show(Number(li.getAttribute('data-step'))); };
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowRight') { show(k + 1); e.preventDefault(); }
    if (e.key === 'ArrowLeft') { show(k - 1); e.preventDefault(); }
    if (e.key === 'Home') show(0);
    if (e.key === 'End') show(n);
  });
  show(k);
})();
`;

/** JSON for a <script> element: `<` escaped so the data can never close the element. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The report of one trace. `replayCommand` is shown under the state; `appendix`, an HTML section of the caller's
 * (simulate's coverage), goes after the panes.
 */
export function renderHtml(doc: TraceDoc, run: TraceRun, options: { readonly replayCommand?: string; readonly appendix?: string } = {}): string {
  const t = timeline(doc, run);
  const g = layout(t);
  const svg = renderSvg(t).replace('</svg>', `<line id="cursor" x1="${g.x(0)}" y1="60" x2="${g.x(0)}" y2="${g.lanesBottom}"/></svg>`);
  const data = {
    start: run.states.length - 1,
    guilty: run.violation?.guilty?.message ?? null,
    cutFrom: t.cut.reduce((m, r) => Math.max(m, r.step), 0),
    xs: run.states.map((_, i) => g.x(i)),
    steps: run.states.slice(1).map((s) => ({ text: s.step?.text ?? '', effects: s.step?.effects ?? [] })),
    states: run.states.map((s) => ({
      processes: s.processes.map((p, i) => ({ name: processLabel(doc, i), text: p.text, recorded: p.recorded?.text ?? null })),
      channels: s.channels.map((c) => ({
        name: channelLabel(doc, c),
        ordered: c.ordered,
        phase: c.phase,
        blocked: c.blocked === true,
        recorded: c.recorded.map((r) => r.text),
        messages: c.messages.map((m) => ({ id: m.id, kind: m.kind, text: m.text })),
      })),
    })),
  };
  const v = run.violation;
  const verdict = v === null ? `<p class="verdict good">No check fails along this trace.</p>` : `<p class="verdict bad">✗ ${esc(v.check)} fails, in ${run.steps.length} steps</p><p class="explanation">${esc(v.explanation)}</p>`;
  const note = doc.minimisation === undefined ? '' : `<p class="note">${esc(doc.minimisation.note)}${doc.original !== undefined && run !== doc.original ? ` (the search's own trace: ${doc.original.steps.length} steps)` : ''}</p>`;
  const steps = ['<li data-step="0" value="0">initial state</li>']
    .concat(run.states.slice(1).map((s, i) => `<li data-step="${i + 1}">${esc(s.step?.text ?? '')}${s.step !== null && s.step.effects.length > 0 ? `<div class="effects">${esc(s.step.effects.join('; '))}</div>` : ''}</li>`))
    .join('\n');
  const replay = options.replayCommand === undefined ? '' : `<h2>Replay</h2><pre>${esc(options.replayCommand)}</pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>cutcheck: ${esc(t.title)}</title><style>${REPORT_CSS}</style></head>
<body>
<header><h1>${esc(t.title)}</h1>${verdict}${note}</header>
<main>
<section class="diagram">${svg}</section>
<section class="controls"><button id="first" title="first (Home)">first</button><button id="back" title="back (←)">◀ back</button><span id="position"></span><button id="forward" title="forward (→)">forward ▶</button><button id="last" title="last (End)">last</button><span class="hint">or use the ← → keys</span></section>
<div class="panes">
<section class="pane"><h2>Steps</h2><ol id="step-list" start="0">
${steps}
</ol></section>
<section class="pane"><h2>State</h2><p id="now"></p><table id="processes"></table><table id="channels"></table>${replay}</section>
</div>
${options.appendix ?? ''}
</main>
<script type="application/json" id="trace-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
