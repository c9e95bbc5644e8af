// What `verify` does with its counterexamples besides printing them: minimises each (shown by default, the
// search's own with --original), writes them as ITF trace files (--trace-out) and as HTML reports (--report).
// A model that holds gets its example run (a completed snapshot) written instead.

import { writeFileSync } from 'node:fs';
import { type Result, describeThrown, echo, ok, err } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { Trace, VerifyResult, Violation } from '../check/result.ts';
import { traceExample, traceViolation } from '../trace/api.ts';
import type { Rebuild, TraceDoc } from '../trace/document.ts';
import { toItfTrace } from '../trace/itf.ts';
import { renderHtml } from '../render/html.ts';
import { stepListJson } from '../report/json.ts';
import type { VerifyArgs } from './args.ts';
import type { Loaded } from './load.ts';

/** Options of verify that say how to run it or show its result, not which model: left out of a trace's rebuild. */
const NOT_MODEL = new Set(['command', 'files', 'continue', 'json', 'color', 'progress', 'maxStates', 'maxMemoryBytes', 'traceOut', 'cutsOut', 'report', 'original', 'shard', 'checkpoint', 'checkpointEvery', 'resume']);

export function rebuildOf(base: Loaded | null, args: VerifyArgs): Rebuild {
  const kept = Object.entries(args).filter(([k, v]) => !NOT_MODEL.has(k) && v !== undefined);
  return { ...(base !== null ? { file: base.source } : {}), args: Object.fromEntries(kept) };
}

/** The snapshot a run follows alone, as trace options (verify follows each placed snapshot of a script so). */
export const trackOf = (t: Trace): { readonly track?: number } => (t.track === undefined ? {} : { track: t.track });

/** FILE for the first violation, FILE with the check's name before its extension for the others. */
export function fileFor(path: string, check: string, first: boolean): string {
  if (first) return path;
  const dot = path.lastIndexOf('.');
  const itf = path.endsWith('.itf.json') ? path.length - '.itf.json'.length : dot;
  return itf > path.lastIndexOf('/') ? `${path.slice(0, itf)}.${check}${path.slice(itf)}` : `${path}.${check}`;
}

export interface Presented {
  /** The result with each violation as shown (minimised unless --original). */
  readonly result: VerifyResult;
  readonly docs: readonly TraceDoc[];
  /** One line per violation on minimisation, and one per file written. */
  readonly notes: readonly string[];
}

export function presentCounterexamples(spec: ModelSpec<unknown, unknown>, r: VerifyResult, args: VerifyArgs, base: Loaded | null): Result<Presented> {
  const wanted = args.traceOut !== undefined || args.report !== undefined || args.original !== true;
  if (r.violations.length === 0 && r.example !== undefined && r.example !== null && (args.traceOut !== undefined || args.report !== undefined))
    return presentExample(spec, r, r.example, args, base);
  if (r.violations.length === 0 || !wanted) return ok({ result: r, docs: [], notes: [] });
  const rebuild = rebuildOf(base, args);
  const shown: Violation[] = [];
  const docs: TraceDoc[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  for (const v of r.violations) {
    // Violations sharing one counterexample (the report says "the same trace as") share its minimised form too.
    const same = seen.get(v.trace.codes.join());
    const t = traceViolation(spec, v, { rebuild, capacity: r.stats.capacity, minimise: args.original !== true });
    if (!t.ok) return t;
    const doc = t.value.doc;
    docs.push(doc);
    shown.push(args.original === true ? v : t.value.shown);
    if (same === undefined && args.original !== true && doc.minimisation !== undefined) notes.push(`  ${v.check}: ${doc.minimisation.note}${doc.minimisation.shrunk ? ' (--original shows the search\'s trace)' : ''}`);
    seen.set(v.trace.codes.join(), docs.length - 1);
  }
  const written: string[] = [];
  const write = writer(written);
  for (const [i, doc] of docs.entries()) {
    const check = r.violations[i]?.check ?? 'violation';
    if (args.traceOut !== undefined) {
      const w = write(fileFor(args.traceOut, check, i === 0), `${JSON.stringify(toItfTrace(doc), null, 1)}\n`);
      if (!w.ok) return w;
    }
    if (args.report !== undefined) {
      const replay = args.traceOut === undefined ? undefined : `cutcheck replay ${fileFor(args.traceOut, check, i === 0)}`;
      const w = write(fileFor(args.report, check, i === 0), renderHtml(doc, args.original === true && doc.original !== undefined ? doc.original : doc, replay === undefined ? {} : { replayCommand: replay }));
      if (!w.ok) return w;
    }
  }
  for (const path of written) notes.push(`  wrote ${path}${path.endsWith('.json') ? ` (check it again with: cutcheck replay ${path})` : ''}`);
  return ok({ result: { ...r, violations: shown }, docs, notes });
}

/** Writes files, remembering which; a failure is one CC010 line. */
export const writer =
  (written: string[]) =>
  (path: string, text: string): Result<void> => {
    try {
      writeFileSync(path, text);
      written.push(path);
      return ok(undefined);
    } catch (e) {
      return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
    }
  };

/** A model that holds: its example run (a completed snapshot) as the trace file and the report, so it can be looked at. */
function presentExample(spec: ModelSpec<unknown, unknown>, r: VerifyResult, example: Trace, args: VerifyArgs, base: Loaded | null): Result<Presented> {
  const t = traceExample(spec, example.codes, { rebuild: rebuildOf(base, args), capacity: r.stats.capacity, ...trackOf(example) });
  if (!t.ok) return t;
  const written: string[] = [];
  const write = writer(written);
  if (args.traceOut !== undefined) {
    const w = write(args.traceOut, `${JSON.stringify(toItfTrace(t.value), null, 1)}\n`);
    if (!w.ok) return w;
  }
  if (args.report !== undefined) {
    const w = write(args.report, renderHtml(t.value, t.value, args.traceOut === undefined ? {} : { replayCommand: `cutcheck replay ${args.traceOut}` }));
    if (!w.ok) return w;
  }
  const what = `an example run: a consistent snapshot completed in ${example.steps.length} steps`;
  return ok({ result: r, docs: [], notes: written.map((path) => `  wrote ${path} (${what})`) });
}

/** The --json object with, per violation, what minimisation did and the trace's editable step list. */
export function withTraces(json: object, p: Presented): object {
  const j = json as { violations?: object[] };
  if (j.violations === undefined || p.docs.length === 0) return json;
  return {
    ...json,
    violations: j.violations.map((v, i) => {
      const d = p.docs[i];
      return d === undefined ? v : { ...v, minimisation: d.minimisation ?? null, traceSteps: stepListJson(d.steps), originalSteps: stepListJson(d.original?.steps ?? d.steps) };
    }),
  };
}
