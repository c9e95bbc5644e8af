// Text and JSON reports of a bounded proof (prove/prove.ts): the theorem, how many graphs, the outcome, a table of
// the shortest inconsistent executions where the theorem is about them, and each refutation with its trace.

import type { Proof, Row } from '../prove/prove.ts';
import type { CertificateCheck } from '../prove/certificate.ts';
import { plainStyle, traceText, type Style } from './text.ts';
import { SCHEMA_VERSION } from './json.ts';

/** What became of the proof's certificate file. */
export type CertificateStatus =
  | { readonly kind: 'agrees'; readonly file: string; readonly check: CertificateCheck }
  | { readonly kind: 'differs'; readonly file: string; readonly check: CertificateCheck; readonly written: boolean }
  | { readonly kind: 'written'; readonly file: string }
  | { readonly kind: 'missing'; readonly file: string }
  | { readonly kind: 'skipped'; readonly why: string };

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** `1 on 2 processes, 5 on 3, 83 on 4`. */
function graphSizes(rows: readonly Row[]): string {
  const by = new Map<number, Set<string>>();
  for (const r of rows) {
    const n = Number(/^n(\d+)-/.exec(r.graph)?.[1] ?? 0);
    by.set(n, (by.get(n) ?? new Set()).add(r.graph));
  }
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, s], i) => `${s.size} on ${n}${i === 0 ? ' processes' : ''}`)
    .join(', ');
}

/** Rows grouped by the shape the shortest length depends on: channels and initial components, with the lengths seen. */
export function shortestTable(rows: readonly Row[]): { channels: number; processes: number; lengths: number[]; predicted: number | null; graphs: number }[] {
  const groups = new Map<string, { channels: number; processes: number; lengths: Set<number>; predicted: number | null; graphs: number }>();
  for (const r of rows) {
    if (r.shortest === undefined || r.shortest === null) continue;
    const processes = Number(/^n(\d+)-/.exec(r.graph)?.[1] ?? 0);
    const key = `${processes} ${r.channels} ${String(r.predicted)}`;
    const g = groups.get(key) ?? { channels: r.channels, processes, lengths: new Set<number>(), predicted: r.predicted ?? null, graphs: 0 };
    g.lengths.add(r.shortest);
    g.graphs++;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.processes - b.processes || a.channels - b.channels || (a.predicted ?? 0) - (b.predicted ?? 0))
    .map((g) => ({ ...g, lengths: [...g.lengths].sort((x, y) => x - y) }));
}

function certificateLine(c: CertificateStatus, style: Style): string {
  switch (c.kind) {
    case 'agrees':
      return style.ok(`  certificate ${c.file}: every row recomputed agrees (${plural(c.check.agreeing, 'row')})`);
    case 'differs': {
      const shown = c.check.differences.slice(0, 8).map((d) => `    ${d}`);
      const more = c.check.differences.length > 8 ? [`    … and ${c.check.differences.length - 8} more`] : [];
      return [
        style.bad(`  certificate ${c.file}: ${plural(c.check.differences.length, 'difference')} (${plural(c.check.agreeing, 'row')} agree)${c.written ? '; rewritten with the rows found now' : ''}`),
        ...shown,
        ...more,
      ].join('\n');
    }
    case 'written':
      return style.ok(`  certificate ${c.file}: written`);
    case 'missing':
      return style.dim(`  certificate ${c.file}: none yet (--update writes it)`);
    case 'skipped':
      return style.dim(`  certificate: not compared (${c.why})`);
  }
}

/** `text` broken at spaces into lines of at most `width` characters, each indented by `indent`. */
function wrapped(text: string, indent: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

export function proofText(p: Proof, certificate: CertificateStatus, style: Style = plainStyle): string {
  const t = p.theorem;
  const lines = [style.bold(`theorem ${t.id}: ${t.title}`), ...wrapped(t.statement, '  ')];
  if (p.algorithm !== t.hypotheses.algorithm) lines.push(style.bad(`  with ${p.algorithm} in place of ${t.hypotheses.algorithm}`));
  const scope = p.interrupted
    ? ` (interrupted after ${p.rows.length} of ${p.planned} rows)`
    : p.partial
      ? ' (a part of the theorem: --processes or --sample left graphs out)'
      : '';
  lines.push(`  ${plural(p.graphs, 'graph')} (${graphSizes(p.rows)}), ${plural(p.rows.length, 'row')}, ${(p.elapsedMs / 1000).toFixed(1)} s${scope}`);
  if (t.conclusion.kind === 'some-cut-inconsistent') {
    lines.push('  shortest execution recording an inconsistent cut, by graph size:');
    lines.push(`    processes  channels  graphs  steps${t.conclusion.shortest === undefined ? '' : '  the theorem says'}`);
    for (const g of shortestTable(p.rows))
      lines.push(`    ${String(g.processes).padStart(9)}  ${String(g.channels).padStart(8)}  ${String(g.graphs).padStart(6)}  ${g.lengths.join(', ').padStart(5)}${g.predicted === null ? '' : `  ${g.predicted}`}`);
  }
  const failed = p.rows.filter((r) => !r.holds);
  if (p.outcome === 'proved') lines.push(style.ok(`  PROVED${p.partial ? ' on these graphs' : ''}: the conclusion holds on every row`));
  else if (p.outcome === 'undecided' && failed.length === 0) lines.push(style.bad(`  UNDECIDED: interrupted; the conclusion holds on the ${plural(p.rows.length, 'row')} decided`));
  else if (p.outcome === 'undecided') lines.push(style.bad(`  UNDECIDED: ${plural(failed.length, 'row')} reached the search bound before deciding, and none fails`));
  else lines.push(style.bad(`  REFUTED on ${plural(p.refutations.length, 'row')} of ${p.rows.length}`));
  for (const [i, r] of p.refutations.slice(0, 3).entries()) {
    const row = r.row;
    lines.push(style.bad(`  ✗ ${row.graph} (--topology ${row.topology}), ${row.workload}, initiators ${row.initiators.join(',')}: ${row.why ?? ''}`));
    if (r.trace !== null && i === 0) lines.push(`    ${r.shortest ? 'shortest counterexample' : 'counterexample'}${r.check === null ? '' : ` (${r.check})`}, ${plural(r.trace.steps.length, 'step')}:`, traceText(r.trace, style));
  }
  if (p.refutations.length > 3) lines.push(style.dim(`  … and ${p.refutations.length - 3} more rows fail (--json lists them all)`));
  for (const r of failed.filter((x) => x.undecided === true).slice(0, 3)) lines.push(style.dim(`  ? ${r.graph} (${r.topology}), ${r.workload}: ${r.why ?? ''}`));
  lines.push(certificateLine(certificate, style));
  return lines.join('\n');
}

/** `cutcheck prove --json` (docs/schema/prove.schema.json): one entry per theorem. */
export const proveJson = (theorems: readonly object[]): object => ({ schemaVersion: SCHEMA_VERSION, kind: 'prove', theorems });

/** One proof as JSON: the outcome, the rows, the refutations with their traces' steps, the certificate's fate. */
export function proofJson(p: Proof, certificate: CertificateStatus): object {
  return {
    theorem: p.theorem.id,
    title: p.theorem.title,
    statement: p.theorem.statement,
    algorithm: p.algorithm,
    outcome: p.outcome,
    partial: p.partial,
    interrupted: p.interrupted,
    graphs: p.graphs,
    elapsedMs: Math.round(p.elapsedMs),
    rows: p.rows,
    refutations: p.refutations.map((r) => ({
      graph: r.row.graph,
      topology: r.row.topology,
      workload: r.row.workload,
      initiators: r.row.initiators,
      why: r.row.why,
      check: r.check,
      steps: r.trace?.steps.map((s) => s.text) ?? null,
      shortest: r.shortest,
    })),
    certificate: certificate.kind === 'skipped' ? { status: 'skipped', why: certificate.why } : { status: certificate.kind, file: certificate.file, ...('check' in certificate ? { differences: certificate.check.differences } : {}) },
  };
}
