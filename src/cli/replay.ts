// `cutcheck replay FILE`: rebuilds the model a trace file names, re-executes its steps, and confirms the recorded
// violation recurs (exit 1, as verify), or says it no longer occurs (exit 0); a trace that no longer fits is exit 2.
// A trace is data that may come from anyone, so the model file it names is loaded only from inside the working
// directory, saying so on stderr; a model from anywhere else needs --model.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { type Result, describeThrown, echo, ok, err, oneLine } from '../errors.ts';
import type { ModelSpec } from '../model/types.ts';
import { replayTrace, type ReplayOutcome } from '../trace/api.ts';
import type { Rebuild, TraceDoc } from '../trace/document.ts';
import { readItfTrace } from '../trace/itf.ts';
import { violationText, type Style } from '../report/text.ts';
import type { VerifyArgs } from './args.ts';
import { buildSpec, loadOptional } from './load.ts';
import { OUTPUT_FLAGS, parseFlags, switchFlag } from './flags.ts';
import { readLogScenario, readScenario } from './admit.ts';
import { scenarioModel } from '../admit/scenario.ts';
import type { ScriptOrder } from '../workloads/script.ts';

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
  const flags = parseFlags(
    argv,
    { 'handler-timeout': { type: 'string' }, original: { type: 'boolean' }, model: { type: 'string' }, ...OUTPUT_FLAGS },
    'cutcheck help',
  );
  if (!flags.ok) return flags;
  const parsed = flags.value;
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) return err('CC007', `'replay' takes one trace file, e.g. cutcheck replay out/cex.itf.json`);
  const v = parsed.values;
  return ok({
    command: 'replay',
    file,
    original: v.original === true,
    ...(v.model !== undefined ? { model: v.model } : {}),
    json: v.json === true,
    color: switchFlag(v, 'color'),
  });
}

/** Why a file could not be read, from the error Node gave. */
function unreadable(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'does not exist';
  if (code === 'EISDIR') return 'is a directory, not a trace file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
  return `cannot be read: ${describeThrown(e)}`;
}

/** A trace file, read and checked once: CC010 if it cannot be read, CC011 if it is not a well-formed cutcheck trace. */
export function readTraceFile(path: string): Result<TraceDoc> {
  let text: string;
  try {
    // A FIFO or a device would block or never end; only a regular file is read.
    const stat = statSync(path);
    if (!stat.isFile()) return err('CC010', `trace file ${echo(path)} ${stat.isDirectory() ? 'is a directory, not a trace file' : 'is not a regular file'}`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err('CC010', `trace file ${echo(path)} ${unreadable(e)}`);
  }
  const doc = readItfTrace(text);
  return doc.ok ? doc : err(doc.error.code, `${oneLine(path, 120)}: ${doc.error.message}`);
}

/** Where replay may find the model file a trace names, and where it says which one it loads. */
export interface ReplayEnv {
  /** The only directory a trace may name a model file in (default: the working directory). */
  readonly cwd: string;
  /** Takes the one line saying which model file the trace made replay load (default: stderr). */
  readonly note: (line: string) => void;
}

export const defaultEnv = (): ReplayEnv => ({ cwd: process.cwd(), note: (line) => void process.stderr.write(`${line}\n`) });

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** `p` as the file system resolves it, symbolic links followed (as given, resolved, if it does not exist). */
const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Whether `file` lies inside `dir`, symbolic links followed. */
function inside(dir: string, file: string): boolean {
  const r = relative(real(dir), real(file));
  return r !== '' && r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r);
}

/**
 * The model file a trace names (found from the working directory, or beside the trace), provided it lies inside the
 * working directory: opening a trace someone sent must not run their code from elsewhere on the disk.
 */
export function namedModelFile(named: string, tracePath: string, env: ReplayEnv, what: string, other = '--model MODEL.ts'): Result<string> {
  const here = resolve(env.cwd, named);
  const beside = resolve(env.cwd, dirname(tracePath), named);
  const file = isFile(here) || !isFile(beside) ? here : beside;
  if (!inside(env.cwd, file))
    return err('CC004', `the ${what} names model file ${echo(named)}, outside the working directory, and cutcheck runs no file a ${what} names from elsewhere: pass ${other} to load a model you trust`);
  if (!isFile(file)) return err('CC004', `the ${what} names model file ${echo(named)}, which is not in the working directory or beside the ${what}; pass ${other}`);
  env.note(`cutcheck: loading model file ${echo(relative(env.cwd, file))}, as the ${what} names it (${other} loads another)`);
  return ok(file);
}

/**
 * The model a trace names: a model file (--model, else the trace's own if it lies inside the working directory),
 * and the options it was verified with.
 */
export async function modelOf(rebuild: Rebuild | null, tracePath: string, override?: string, env: ReplayEnv = defaultEnv(), what = 'trace'): Promise<Result<ModelSpec<unknown, unknown>>> {
  const scenario = rebuild?.args['scenario'] as ScenarioRebuild | undefined;
  if (scenario !== undefined && override === undefined) return scenarioOf(scenario, tracePath, env);
  if (rebuild === null && override === undefined)
    return err('CC009', `${echo(tracePath)} does not say how to build its model (it was not written by 'cutcheck verify'); pass --model MODEL.ts`);
  let file = override;
  if (file === undefined && rebuild?.file !== undefined) {
    const named = namedModelFile(rebuild.file, tracePath, env, what);
    if (!named.ok) return named;
    file = named.value;
  }
  const base = await loadOptional(file);
  if (!base.ok) return base;
  // The trace's options were checked on reading (read.ts), each against the type VerifyArgs gives it.
  const args = { command: 'verify', files: [], continue: false, json: false, color: undefined, progress: undefined, lossy: false, duplicating: false, partialOrder: true, symmetry: true, ...(rebuild?.args ?? {}) } as VerifyArgs;
  return buildSpec(base.value, args);
}

/** How `cutcheck admit` recorded the scenario a witness runs on (read.ts checked each field). */
interface ScenarioRebuild {
  readonly topology: string;
  readonly events: string;
  readonly order: ScriptOrder;
  readonly channels: 'fifo' | 'unordered';
  /** The snapshot the witness's run follows alone. */
  readonly track?: number;
  /** `events` is an event log (admit --log): its sends and snapshot starts are the script. */
  readonly log?: boolean;
}

/** The model of an admit witness: its scenario files, found from the working directory or beside the trace. */
function scenarioOf(s: ScenarioRebuild, tracePath: string, env: ReplayEnv): Result<ModelSpec<unknown, unknown>> {
  const find = (named: string): string => {
    const here = resolve(env.cwd, named);
    return isFile(here) ? here : resolve(env.cwd, dirname(tracePath), named);
  };
  const scenario = s.log === true ? readLogScenario(s.topology, s.events, find) : readScenario(s.topology, s.events, find);
  if (!scenario.ok) return scenario;
  const model = scenarioModel(scenario.value.topology, scenario.value.events, { order: s.order, discipline: s.channels, ...(s.track === undefined ? {} : { track: s.track }) });
  return model.ok ? ok(model.value as unknown as ModelSpec<unknown, unknown>) : model;
}

export interface ReplayReport {
  readonly code: number;
  readonly text: string;
  readonly outcome: ReplayOutcome;
}

/** Replays a trace file; `env` says where a model file the trace names may be (see namedModelFile). */
export async function replayFile(args: ReplayArgs, style: Style, env: ReplayEnv = defaultEnv()): Promise<Result<ReplayReport>> {
  const doc = readTraceFile(args.file);
  if (!doc.ok) return doc;
  const spec = await modelOf(doc.value.rebuild, args.file, args.model, env);
  if (!spec.ok) return spec;
  const r = replayTrace(spec.value, doc.value, { original: args.original });
  if (!r.ok) return err(r.error.code, `${args.file}: ${r.error.message}`);
  const o = r.value;
  const which = args.original && doc.value.original !== undefined ? "the search's original trace" : doc.value.minimisation?.shrunk === true ? 'the minimised trace' : 'the trace';
  // The model's name and strings come from the file: kept to one line, so a trace cannot write to the terminal.
  const m = doc.value.model;
  const lines = [style.bold(`replaying ${which} of ${args.file}: ${o.run.steps.length} steps on ${oneLine(m.name, 100)} (${oneLine(m.workload, 100)} on ${oneLine(m.topology, 100)})`)];
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
