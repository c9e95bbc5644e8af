// `cutcheck compare` as text (one table: the checks, then the costs, one column per algorithm; then each shortest
// counterexample) and as the `--json` shape.

import type { ComparedAlgorithm, Comparison } from '../check/compare.ts';
import { STEP_CAP, type Range } from '../check/costs.ts';
import { CHECKS } from '../check/result.ts';
import { SCHEMA_VERSION, checksJson, violationJson } from './json.ts';
import { headline, int, plainStyle, traceText, type Style } from './text.ts';

const span = (r: Range | null, none = 'none completed'): string => (r === null ? none : r.min === r.max ? int(r.min) : `${int(r.min)}–${int(r.max)}`);

/** The cost rows: a label, and each algorithm's cell. */
const COSTS: readonly { readonly label: string; readonly cell: (a: ComparedAlgorithm) => string }[] = [
  { label: 'control messages per snapshot', cell: (a) => span(a.costs.controlMessages) },
  { label: 'messages recorded as channel state', cell: (a) => span(a.costs.recordedMessages) },
  { label: 'bits piggybacked per message', cell: (a) => span(a.costs.piggybackBits, 'none sent') },
  {
    label: 'steps, first initiate to completion',
    cell: (a) => (a.costs.steps !== null && a.costs.steps.atLeast ? `${int(a.costs.steps.min)}–${int(STEP_CAP)}+` : span(a.costs.steps)),
  },
  { label: 'most messages held back (blocked)', cell: (a) => (a.costs.heldBack === null ? 'never blocks' : span(a.costs.heldBack)) },
];

const checkCell = (a: ComparedAlgorithm, c: (typeof CHECKS)[number]): string => {
  const x = a.checks[c];
  return x.status === 'n/a' ? 'n/a' : x.status === 'unknown' ? '?' : x.status === 'holds' ? 'held' : `VIOLATED (${x.shortest ?? '?'})`;
};

/** `replay(a)`: the command that shows algorithm a's counterexamples in full. */
export function compareText(c: Comparison, replay: (a: ComparedAlgorithm) => string, style: Style = plainStyle): string {
  const algs = c.algorithms;
  const rows: string[][] = [
    ['', ...algs.map((a) => a.name)],
    ...CHECKS.filter((k) => algs.some((a) => a.checks[k].status !== 'n/a')).map((k) => [k, ...algs.map((a) => checkCell(a, k))]),
    ['verdict', ...algs.map((a) => a.verdict.toUpperCase())],
    [],
    ['cost, min–max over executions', ...algs.map(() => '')],
    ...COSTS.map((k) => [`  ${k.label}`, ...algs.map(k.cell)]),
    [],
    ['states (checks / costs)', ...algs.map((a) => `${int(a.result.stats.productStates)} / ${int(a.costs.states)}`)],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const paint = (text: string): string => (/VIOLATED|INCOMPLETE/.test(text) ? style.bad(text) : /^(held|HOLDS)\b/.test(text.trim()) ? style.ok(text) : text);
  const line = (r: readonly string[], i: number): string =>
    r.length === 0 ? '' : r.map((cell, j) => (i === 0 || j === 0 ? cell.padEnd(widths[j] ?? 0) : paint(cell.padEnd(widths[j] ?? 0)))).join('  ').trimEnd();
  const { model } = algs[0]!.result;
  const head = headline({ ...algs[0]!.result, model: { ...model, algorithm: 'each algorithm' } });
  const why = (s: string | null): string => (s === 'state-bound' ? 'the state bound' : s === 'memory-bound' ? 'the memory bound' : 'an interrupt');
  const partial = algs.flatMap((a) => [
    ...(a.result.stats.exhaustive ? [] : [`${a.name}'s checks (${why(a.result.stats.stoppedBy)})`]),
    ...(a.costs.complete ? [] : [`${a.name}'s costs (${why(a.costsStoppedBy)})`]),
  ]);
  const out = [
    style.bold(head),
    '',
    ...rows.map((r, i) => (i === 0 ? style.bold(line(r, i)) : line(r, i))),
    '',
    style.dim('VIOLATED (n): the shortest counterexample takes n steps. Costs are over the executions that complete a snapshot;'),
    style.dim(`bits: ⌈log₂ k⌉ for the k values an algorithm piggybacks, 0 on a message it sends bare; steps include both ends.`),
    ...(partial.length > 0
      ? [style.bad(`incomplete: cut short were ${partial.join(', ')}; those figures count only what was explored (raise --max-states or --max-memory)`)]
      : []),
  ];
  out.push(...stragglerText(c, style));
  for (const a of algs) {
    if (a.violations.length === 0) continue;
    out.push('', style.bold(`${a.name}: the shortest counterexample of each check that fails (in full: ${replay(a)})`));
    a.violations.forEach((v, i) => {
      const same = a.violations.slice(0, i).find((u) => u.trace.codes.join() === v.trace.codes.join());
      out.push(style.bad(`  ✗ ${v.check}: ${same === undefined ? `${v.trace.steps.length} steps` : `the same ${v.trace.steps.length} steps as ${same.check}`}`));
      if (same === undefined) out.push(traceText(v.trace, style));
      out.push(`    why: ${v.explanation}`);
    });
  }
  return out.join('\n');
}

/** The straggler table: one row per lag, one column per algorithm (records held back, records saved). */
function stragglerText(c: Comparison, style: Style): string[] {
  if (c.straggler === null) return [];
  const slow = c.straggler.name;
  const algs = c.algorithms.filter((a) => a.straggler !== null);
  const lags = Math.max(0, ...algs.map((a) => a.straggler!.rows.length));
  const cell = (a: ComparedAlgorithm, lag: number): string => {
    const rows = a.straggler!.rows;
    const r = rows[Math.min(lag, rows.length - 1)];
    if (r === undefined || r.completions === 0) return 'none completes';
    const held = r.heldBack === null ? 'never blocks' : `holds back ${int(r.heldBack)}`;
    return r.recorded === 0 ? `${held}, saves 0` : `${held}, saves ${int(r.recorded)} (${int(r.recordedSlow)} of ${slow})`;
  };
  const rows: string[][] = [['lag L', ...algs.map((a) => a.name)], ...Array.from({ length: lags }, (_, lag) => [String(lag), ...algs.map((a) => cell(a, lag))])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const partial = algs.filter((a) => !a.straggler!.complete).map((a) => a.name);
  return [
    '',
    style.bold(`The straggler: ${slow} lags by up to L records (most records over the executions that complete a checkpoint)`),
    ...rows.map((r, i) => {
      const text = `  ${r.map((x, j) => x.padEnd(widths[j] ?? 0)).join('  ')}`.trimEnd();
      return i === 0 ? style.bold(text) : text;
    }),
    style.dim(`Lag L: what the receiver of ${slow} has taken from it is never more than L records behind what has arrived on any of its`),
    style.dim(`inputs; every other channel is prompt (one record in flight at most, unless its receiver blocked it). No crashes, no`),
    style.dim(`network faults. "holds back": records waiting behind one blocked input; "saves": records in the checkpoint's channel state.`),
    ...(partial.length > 0 ? [style.bad(`incomplete: the straggler search was cut short for ${partial.join(', ')} (raise --max-states or --max-memory)`)] : []),
  ];
}

const rangeJson = (r: Range | null): object | null => (r === null ? null : { min: r.min, max: r.max });

/** `cutcheck compare --json`: the model, then per algorithm its checks, costs and shortest counterexamples. */
export function compareJson(c: Comparison, replay: (a: ComparedAlgorithm) => string): object {
  const m = c.model;
  const model = { name: m.name, topology: m.topology, workload: m.workload, channels: m.channels, initiators: m.initiators, initiatorNames: m.initiatorNames, faults: m.faults, snapshots: m.snapshots };
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'compare',
    model,
    ...(c.straggler === null ? {} : { straggler: { channel: c.straggler.name, from: c.straggler.from, to: c.straggler.to } }),
    algorithms: c.algorithms.map((a) => ({
      name: a.name,
      summary: a.summary,
      broken: a.broken,
      verdict: a.verdict,
      checks: checksJson((k) => a.checks[k]),
      costs: {
        complete: a.costs.complete,
        stoppedBy: a.costsStoppedBy,
        completions: a.costs.completions,
        controlMessages: rangeJson(a.costs.controlMessages),
        recordedMessages: rangeJson(a.costs.recordedMessages),
        piggybackBits: rangeJson(a.costs.piggybackBits),
        piggybackValues: a.costs.piggybackValues,
        steps: a.costs.steps === null ? null : { min: a.costs.steps.min, max: a.costs.steps.max, atLeast: a.costs.steps.atLeast },
        heldBack: rangeJson(a.costs.heldBack),
      },
      states: { checks: a.result.stats.productStates, costs: a.costs.states, ...(a.straggler === null ? {} : { straggler: a.straggler.states }) },
      ...(a.straggler === null ? {} : { straggler: { complete: a.straggler.complete, rows: a.straggler.rows } }),
      replay: replay(a),
      violations: a.violations.map(violationJson),
    })),
  };
}
