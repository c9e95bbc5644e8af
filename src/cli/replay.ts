// `cutcheck replay FILE`: rebuilds the model a trace file names, re-executes its steps, and confirms the recorded
// violation recurs (exit 1, as verify), or says it no longer occurs (exit 0); a trace that no longer fits is exit 2.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Result, ok, err } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { replayTrace, type ReplayOutcome } from '../trace/api.ts';
import type { TraceDoc } from '../trace/document.ts';
import { readItfTrace } from '../trace/itf.ts';
import { violationText, type Style } from '../report/text.ts';
import type { VerifyArgs } from './args.ts';
import { buildSpec, loadModelFile } from './load.ts';

export interface ReplayArgs {
  readonly command: 'replay';
  readonly file: string;
  readonly original: boolean;
  readonly model?: string;
  readonly json: boolean;
  readonly color: boolean | undefined;
}

export const REPLAY_USAGE = `  cutcheck replay TRACE.itf.json [--original] [--model MODEL.ts] [--json]
                           re-run a trace file's steps and confirm its violation recurs`;

export function parseReplayArgs(argv: readonly string[]): Result<ReplayArgs> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { original: { type: 'boolean' }, model: { type: 'string' }, json: { type: 'boolean' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' } },
    });
  } catch (e) {
    return err('CC007', `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (see 'cutcheck help')`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) return err('CC007', `'replay' takes one trace file, e.g. cutcheck replay out/cex.itf.json`);
  const v = parsed.values;
  return ok({
    command: 'replay',
    file,
    original: v.original === true,
    ...(v.model !== undefined ? { model: v.model } : {}),
    json: v.json === true,
    color: v['no-color'] === true ? false : v.color === true ? true : undefined,
  });
}

export function readTraceFile(path: string): Result<TraceDoc> {
  if (!existsSync(path)) return err('CC009', `trace file '${path}' does not exist`);
  const doc = readItfTrace(readFileSync(path, 'utf8'));
  return doc.ok ? doc : err('CC009', `${path}: ${doc.error.message}`);
}

/** The model a trace names: its model file (found from the working directory or beside the trace) and options. */
export async function modelOf(doc: TraceDoc, tracePath: string, override?: string): Promise<Result<ModelSpec<unknown, unknown>>> {
  const rebuild = doc.rebuild;
  if (rebuild === null && override === undefined)
    return err('CC009', `the trace does not say how to build its model (it was not written by 'cutcheck verify'); pass --model MODEL.ts`);
  let file = override ?? rebuild?.file;
  if (file !== undefined && override === undefined && !existsSync(file)) {
    const beside = resolve(dirname(tracePath), file);
    if (existsSync(beside)) file = beside;
  }
  let base = null;
  if (file !== undefined) {
    const l = await loadModelFile(file);
    if (!l.ok) return l;
    base = l.value;
  }
  const args = { command: 'verify', files: [], continue: false, json: false, color: undefined, progress: undefined, lossy: false, duplicating: false, partialOrder: true, symmetry: true, ...(rebuild?.args ?? {}) } as VerifyArgs;
  return buildSpec(base, args);
}

export interface ReplayReport {
  readonly code: number;
  readonly text: string;
  readonly outcome: ReplayOutcome;
}

export async function replayFile(args: ReplayArgs, style: Style): Promise<Result<ReplayReport>> {
  const doc = readTraceFile(args.file);
  if (!doc.ok) return doc;
  const spec = await modelOf(doc.value, args.file, args.model);
  if (!spec.ok) return spec;
  const r = replayTrace(spec.value, doc.value, { original: args.original });
  if (!r.ok) return err(r.error.code, `${args.file}: ${r.error.message}`);
  const o = r.value;
  const which = args.original && doc.value.original !== undefined ? "the search's original trace" : doc.value.minimisation?.shrunk === true ? 'the minimised trace' : 'the trace';
  const lines = [style.bold(`replaying ${which} of ${args.file}: ${o.run.steps.length} steps on ${doc.value.model.name} (${doc.value.model.workload} on ${doc.value.model.topology})`)];
  if (o.fingerprint.now !== o.fingerprint.recorded)
    lines.push(style.dim(`  note: the model has changed since the trace was written (fingerprint ${o.fingerprint.recorded} then, ${o.fingerprint.now} now); every step still applies`));
  else lines.push('  every step applies');
  const recorded = o.recorded?.check;
  if (o.violation === null)
    lines.push(style.ok(recorded === undefined ? '  no check fails at the end of this trace' : `  the recorded violation (${recorded}) no longer occurs: every check holds at the end of this trace`));
  else {
    lines.push(
      o.recurs
        ? style.bad(`  ✗ ${o.violation.check} fails again at step ${o.run.steps.length}, as recorded`)
        : style.bad(`  ✗ ${o.violation.check} fails at step ${o.run.steps.length}${recorded === undefined ? '' : ` (the trace recorded ${recorded}, which no longer fails)`}`),
      violationText(o.violation, style),
    );
  }
  return ok({ code: o.violation === null ? 0 : 1, text: lines.join('\n'), outcome: o });
}
