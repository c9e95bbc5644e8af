// Command-line parsing for `cutcheck`, on node:util's parseArgs (strict: unknown flags are errors).

import { parseArgs } from 'node:util';
import { type Result, ok, err } from '../errors.ts';
import { CL_VARIANTS, type ClVariant } from '../model/types.ts';
import { MAX_FAULTS, MAX_SNAPSHOTS } from '../model/define.ts';
import { parseReplayArgs, REPLAY_USAGE, type ReplayArgs } from './replay.ts';
import { parseRenderArgs, RENDER_USAGE, type RenderArgs } from './render.ts';

export interface VerifyArgs {
  /** `assumptions` takes the same model arguments as `verify`. */
  readonly command: 'verify' | 'assumptions';
  readonly files: readonly string[];
  readonly topology?: string;
  readonly workload?: string;
  readonly channels?: 'fifo' | 'unordered';
  readonly initiators?: readonly number[];
  readonly continue: boolean;
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly progress: boolean | undefined;
  readonly maxStates?: number;
  readonly capacity?: number;
  readonly lossy: boolean;
  readonly duplicating: boolean;
  readonly faults?: number;
  readonly faultMessages?: 'all' | 'markers' | 'application';
  readonly snapshots?: number;
  readonly variant?: ClVariant;
  /** Reductions and threads (default: both reductions where sound, up to 2 threads). */
  readonly partialOrder: boolean;
  readonly symmetry: boolean;
  readonly workers?: number;
  /** Write each counterexample as an ITF trace file / an HTML report; show the search's traces, not minimised ones. */
  readonly traceOut?: string;
  readonly report?: string;
  readonly original?: boolean;
}
export type Command = VerifyArgs | ReplayArgs | RenderArgs | { readonly command: 'examples'; readonly color: boolean | undefined } | { readonly command: 'help' } | { readonly command: 'version' };

export const USAGE = `usage:
  cutcheck verify [MODEL.ts ...] [--topology T] [--workload W] [--channels fifo|unordered]
                  [--initiators 0,2] [--continue] [--json] [--max-states N] [--capacity N]
                  [--no-color] [--no-progress] [--trace-out TRACE.itf.json] [--report REPORT.html] [--original]
  cutcheck assumptions [MODEL.ts] [same model flags] [--faults N] [--snapshots K] [--json]
                           the model with each of Chandy-Lamport's assumptions dropped in turn
${REPLAY_USAGE}
${RENDER_USAGE}
  cutcheck examples        verify the bundled models against their expected verdicts
  cutcheck help | --version

  topologies: complete:N ring:N biring:N star:N line:N edges:0>1,1>0    (default complete:3)
  workloads:  bank:B,K token:H writeup                                   (default bank:1,1)
  faults:     --lossy and/or --duplicating, --faults N (budget per execution, default 1),
              --fault-messages all|markers|application (default all)
  snapshots:  --snapshots K (in sequence, markers carry ids; default 1)
  variants:   --variant ${CL_VARIANTS.join('|')} (broken on purpose)
  search:     --no-por, --no-symmetry (reductions, on by default where proved sound), --workers N (threads)
  --capacity: most messages one channel may hold (default 8); more is an error, never a silent drop
  exit codes: 0 every check holds, 1 a violation, 2 bad input or usage, 3 incomplete (state bound reached)`;

const MAX_STATES_LIMIT = 2_000_000_000;

function parseInitiators(text: string): Result<number[]> {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) return err('CC003', `--initiators takes process numbers separated by commas, e.g. 0,2; got '${text}'`);
  return ok(parts.map(Number));
}

export function parseCommand(argv: readonly string[]): Result<Command> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return ok({ command: 'help' });
  if (command === '--version') return ok({ command: 'version' });
  if (command === 'replay') return parseReplayArgs(rest);
  if (command === 'render') return parseRenderArgs(rest);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        topology: { type: 'string', short: 't' },
        workload: { type: 'string', short: 'w' },
        channels: { type: 'string', short: 'c' },
        initiators: { type: 'string', short: 'i' },
        continue: { type: 'boolean' },
        json: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        progress: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        'max-states': { type: 'string' },
        capacity: { type: 'string' },
        lossy: { type: 'boolean' },
        duplicating: { type: 'boolean' },
        faults: { type: 'string' },
        'fault-messages': { type: 'string' },
        snapshots: { type: 'string' },
        variant: { type: 'string' },
        'no-por': { type: 'boolean' },
        'no-symmetry': { type: 'boolean' },
        workers: { type: 'string' },
        'trace-out': { type: 'string' },
        report: { type: 'string' },
        original: { type: 'boolean' },
      },
    });
  } catch (e) {
    return err('CC007', `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (see 'cutcheck help')`);
  }
  const v = parsed.values;
  const color = v['no-color'] === true ? false : v.color === true ? true : undefined;
  const progress = v['no-progress'] === true ? false : v.progress === true ? true : undefined;
  if (command === 'examples') {
    if (parsed.positionals.length > 0) return err('CC007', `'examples' takes no model files (see 'cutcheck help')`);
    return ok({ command: 'examples', color });
  }
  if (command !== 'verify' && command !== 'assumptions')
    return err('CC007', `unknown command '${command}'; expected verify, assumptions, replay, render, examples or help`);
  const whole = (flag: string, text: string | undefined, min: number, max: number): Result<number | undefined> =>
    text === undefined
      ? ok(undefined)
      : /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max
        ? ok(Number(text))
        : err('CC003', `--${flag} takes a whole number from ${min} to ${max}, got '${text}'`);
  const faults = whole('faults', v.faults, 0, MAX_FAULTS);
  if (!faults.ok) return faults;
  const snapshots = whole('snapshots', v.snapshots, 1, MAX_SNAPSHOTS);
  if (!snapshots.ok) return snapshots;
  const workers = whole('workers', v.workers, 1, 64);
  if (!workers.ok) return workers;
  const fm = v['fault-messages'];
  if (fm !== undefined && fm !== 'all' && fm !== 'markers' && fm !== 'application')
    return err('CC007', `--fault-messages takes all, markers or application, got '${fm}'`);
  if (v.variant !== undefined && !(CL_VARIANTS as readonly string[]).includes(v.variant))
    return err('CC007', `--variant takes one of ${CL_VARIANTS.join(', ')}, got '${v.variant}'`);
  if (command === 'assumptions' && parsed.positionals.length > 1) return err('CC007', `'assumptions' takes one model at a time`);
  if (v.channels !== undefined && v.channels !== 'fifo' && v.channels !== 'unordered')
    return err('CC007', `--channels takes fifo or unordered, got '${v.channels}'`);
  let initiators: number[] | undefined;
  if (v.initiators !== undefined) {
    const r = parseInitiators(v.initiators);
    if (!r.ok) return r;
    initiators = r.value;
  }
  let maxStates: number | undefined;
  if (v['max-states'] !== undefined) {
    const text = v['max-states'];
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_STATES_LIMIT)
      return err('CC003', `--max-states takes a whole number from 1 to ${MAX_STATES_LIMIT}, got '${text}'`);
    maxStates = Number(text);
  }
  let capacity: number | undefined;
  if (v.capacity !== undefined) {
    if (!/^\d+$/.test(v.capacity) || Number(v.capacity) < 1 || Number(v.capacity) > 256)
      return err('CC003', `--capacity takes a whole number from 1 to 256, got '${v.capacity}'`);
    capacity = Number(v.capacity);
  }
  return ok({
    command,
    ...(capacity !== undefined ? { capacity } : {}),
    partialOrder: v['no-por'] !== true,
    symmetry: v['no-symmetry'] !== true,
    ...(workers.value !== undefined ? { workers: workers.value } : {}),
    lossy: v.lossy === true,
    duplicating: v.duplicating === true,
    ...(faults.value !== undefined ? { faults: faults.value } : {}),
    ...(fm !== undefined ? { faultMessages: fm } : {}),
    ...(snapshots.value !== undefined ? { snapshots: snapshots.value } : {}),
    ...(v.variant !== undefined ? { variant: v.variant as ClVariant } : {}),
    files: parsed.positionals,
    ...(v.topology !== undefined ? { topology: v.topology } : {}),
    ...(v.workload !== undefined ? { workload: v.workload } : {}),
    ...(v.channels !== undefined ? { channels: v.channels } : {}),
    ...(initiators !== undefined ? { initiators } : {}),
    ...(maxStates !== undefined ? { maxStates } : {}),
    continue: v.continue === true,
    json: v.json === true,
    color,
    progress,
    ...(v['trace-out'] !== undefined ? { traceOut: v['trace-out'] } : {}),
    ...(v.report !== undefined ? { report: v.report } : {}),
    ...(v.original === true ? { original: true } : {}),
  });
}
