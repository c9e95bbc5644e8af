// The human report: a short summary per model and, for each violation, the counterexample step by step.
// Colour is injected (a Style), so the report is plain strings and testable; only the CLI decides on ANSI.

import type { StateView, Trace, Violation, VerifyResult, CutView } from '../check/result.ts';
import { CHECKS } from '../check/result.ts';

export interface Style {
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}
const id = (s: string): string => s;
export const plainStyle: Style = { ok: id, bad: id, dim: id, bold: id };
export const ansiStyle: Style = {
  ok: (s) => `\x1b[32m${s}\x1b[39m`,
  bad: (s) => `\x1b[31m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};

/** A count with thousands separators, as every report writes them. */
export const int = (n: number): string => n.toLocaleString('en-US');
/** Bytes as gigabytes, with two decimals under 1 GB. */
const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1)} GB`;
/** A duration, as every report writes it. */
export const secs = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

export function headline(r: { readonly model: VerifyResult['model'] }): string {
  const from = r.model.initiatorNames.length === 0 ? 'from no initiator' : `from ${r.model.initiatorNames.join(', ')}`;
  // A script's own events start its snapshots, where it places them.
  const init = r.model.scripted === true && r.model.initiatorNames.length === 0 ? 'started by the script' : from;
  const faults = r.model.faults === null ? '' : `, ${r.model.faults}`;
  const snaps = r.model.snapshots > 1 ? `, ${r.model.snapshots} snapshots` : '';
  return `${r.model.name}: ${r.model.workload} on ${r.model.topology}, ${r.model.channels.replace(/^(\w+)( but |$)/, '$1 channels$2')}${faults}, ${r.model.algorithm} ${init}${snaps}`;
}

export function summary(r: VerifyResult, style: Style = plainStyle): string {
  const marks = CHECKS.filter((c) => r.checks[c] !== 'n/a').map((c) => {
    const s = r.checks[c];
    const v = r.violations.find((x) => x.check === c);
    return s === 'holds' ? style.ok(`✓ ${c}`) : s === 'violated' ? style.bad(`✗ ${c}${v ? ` (${v.trace.steps.length} steps)` : ''}`) : style.dim(`? ${c}`);
  }).join('  ');
  const f = r.facts;
  const partial = r.factsComplete
    ? ''
    : style.dim(
        r.stats.stoppedBy === 'state-bound'
          ? ` (partial: the search reached the state bound of ${int(r.stats.maxStates)} states; raise --max-states to explore everything)`
          : r.stats.stoppedBy === 'memory-bound' && r.stats.memoryHit === 'heap'
            ? ` (partial: the JavaScript heap was nearly full, at its limit of ${gb(r.stats.heapLimitBytes ?? 0)}; raise it with NODE_OPTIONS=--max-old-space-size=MB)`
          : r.stats.stoppedBy === 'memory-bound'
            ? ` (partial: the search reached the memory bound of ${gb(r.stats.maxMemoryBytes)}; raise --max-memory, or lower --max-states)`
            : r.stats.stoppedBy === 'interrupt'
            ? ' (partial: the search was interrupted; these facts count only what it explored)'
            : ' (partial: the search stopped at the first violation; --continue explores everything)',
      );
  const st = r.stats;
  const verdict = r.verdict === 'holds' ? style.ok('HOLDS') : r.verdict === 'violated' ? style.bad('VIOLATED') : style.bad('INCOMPLETE');
  return [
    style.bold(headline(r)),
    `  ${marks}`,
    `  facts: ${int(f.appStates)} application states, ${int(f.cuts)} cuts (${int(f.inconsistentCuts)} inconsistent, ${int(f.unreachableCuts)} unreachable), shortest inconsistent: ${f.shortestInconsistent ?? 'none'}${partial}`,
    ...snapshotLines(r),
    `  search: ${int(st.productStates)} states, ${int(st.transitions)} transitions, depth ${st.depth}, ${secs(st.elapsedMs)} (${int(st.statesPerSecond)} states/s), ${st.exhaustive ? 'exhaustive' : 'not exhaustive'}, collision probability ≤ ${st.collisionProbability.toExponential(1)}`,
    `  reductions: partial order ${st.reductions.partialOrder}, symmetry ${st.reductions.symmetry}; ${st.reductions.threads} thread(s)`,
    `  verdict: ${verdict}`,
  ].join('\n');
}

/** Each snapshot's facts, when an execution takes several: each followed alone (a script's), or one after another. */
function snapshotLines(r: VerifyResult): string[] {
  if (r.perSnapshot === undefined) return [];
  const each = r.perSnapshot.map(
    (s) =>
      `${s.snapshot}: ${int(s.facts.cuts)} cuts (${int(s.facts.inconsistentCuts)} inconsistent, ${int(s.facts.unreachableCuts)} unreachable)${s.productStates === undefined ? '' : `, ${int(s.productStates)} states`}${s.verdict === 'violated' ? ', violated' : ''}`,
  );
  if (r.snapshotRuns === 'one after another') {
    // A script's snapshots overlap as placed, unless the algorithm would have them hold each other up.
    const why = r.model.scripted === true ? ` (${r.model.algorithm} blocks channels, so the script's overlapping snapshots cannot be followed one at a time)` : '';
    return [`  per snapshot, one after another in each execution${why}: ${each.join('; ')}`];
  }
  const missing = r.model.snapshots - r.perSnapshot.length;
  return [`  per snapshot, each followed alone as the script overlaps them: ${each.join('; ')}${missing > 0 ? `; ${missing} more not searched after the first violation` : ''}`];
}

function stateLine(v: StateView): string {
  const procs = v.processes.map((p) => `${p.name}{${p.local}}${p.recorded !== null ? '*' : ''}`).join(' ');
  const chans = v.channels
    .filter((c) => c.messages.length > 0)
    .map((c) => (c.ordered ? `${c.name}[${c.messages.map((m) => m.text).join(', ')}]` : `${c.name}{${c.messages.map((m) => m.text).join(', ')}}`));
  return `${procs}${chans.length > 0 ? `  ${chans.join(' ')}` : ''}`;
}

export function traceText(t: Trace, style: Style = plainStyle): string {
  const lines = [`    ${style.dim('0')}  initial state: ${stateLine(t.initial)}`];
  for (const s of t.steps) {
    lines.push(`    ${style.dim(String(s.index))}  ${style.bold(s.text)}${s.effects.length > 0 ? ` — ${s.effects.join('; ')}` : ''}`);
    lines.push(`       ${style.dim(stateLine(s.after))}`);
  }
  lines.push(style.dim('    (* = has recorded its state; [..] a FIFO channel, head first; {..} an unordered channel)'));
  return lines.join('\n');
}

export function cutText(c: CutView): string {
  const procs = c.processes.map((p) => `${p.name}{${p.state}}`).join(' ');
  const chans = c.channels.map((ch) => `${ch.name}[${ch.messages.join(', ')}]`).join(' ');
  return `${procs}  ${chans}${c.summary !== undefined ? `  (${c.summary})` : ''}`;
}

export function violationText(v: Violation, style: Style = plainStyle): string {
  return [
    style.bad(`  ✗ ${v.check}: counterexample in ${v.trace.steps.length} steps`),
    traceText(v.trace, style),
    ...(v.cut !== undefined ? [`    recorded cut S*: ${cutText(v.cut)}`] : []),
    `    why: ${v.explanation}`,
  ].join('\n');
}

export function report(r: VerifyResult, style: Style = plainStyle): string {
  return [
    summary(r, style),
    ...r.violations.map((v, i) => {
      const same = r.violations.slice(0, i).find((u) => u.trace.codes.join() === v.trace.codes.join());
      return same === undefined
        ? violationText(v, style)
        : [style.bad(`  ✗ ${v.check}: the same ${v.trace.steps.length}-step counterexample as ${same.check}`), `    why: ${v.explanation}`].join('\n');
    }),
  ].join('\n');
}
