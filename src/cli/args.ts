// Command-line parsing for `cutcheck`, on node:util's parseArgs (strict: unknown flags are errors).

import { BUILTIN_ALGORITHMS, CORRECT_ALGORITHMS, builtinAlgorithm } from '../snapshot/registry.ts';
import { type Result, echo, ok, err } from '../errors.ts';
import { CL_VARIANTS, type ClVariant } from '../model/types.ts';
import { MAX_FAULTS, MAX_SNAPSHOTS } from '../model/define.ts';
import { BYTES_PER_STATE, VISITED_CAPACITY } from '../check/verify.ts';
import { parseReplayArgs, REPLAY_USAGE, type ReplayArgs } from './replay.ts';
import { ADMIT_USAGE, parseAdmitArgs, type AdmitArgs } from './admit.ts';
import { parseProveArgs, PROVE_USAGE, type ProveArgs } from './prove.ts';
import { parseRenderArgs, RENDER_USAGE, splitRenderCut, type RenderArgs, type RenderCutArgs } from './render.ts';
import { INIT_USAGE } from './init.ts';
import { SIMULATE_USAGE, splitSimulate, type SimulateArgs } from './simulate.ts';
import { MERGE_USAGE, parseMergeArgs, parseShard, type MergeArgs } from './shard.ts';
import { OUTPUT_FLAGS, parseFlags, switchFlag, wholeFlag } from './flags.ts';
import { DEFAULT_HANDLER_TIMEOUT_S } from './supervise.ts';

/** Seconds between two checkpoints of `verify --checkpoint FILE` by default. */
export const DEFAULT_CHECKPOINT_EVERY_S = 300;

const MESSAGE_PASSING = CORRECT_ALGORITHMS.filter((a) => builtinAlgorithm(a)?.family === 'message-passing');

export interface VerifyArgs {
  /** `assumptions` and `compare` take the same model arguments as `verify`. */
  readonly command: 'verify' | 'assumptions' | 'compare';
  readonly files: readonly string[];
  readonly topology?: string;
  readonly workload?: string;
  readonly channels?: 'fifo' | 'unordered';
  /** Per-channel disciplines from `--channel 0>1=unordered`, keyed `"0>1"`. */
  readonly channelOverrides?: Readonly<Record<string, 'fifo' | 'unordered'>>;
  readonly initiators?: readonly number[];
  readonly continue: boolean;
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly progress: boolean | undefined;
  readonly maxStates?: number;
  /** `--max-memory GB`, in bytes. */
  readonly maxMemoryBytes?: number;
  readonly capacity?: number;
  readonly lossy: boolean;
  readonly duplicating: boolean;
  readonly faults?: number;
  /** `--crashes N`: the job may crash up to N times, each restoring the latest completed checkpoint. */
  readonly crashes?: number;
  readonly faultMessages?: 'all' | 'markers' | 'application';
  readonly snapshots?: number;
  /** `--track K`: follow placed snapshot K of a script alone (verify follows each so; a trace of one records it). */
  readonly track?: number;
  readonly variant?: ClVariant;
  /** `--algorithm NAME`: a built-in algorithm, instead of the model's. */
  readonly algorithm?: string;
  /** `compare --algorithms A,B`: the algorithms to compare (built-ins, or the model's own by its name). */
  readonly algorithms?: readonly string[];
  /** `compare --straggler FROM>TO`: measure each algorithm with that channel lagging (straggler.ts). */
  readonly straggler?: string;
  /** Reductions and threads (default: both reductions where sound, up to 2 threads). */
  readonly partialOrder: boolean;
  readonly symmetry: boolean;
  readonly workers?: number;
  /** Write each counterexample as an ITF trace file / an HTML report; show the search's traces, not minimised ones. */
  readonly traceOut?: string;
  readonly report?: string;
  /** `--cuts-out FILE.jsonl`: every distinct recorded cut, one JSON object per line. */
  readonly cutsOut?: string;
  readonly original?: boolean;
  /** `--shard I/N`: search shard I of N of a partitioned search, and print its result as JSON for `cutcheck merge`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** `--checkpoint FILE`: save the search there every `checkpointEvery` seconds, so that `--resume FILE` takes it up. */
  readonly checkpoint?: string;
  readonly checkpointEvery?: number;
  /** `--resume FILE`: take up the search a checkpoint was taken of (its model and settings come from the file). */
  readonly resume?: string;
}
export type Command =
  | VerifyArgs
  | ReplayArgs
  | AdmitArgs
  | ProveArgs
  | RenderArgs
  | RenderCutArgs
  | SimulateArgs
  | MergeArgs
  | { readonly command: 'examples'; readonly color: boolean | undefined }
  | { readonly command: 'init'; readonly dir: string }
  | { readonly command: 'help'; readonly topic?: HelpTopic }
  | { readonly command: 'version' };

const MODEL_FLAGS = `  model:      MODEL.ts|.mts|.js|.mjs (any folder; it may import from 'cutcheck'), and/or
              -t, --topology T    complete:N ring:N biring:N star:N line:N edges:0>1,1>0 (default complete:3);
                                  dataflow jobs pipeline:N diamond fanin:K iterate (2~>1 in edges: a back-edge)
              -w, --workload W    bank:B,K token:H writeup records:K (default bank:1,1; records:K: K records
                                  per source, tasks that sum them, ghost ids for the exactly-once checks)
              -c, --channels D    fifo|unordered for every channel (default fifo)
              --channel 0>1=D     one channel's discipline (repeatable; overrides --channels)
              -i, --initiators L  processes that start the snapshot, e.g. 0,2 (default 0; abs and
                                  at-least-once: every source)
  faults:     --lossy and/or --duplicating, --faults N (budget per execution, default 1),
              --fault-messages all|markers|application (default all),
              --crashes N (the whole job may crash N times, restoring its latest completed
              checkpoint; a crash spends the fault budget, which --faults sets when given)
  snapshots:  --snapshots K (in sequence, markers carry ids; default 1); a script's placed snapshots overlap, and
              each is followed by a search of its own; --track K follows placed snapshot K alone
  algorithm:  -a, --algorithm NAME  ${CORRECT_ALGORITHMS.join('|')} (default: the model's, else
              chandy-lamport), or a variant broken on purpose: NAME/VARIANT (see 'cutcheck help algorithms')
  variants:   --variant ${CL_VARIANTS.join('|')} (chandy-lamport broken on purpose)
  search:     --max-states N (default: what --max-memory holds at ${BYTES_PER_STATE} bytes a state, at most 400,000,000),
              --max-memory GB (default 75% of the machine's; a search that reaches it, or nearly fills the
              JavaScript heap, stops with what it found and exits 3),
              --capacity N (messages one channel may hold, default 8;
              more is an error, never a silent drop), --no-por, --no-symmetry (reductions, on where
              proved sound), --workers N (threads), --handler-timeout S (seconds one workload handler or
              predicate may run before the run stops, naming it; default ${DEFAULT_HANDLER_TIMEOUT_S})
  Ctrl-C:     stops the search and prints what it found so far (exit 3); a second Ctrl-C stops at once
  output:     --json, --no-color (FORCE_COLOR and NO_COLOR are honoured), --no-progress`;

const EXIT_CODES = `  exit codes: 0 every check holds, 1 a violation, 2 bad input or usage, 3 incomplete (a bound was reached),
              70 an internal error (a bug in cutcheck)`;

/** Column width of `help algorithms`: the longest built-in name and two spaces. */
const NAME_WIDTH = Math.max(...BUILTIN_ALGORITHMS.map((n) => n.length)) + 2;

export const HELP = {
  verify: `usage: cutcheck verify [MODEL ...] [flags]
  Explores every interleaving of the model and checks every recorded cut: consistent, reachable,
  stable, invariant, terminates; and, for a dataflow job (records:K), exactly-once, no-loss and
  no-duplicate at every end of an execution, crashes included.
${MODEL_FLAGS}
  --continue               explore everything instead of stopping at the first violation
  --trace-out FILE         write each counterexample as an ITF trace (FILE.<check>.itf.json for the rest),
                           or an example run of a completed snapshot when every check holds
  --report FILE.html       write an HTML report: the counterexample, or an example snapshot when all holds
  --original               show and save the search's traces, not minimised ones
  --cuts-out FILE.jsonl    write every distinct recorded cut, one JSON object per line: its snapshot, whether
                           it is consistent and reachable, its states and messages, and a run that records it
  --shard I/N              search shard I (0 .. N-1) of a search split N ways, on as many machines or processes,
                           and print its result as JSON; 'cutcheck merge' combines the N results (docs/sharding.md)
  --checkpoint FILE        save the search to FILE every few minutes (--checkpoint-every S, default ${DEFAULT_CHECKPOINT_EVERY_S}), and on
                           Ctrl-C, so that a search killed or stopped part-way can be taken up again
  --resume FILE            take up the search FILE was saved from: its model and settings come from the file, and
                           it goes on saving there; give only --max-states, --max-memory, --workers, output flags, or a
                           MODEL.ts to load instead of the one the file names (docs/checkpoints.md)
${EXIT_CODES}`,
  assumptions: `usage: cutcheck assumptions [MODEL] [model flags] [--faults N] [--snapshots K] [--json]
  Verifies the model, with its algorithm (or --algorithm), with each of Chandy-Lamport's assumptions
  dropped in turn, and prints the matrix.
  It exits 0 once the matrix is complete, whether or not rows are violated (violations are what the
  matrix is for); 3 if a row hit the state bound, so that some cells are unknown ('?').
${MODEL_FLAGS}`,
  compare: `usage: cutcheck compare [MODEL] [model flags] [--algorithms A,B,...] [--json]
  Verifies the model with each algorithm, exploring every execution, and prints one table: each check's
  verdict (the shortest counterexamples follow the table), then what a snapshot costs, minimum and maximum
  over the executions that complete one: control messages, application messages recorded as channel
  state, bits piggybacked per application message, steps from the first initiate to completion, and
  messages held back behind a blocked channel.
  --algorithms A,B,...   built-in names (see 'cutcheck help algorithms') or the model file's own algorithm
                         by its name; -a/--algorithm takes the same list. Default: the correct built-ins
                         of the model's kind (a dataflow job, with records:K, compares abs, at-least-once
                         and unaligned; any other model ${MESSAGE_PASSING.join(', ')}), and the model's own
                         algorithm if it is not among them
  --straggler FROM>TO    the straggler question: measure each algorithm again with that channel (by process
                         numbers or names, e.g. a>join on diamond) lagging by up to L records, every other
                         channel prompt and no crashes, and print, for each L, the most records held back
                         behind a blocked input and the most saved as channel state
  It exits 0 once the table is complete, whatever the verdicts (they are what it is for); 3 if a search
  reached the state bound, so that some cells count only what was explored.
${MODEL_FLAGS}`,
  simulate: `usage:\n${SIMULATE_USAGE}`,
  merge: `usage:\n${MERGE_USAGE}`,
  replay: `usage:\n${REPLAY_USAGE}`,
  admit: `usage:\n${ADMIT_USAGE}`,
  prove: `usage:\n${PROVE_USAGE}`,
  render: `usage:\n${RENDER_USAGE}`,
  init: `usage:\n${INIT_USAGE}`,
  algorithms: `the built-in snapshot algorithms (--algorithm NAME, or algorithm: 'NAME' in a model file):
${BUILTIN_ALGORITHMS.map((name) => `  ${name.padEnd(NAME_WIDTH)}${builtinAlgorithm(name)?.algorithm.summary ?? ''}`).join('\n')}
  A model file may also define its own with defineAlgorithm (see the README).`,
  examples: `usage: cutcheck examples [--no-color]
  Verifies the bundled models against their expected verdicts (what 'npm start' runs).`,
} as const;
export type HelpTopic = keyof typeof HELP;

export const USAGE = `usage: cutcheck COMMAND [flags]   (cutcheck COMMAND --help for a command's flags)
  cutcheck verify [MODEL ...]     check every recorded cut of every interleaving
  cutcheck assumptions [MODEL]    the same model with each assumption dropped in turn
  cutcheck compare [MODEL]        several algorithms on the same model: verdicts and costs
  cutcheck simulate [MODEL]       random runs, checked as verify checks every run, with coverage
  cutcheck merge RESULT.json...   combine the shards of 'verify --shard I/N' into one result
  cutcheck replay TRACE.itf.json  re-run a trace file and confirm its violation recurs
  cutcheck admit TOPOLOGY EVENTS SNAPSHOT...  is each recorded snapshot one the scenario could record?
  cutcheck admit TOPOLOGY --log LOG.jsonl    does an implementation's event log fit, and its snapshots?
  cutcheck render TRACE.itf.json  draw a trace as SVG, HTML or Mermaid
  cutcheck render --cut [MODEL]   draw an example run of a model: a snapshot it completes
  cutcheck prove THEOREM | all    discharge a bounded theorem over every digraph on up to 4 processes
  cutcheck examples               verify the bundled models against their expected verdicts
  cutcheck init [DIR]             scaffold a model file and a vitest test of it
  cutcheck help [COMMAND] | -h | --help | -V | --version
${EXIT_CODES}`;

const isHelpTopic = (x: string): x is HelpTopic => Object.hasOwn(HELP, x);

/** The most states a search can store (the visited set's capacity). */
const MAX_STATES_LIMIT = VISITED_CAPACITY;

function parseInitiators(text: string): Result<number[]> {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) return err('CC003', `--initiators takes process numbers separated by commas, e.g. 0,2; got ${echo(text)}`);
  return ok(parts.map(Number));
}

export function parseCommand(argv: readonly string[]): Result<Command> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return ok({ command: 'help' });
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) return ok({ command: 'help' });
    return isHelpTopic(topic) ? ok({ command: 'help', topic }) : err('CC007', `no help for ${echo(topic)}; commands are ${Object.keys(HELP).join(', ')}`);
  }
  if (command === '--version' || command === '-V' || command === 'version') return ok({ command: 'version' });
  // `--help` anywhere after a command asks for that command's help, whatever else is on the line.
  if (isHelpTopic(command) && rest.some((a) => a === '--help' || a === '-h')) return ok({ command: 'help', topic: command });
  if (command === 'init') {
    const extra = rest.filter((a) => a.startsWith('-'));
    if (extra.length > 0) return err('CC007', `'init' takes only a folder; unknown flag ${echo(extra[0] ?? '')}`);
    if (rest.length > 1) return err('CC007', `'init' takes one folder at most`);
    return ok({ command: 'init', dir: rest[0] ?? '.' });
  }
  if (command === 'replay') return parseReplayArgs(rest);
  if (command === 'admit') return parseAdmitArgs(rest);
  if (command === 'prove') return parseProveArgs(rest);
  if (command === 'render' && rest.includes('--cut')) {
    const split = splitRenderCut(rest);
    if (!split.ok) return split;
    const v = parseCommand(['verify', ...split.value.rest]);
    if (!v.ok) return v;
    if (v.value.command !== 'verify' || v.value.files.length > 1) return err('CC007', `'render --cut' takes one model at a time`);
    const { format, out } = split.value;
    return ok({ command: 'render-cut', verify: v.value, format, ...(out !== undefined ? { out } : {}) });
  }
  if (command === 'render') return parseRenderArgs(rest);
  if (command === 'merge') return parseMergeArgs(rest);
  if (command === 'simulate') {
    const split = splitSimulate(rest);
    if (!split.ok) return split;
    const v = parseCommand(['verify', ...split.value.rest]);
    if (!v.ok) return v;
    if (v.value.command !== 'verify' || v.value.files.length > 1) return err('CC007', `'simulate' takes one model at a time`);
    return ok({ command: 'simulate', model: v.value, ...split.value.own });
  }
  const flags = parseFlags(
    rest,
    {
      topology: { type: 'string', short: 't' },
      workload: { type: 'string', short: 'w' },
      channels: { type: 'string', short: 'c' },
      channel: { type: 'string', multiple: true },
      initiators: { type: 'string', short: 'i' },
      continue: { type: 'boolean' },
      ...OUTPUT_FLAGS,
      'max-states': { type: 'string' },
      'max-memory': { type: 'string' },
      capacity: { type: 'string' },
      lossy: { type: 'boolean' },
      duplicating: { type: 'boolean' },
      faults: { type: 'string' },
      crashes: { type: 'string' },
      'fault-messages': { type: 'string' },
      snapshots: { type: 'string' },
      track: { type: 'string' },
      variant: { type: 'string' },
      algorithm: { type: 'string', short: 'a' },
      algorithms: { type: 'string' },
      straggler: { type: 'string' },
      'no-por': { type: 'boolean' },
      'no-symmetry': { type: 'boolean' },
      workers: { type: 'string' },
      'trace-out': { type: 'string' },
      'cuts-out': { type: 'string' },
      report: { type: 'string' },
      original: { type: 'boolean' },
      shard: { type: 'string' },
      checkpoint: { type: 'string' },
      'checkpoint-every': { type: 'string' },
      resume: { type: 'string' },
      // Read by the supervisor (supervise.ts); checked here.
      'handler-timeout': { type: 'string' },
    },
    'cutcheck help',
  );
  if (!flags.ok) return flags;
  const parsed = flags.value;
  const v = parsed.values;
  const color = switchFlag(v, 'color');
  const progress = switchFlag(v, 'progress');
  if (command === 'examples') {
    if (parsed.positionals.length > 0) return err('CC007', `'examples' takes no model files (see 'cutcheck help')`);
    return ok({ command: 'examples', color });
  }
  if (command !== 'verify' && command !== 'assumptions' && command !== 'compare')
    return err('CC007', `unknown command ${echo(command)}; expected verify, assumptions, compare, simulate, merge, replay, render, prove, examples, init or help`);
  const faults = wholeFlag('faults', v.faults, 0, MAX_FAULTS);
  if (!faults.ok) return faults;
  const crashes = wholeFlag('crashes', v.crashes, 0, MAX_FAULTS);
  if (!crashes.ok) return crashes;
  const snapshots = wholeFlag('snapshots', v.snapshots, 1, MAX_SNAPSHOTS);
  if (!snapshots.ok) return snapshots;
  const track = wholeFlag('track', v.track, 0, MAX_SNAPSHOTS - 1);
  if (!track.ok) return track;
  const workers = wholeFlag('workers', v.workers, 1, 64);
  if (!workers.ok) return workers;
  const handlerTimeout = wholeFlag('handler-timeout', v['handler-timeout'], 1, 86_400);
  if (!handlerTimeout.ok) return handlerTimeout;
  const fm = v['fault-messages'];
  if (fm !== undefined && fm !== 'all' && fm !== 'markers' && fm !== 'application')
    return err('CC007', `--fault-messages takes all, markers or application, got ${echo(fm)}`);
  if (v.variant !== undefined && !(CL_VARIANTS as readonly string[]).includes(v.variant))
    return err('CC007', `--variant takes one of ${CL_VARIANTS.join(', ')}, got ${echo(v.variant)}`);
  // compare takes a list, whose names may include the model file's own algorithm: compareAlgorithms checks them.
  let algorithms: string[] | undefined;
  if (command === 'compare') {
    const list = [v.algorithms, v.algorithm].filter((x) => x !== undefined).join(',');
    if (list !== '') algorithms = list.split(',').map((x) => x.trim());
    if (algorithms?.some((x) => x === '')) return err('CC007', `--algorithms takes names separated by commas, e.g. chandy-lamport,lai-yang; got ${echo(list)}`);
  } else {
    if (v.straggler !== undefined) return err('CC007', `--straggler belongs to 'compare'`);
    if (v.algorithms !== undefined) return err('CC007', `--algorithms belongs to 'compare'; '${command}' takes one --algorithm NAME`);
    if (v.algorithm !== undefined && !BUILTIN_ALGORITHMS.includes(v.algorithm))
      return err('CC007', `unknown algorithm ${echo(v.algorithm)}; the built-in ones are ${BUILTIN_ALGORITHMS.join(', ')}`);
  }
  if (command !== 'verify' && parsed.positionals.length > 1) return err('CC007', `'${command}' takes one model at a time`);
  // The matrix and the table explore everything and print no counterexample files: verify's output flags do not apply.
  if (command !== 'verify') {
    const notHere = (['continue', 'trace-out', 'cuts-out', 'report', 'original'] as const).find((f) => v[f] !== undefined);
    if (notHere !== undefined) return err('CC007', `'${command}' does not take --${notHere} (it explores every execution; 'cutcheck verify' writes counterexamples)`);
  }
  let shard: { index: number; count: number } | undefined;
  if (v.shard !== undefined) {
    if (command !== 'verify') return err('CC007', `--shard belongs to 'verify'`);
    const r = parseShard(v.shard);
    if (!r.ok) return r;
    shard = r.value;
    const notHere = (['trace-out', 'cuts-out', 'report', 'original', 'json'] as const).find((f) => v[f] !== undefined);
    if (notHere !== undefined) return err('CC007', `--shard does not take --${notHere}: a shard prints its result as JSON, and 'cutcheck merge' reports the whole`);
    if (parsed.positionals.length > 1) return err('CC007', '--shard takes one model at a time');
  }
  const every = wholeFlag('checkpoint-every', v['checkpoint-every'], 0, 86_400);
  if (!every.ok) return every;
  if (command !== 'verify') {
    const notHere = (['checkpoint', 'checkpoint-every', 'resume'] as const).find((f) => v[f] !== undefined);
    if (notHere !== undefined) return err('CC007', `--${notHere} belongs to 'verify'`);
  }
  if (v['checkpoint-every'] !== undefined && v.checkpoint === undefined && v.resume === undefined) return err('CC007', '--checkpoint-every needs --checkpoint FILE (or --resume FILE)');
  if (v.checkpoint !== undefined && v['cuts-out'] !== undefined) return err('CC007', '--checkpoint does not keep the runs that --cuts-out writes; list the cuts in a run of its own');
  if (v.checkpoint !== undefined && parsed.positionals.length > 1) return err('CC007', '--checkpoint takes one model at a time');
  if (v.resume !== undefined) {
    // The model and the settings the search must keep are the checkpoint's.
    const given = RESUME_REFUSES.find((f) => v[f] !== undefined);
    if (given !== undefined) return err('CC007', `--resume takes the model and its settings from the checkpoint, so it does not take --${given}; give only --max-states, --max-memory, --workers, --checkpoint, --checkpoint-every and output flags`);
    if (parsed.positionals.length > 1) return err('CC007', '--resume takes at most one MODEL file, to load instead of the one the checkpoint names');
  }
  if (v.channels !== undefined && v.channels !== 'fifo' && v.channels !== 'unordered')
    return err('CC007', `--channels takes fifo or unordered, got ${echo(v.channels)}`);
  const overrides: Record<string, 'fifo' | 'unordered'> = {};
  for (const text of v.channel ?? []) {
    const m = /^(\d+)>(\d+)=(fifo|unordered)$/.exec(text);
    if (m === null) return err('CC007', `--channel takes FROM>TO=fifo|unordered, e.g. 0>1=unordered; got ${echo(text)}`);
    overrides[`${m[1]}>${m[2]}`] = m[3] as 'fifo' | 'unordered';
  }
  let initiators: number[] | undefined;
  if (v.initiators !== undefined) {
    const r = parseInitiators(v.initiators);
    if (!r.ok) return r;
    initiators = r.value;
  }
  const maxStatesFlag = wholeFlag('max-states', v['max-states'], 1, MAX_STATES_LIMIT);
  if (!maxStatesFlag.ok) return maxStatesFlag;
  const maxStates = maxStatesFlag.value;
  let maxMemoryBytes: number | undefined;
  if (v['max-memory'] !== undefined) {
    const text = v['max-memory'];
    if (!/^\d+(\.\d+)?$/.test(text) || Number(text) < 0.05 || Number(text) > 4096)
      return err('CC003', `--max-memory takes gigabytes from 0.05 to 4096, e.g. 8 or 0.5; got ${echo(text)}`);
    maxMemoryBytes = Math.round(Number(text) * 2 ** 30);
  }
  const capacityFlag = wholeFlag('capacity', v.capacity, 1, 256);
  if (!capacityFlag.ok) return capacityFlag;
  const capacity = capacityFlag.value;
  return ok({
    command,
    ...(capacity !== undefined ? { capacity } : {}),
    partialOrder: v['no-por'] !== true,
    symmetry: v['no-symmetry'] !== true,
    ...(workers.value !== undefined ? { workers: workers.value } : {}),
    lossy: v.lossy === true,
    duplicating: v.duplicating === true,
    ...(faults.value !== undefined ? { faults: faults.value } : {}),
    ...(crashes.value !== undefined ? { crashes: crashes.value } : {}),
    ...(fm !== undefined ? { faultMessages: fm } : {}),
    ...(snapshots.value !== undefined ? { snapshots: snapshots.value } : {}),
    ...(track.value !== undefined ? { track: track.value } : {}),
    ...(v.variant !== undefined ? { variant: v.variant as ClVariant } : {}),
    ...(v.algorithm !== undefined && command !== 'compare' ? { algorithm: v.algorithm } : {}),
    ...(algorithms !== undefined ? { algorithms } : {}),
    ...(v.straggler !== undefined ? { straggler: v.straggler } : {}),
    files: parsed.positionals,
    ...(v.topology !== undefined ? { topology: v.topology } : {}),
    ...(v.workload !== undefined ? { workload: v.workload } : {}),
    ...(v.channels !== undefined ? { channels: v.channels } : {}),
    ...(Object.keys(overrides).length > 0 ? { channelOverrides: overrides } : {}),
    ...(initiators !== undefined ? { initiators } : {}),
    ...(maxStates !== undefined ? { maxStates } : {}),
    ...(maxMemoryBytes !== undefined ? { maxMemoryBytes } : {}),
    continue: v.continue === true,
    json: v.json === true,
    color,
    progress,
    ...(v['trace-out'] !== undefined ? { traceOut: v['trace-out'] } : {}),
    ...(v['cuts-out'] !== undefined ? { cutsOut: v['cuts-out'] } : {}),
    ...(v.report !== undefined ? { report: v.report } : {}),
    ...(v.original === true ? { original: true } : {}),
    ...(shard === undefined ? {} : { shard }),
    ...(v.checkpoint === undefined ? {} : { checkpoint: v.checkpoint }),
    ...(every.value === undefined ? {} : { checkpointEvery: every.value }),
    ...(v.resume === undefined ? {} : { resume: v.resume }),
  });
}

/** The flags that say which model, or how to search it: a resumed search takes them from its checkpoint. */
const RESUME_REFUSES = [
  'topology', 'workload', 'channels', 'channel', 'initiators', 'lossy', 'duplicating', 'faults', 'crashes', 'fault-messages',
  'snapshots', 'track', 'variant', 'algorithm', 'capacity', 'no-por', 'no-symmetry', 'continue', 'shard', 'cuts-out',
] as const;
