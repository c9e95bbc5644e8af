// A proof's certificate: the theorem as stated, and one row per graph, workload and initiator set, holding only
// what every run reproduces (no times, no thread-dependent counts). Anyone can re-check it: `cutcheck prove ID`
// recomputes every row and compares. Pure data in, data out; the CLI reads and writes the files.

import { type Result, echo, err, ok } from '../errors.ts';
import type { Proof, Row } from './prove.ts';
import type { Theorem } from './theorems.ts';

export const CERTIFICATE_VERSION = 1;

/** A row as the certificate keeps it: what the search found, without the conclusion's wording. */
export type CertifiedRow = Omit<Row, 'why'>;

export interface Certificate {
  readonly certificate: typeof CERTIFICATE_VERSION;
  readonly theorem: string;
  readonly title: string;
  readonly statement: string;
  readonly hypotheses: Theorem['hypotheses'];
  readonly conclusion: Theorem['conclusion'];
  readonly outcome: Proof['outcome'];
  readonly graphs: number;
  /** How the rows were computed, so that a re-check computes them the same way. */
  readonly method: string;
  readonly rows: readonly CertifiedRow[];
}

export const METHOD =
  'One verify() per row on one thread, whose stored-state count is the same on every run (with two threads it may vary by a few states; the facts do not). ' +
  'cutsHash is the SHA-256 of the recorded cuts, each written as JSON { locals, channels: [from, to, messages] } with an unordered channel\'s messages sorted, sorted and joined by newlines.';

const rowKey = (r: Pick<Row, 'graph' | 'workload' | 'initiators'>): string => `${r.graph} ${r.workload} [${r.initiators.join(',')}]`;

const certified = ({ why: _why, ...rest }: Row): CertifiedRow => rest;

/** The certificate of a complete proof (not one cut down by --processes or a sample). */
export function certificateOf(proof: Proof): Certificate {
  const t = proof.theorem;
  return {
    certificate: CERTIFICATE_VERSION,
    theorem: t.id,
    title: t.title,
    statement: t.statement,
    hypotheses: t.hypotheses,
    conclusion: t.conclusion,
    outcome: proof.outcome,
    graphs: proof.graphs,
    method: METHOD,
    rows: proof.rows.map(certified),
  };
}

/** The certificate as a file: two-space JSON, but one row per line, so that a diff names the rows that changed. */
export function certificateText(c: Certificate): string {
  const { rows, ...head } = c;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "rows": [\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]\n}\n`;
}

/** A certificate file's text, read back; CC012 naming `file` if it is not one. */
export function parseCertificate(text: string, file: string): Result<Certificate> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err('CC012', `certificate ${echo(file)} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const d = doc as Partial<Certificate> | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return err('CC012', `certificate ${echo(file)} must be an object`);
  if (d.certificate !== CERTIFICATE_VERSION) return err('CC012', `certificate ${echo(file)}: "certificate" must be ${CERTIFICATE_VERSION}, the format this cutcheck writes`);
  if (typeof d.theorem !== 'string') return err('CC012', `certificate ${echo(file)}: "theorem" must name the theorem`);
  if (!Array.isArray(d.rows)) return err('CC012', `certificate ${echo(file)}: "rows" must be an array`);
  for (const [i, r] of (d.rows as unknown[]).entries()) {
    const row = r as Partial<CertifiedRow> | null;
    if (typeof row !== 'object' || row === null || typeof row.graph !== 'string' || typeof row.workload !== 'string' || !Array.isArray(row.initiators))
      return err('CC012', `certificate ${echo(file)}: row ${i + 1} needs graph, workload and initiators`);
  }
  return ok(d as Certificate);
}

export interface CertificateCheck {
  /** Rows recomputed and found equal to the stored ones. */
  readonly agreeing: number;
  /** One line per difference: a header field, a row that differs, is missing or is new. */
  readonly differences: readonly string[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields of two versions of a row that differ, as `field: stored → now`. */
function rowDifference(stored: CertifiedRow, now: CertifiedRow): string {
  const keys = [...new Set([...Object.keys(stored), ...Object.keys(now)])] as (keyof CertifiedRow)[];
  return keys
    .filter((k) => !same(stored[k], now[k]))
    .map((k) => `${k}: ${JSON.stringify(stored[k]) ?? 'absent'} → ${JSON.stringify(now[k]) ?? 'absent'}`)
    .join('; ');
}

/**
 * Compares a proof with a stored certificate, on the rows it decided: a row whose search reached its bound found
 * nothing to compare. A partial proof (--processes, a sample, an interruption) or one with undecided rows is compared
 * row by row; a complete, decided one must also have exactly the stored rows and the same header.
 */
export function checkCertificate(stored: Certificate, proof: Proof): CertificateCheck {
  const now = certificateOf(proof);
  const differences: string[] = [];
  for (const k of ['theorem', 'title', 'statement', 'hypotheses', 'conclusion', 'method'] as const)
    if (!same(stored[k], now[k])) differences.push(`${k} differs from the certificate's`);
  const whole = !proof.partial && now.rows.every((r) => r.undecided !== true);
  if (whole) {
    if (stored.outcome !== now.outcome) differences.push(`outcome: the certificate says ${stored.outcome}, the proof ${now.outcome}`);
    if (stored.graphs !== now.graphs) differences.push(`graphs: the certificate has ${stored.graphs}, the proof ${now.graphs}`);
  }
  const byKey = new Map(stored.rows.map((r) => [rowKey(r), r]));
  let agreeing = 0;
  for (const r of now.rows.filter((x) => x.undecided !== true)) {
    const s = byKey.get(rowKey(r));
    if (s === undefined) differences.push(`${rowKey(r)}: not in the certificate`);
    else if (!same(s, r)) differences.push(`${rowKey(r)}: ${rowDifference(s, r)}`);
    else agreeing++;
    byKey.delete(rowKey(r));
  }
  if (whole) for (const k of byKey.keys()) differences.push(`${k}: in the certificate, but not among the graphs the theorem ranges over`);
  return { agreeing, differences };
}
