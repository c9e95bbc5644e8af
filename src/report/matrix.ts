// The assumption matrix as text (a table, with how to replay each row) and as the `--json` shape.

import { CHECKS } from '../check/result.ts';
import type { MatrixRow } from '../check/assumptions.ts';
import { plainStyle, type Style } from './text.ts';
import { SCHEMA_VERSION, checksJson } from './json.ts';

const cell = (r: MatrixRow, c: (typeof CHECKS)[number]): string => {
  const x = r.checks[c];
  return !x.applies ? 'n/a' : x.holds === null ? '?' : x.holds ? 'held' : `VIOLATED (${x.shortest ?? '?'})`;
};

/** The checks that apply to some row: the table's columns. */
const columns = (rows: readonly MatrixRow[]): (typeof CHECKS)[number][] => CHECKS.filter((c) => rows.some((r) => r.checks[c].applies));

/** `replay`: the command that reproduces a row, given how the model was named on the command line. */
/** A row with a check the search could not settle (it reached the state bound first). */
export const unsettled = (r: MatrixRow): boolean => CHECKS.some((c) => r.checks[c].applies && r.checks[c].holds === null);

export function matrixText(rows: readonly MatrixRow[], replay: (r: MatrixRow) => string, style: Style = plainStyle): string {
  const shown = columns(rows);
  const head = ['dropped', ...shown];
  const body = rows.map((r) => [r.dropped, ...shown.map((c) => cell(r, c))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cols: readonly string[]): string => cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const paint = (text: string): string => (text.includes('VIOLATED') ? style.bad(text) : text.includes('held') ? style.ok(text) : text);
  return [
    style.bold(line(head)),
    ...body.map((b) => b.map((c, i) => paint(c.padEnd(widths[i] ?? 0))).join('  ')),
    '',
    style.dim('VIOLATED (n): the shortest counterexample takes n steps. Each row, and how to replay it:'),
    ...(rows.some(unsettled)
      ? [style.bad(`?: not settled, because that row's search reached the state bound (rows: ${rows.filter(unsettled).map((r) => r.dropped).join(', ')}); raise --max-states to settle it`)]
      : []),
    ...rows.map((r) => `  ${r.dropped.padEnd(16)} ${r.change}\n  ${''.padEnd(16)} ${style.dim(replay(r))}`),
    ...(rows.some((r) => r.dropped === 'single-snapshot') ? [] : [`  ${'single-snapshot'.padEnd(16)} ${style.dim('no row: the algorithm takes one snapshot per execution')}`]),
  ].join('\n');
}

/** `cutcheck assumptions --json`: one row per dropped assumption, each check's outcome in the same shape as verify's. */
export function matrixJson(rows: readonly MatrixRow[], replay: (r: MatrixRow) => string): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'assumptions',
    rows: rows.map((r) => ({
      dropped: r.dropped,
      checks: checksJson((c) => {
        const x = r.checks[c];
        return { status: !x.applies ? 'n/a' : x.holds === null ? 'unknown' : x.holds ? 'holds' : 'violated', shortest: x.holds === false ? x.shortest : null };
      }),
      verdict: r.verdict,
      change: r.change,
      replay: replay(r),
      states: r.states,
    })),
  };
}
