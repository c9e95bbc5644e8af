// simulate's coverage as HTML: the counts as a table, and a histogram of how often each distinct cut was recorded
// (many cuts seen only once say that more runs would find more). A section for a counterexample's report, or a page
// of its own when no run failed.

import type { Coverage } from '../simulate/coverage.ts';
import type { SimulateResult } from '../simulate/simulate.ts';
import { esc } from './svg.ts';
import { REPORT_CSS } from './html.ts';
import { int } from '../report/text.ts';


/** Buckets of "recorded k times": 1, 2, 3–4, 5–8, ... up to the most frequent cut. */
export function frequencyBuckets(frequencies: readonly number[]): { readonly label: string; readonly cuts: number }[] {
  const most = frequencies.reduce((m, n) => Math.max(m, n), 0);
  const out: { label: string; cuts: number }[] = [];
  for (let lo = 1, hi = 1; lo <= most; lo = hi + 1, hi = hi * 2) {
    const cuts = frequencies.filter((n) => n >= lo && n <= hi).length;
    out.push({ label: lo === hi ? `${lo}×` : `${lo}–${hi}×`, cuts });
  }
  return out;
}

/** The histogram as an SVG: one bar per bucket, its count above it. */
export function histogramSvg(frequencies: readonly number[]): string {
  const buckets = frequencyBuckets(frequencies);
  // Wide enough that each bucket's label (up to '4097–8192×') stands clear of its neighbours'.
  const width = Math.max(640, 64 + 72 * buckets.length);
  const height = 240;
  const left = 48;
  const bottom = 200;
  const top = 24;
  const most = buckets.reduce((m, b) => Math.max(m, b.cuts), 1);
  const slot = (width - left - 16) / Math.max(buckets.length, 1);
  const bars = buckets
    .map((b, i) => {
      const h = ((bottom - top) * b.cuts) / most;
      const x = left + i * slot + slot * 0.12;
      const w = slot * 0.76;
      return [
        `<rect class="bar" x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#6366f1"><title>${int(b.cuts)} distinct cuts recorded ${esc(b.label)}</title></rect>`,
        `<text x="${(x + w / 2).toFixed(1)}" y="${(bottom - h - 5).toFixed(1)}" text-anchor="middle" font-size="11" fill="#111827">${int(b.cuts)}</text>`,
        `<text x="${(x + w / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="11" fill="#374151">${esc(b.label)}</text>`,
      ].join('');
    })
    .join('\n');
  const empty = buckets.length === 0 ? `<text x="${width / 2}" y="${(top + bottom) / 2}" text-anchor="middle" font-size="13" fill="#6b7280">no snapshot completed in any run</text>` : '';
  return `<svg class="cutcheck-histogram" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
<line x1="${left}" y1="${bottom}" x2="${width - 8}" y2="${bottom}" stroke="#9ca3af"/>
<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#9ca3af"/>
<text x="14" y="${(top + bottom) / 2}" font-size="11" fill="#374151" transform="rotate(-90 14 ${(top + bottom) / 2})" text-anchor="middle">distinct cuts</text>
<text x="${(left + width) / 2}" y="${height - 4}" font-size="11" fill="#374151" text-anchor="middle">times recorded over all runs</text>
${bars}${empty}
</svg>`;
}

/** The coverage section: counts, then the histogram, then the step classes. */
export function coverageSection(c: Coverage, settings: SimulateResult['settings']): string {
  const row = (k: string, v: string): string => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  const never = c.classes.filter((k) => k.taken === 0);
  const rows = [
    row('runs', `${int(c.runs)} (${int(c.deadEnds)} to a dead end, ${int(c.depthBounded)} cut short${c.failed > 0 ? `, ${int(c.failed)} failed a check` : ''}; depth bound ${int(settings.depth)})`),
    row('steps', `${int(c.steps)} (longest run ${int(c.longestRun)})`),
    row('product states', int(c.productStates)),
    row('application states', c.appStatesKnown === null ? `${int(c.appStates)} (R not enumerated)` : `${int(c.appStates)} of ${int(c.appStatesKnown)} (${pct(c.appStates, c.appStatesKnown)} of R)`),
    row('completed snapshots', int(c.completions)),
    row('distinct cuts', c.cutsKnown === null ? `${int(c.cuts)} (${int(c.inconsistentCuts)} inconsistent)` : `${int(c.cuts)} of ${int(c.cutsKnown)} (${pct(c.cuts, c.cutsKnown)}; ${int(c.inconsistentCuts)} inconsistent)`),
  ].join('');
  const classes = c.classes
    .map((k) => `<tr${k.taken === 0 ? ' class="never"' : ''}><td>${esc(k.name)}</td><td>${int(k.taken)}</td><td>${k.taken > 0 ? '' : k.enabled ? 'enabled, never chosen' : 'never enabled'}</td></tr>`)
    .join('');
  return `<section class="pane coverage"><h2>Coverage</h2>
<table>${rows}</table>
<h2>How often each distinct cut was recorded</h2>
${histogramSvg(c.cutFrequencies)}
<h2>Steps (${never.length === 0 ? 'every class taken' : `${never.length} never taken`})</h2>
<table><tr><th>step</th><th>taken</th><th></th></tr>${classes}</table>
</section>`;
}

/** The coverage section's own rules, on top of the report's. */
const COVERAGE_RULES = '.coverage{margin-top:16px;max-width:900px}.coverage tr.never td{color:#b45309}.coverage th{width:180px}';

/** A page of its own, for a simulation in which no run failed: the verdict, what was not checked, and the coverage. */
export function coveragePage(r: SimulateResult, title: string): string {
  const notChecked = r.notChecked.map((n) => `<p class="note">not checked: ${esc(n.check)}: ${esc(n.reason)}</p>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>cutcheck: ${esc(title)}, simulated</title><style>${REPORT_CSS}${COVERAGE_RULES}</style></head>
<body>
<header><h1>${esc(title)}, simulated</h1><p class="verdict good">No run violated a check, in ${int(r.coverage.runs)} runs (seed ${r.replay.seed}).</p>
<p class="note">A simulation samples executions; it does not prove the checks hold (cutcheck verify explores every execution).</p>${notChecked}</header>
<main>${coverageSection(r.coverage, r.settings)}</main>
</body></html>
`;
}

/** The coverage section's own CSS, for a counterexample's report (renderHtml's appendix). */
export const coverageCss = `<style>${COVERAGE_RULES}</style>`;
