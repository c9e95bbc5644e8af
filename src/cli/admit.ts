// `cutcheck admit TOPOLOGY EVENTS SNAPSHOT...`: judges recorded snapshots against a scenario in the course
// assignment's file formats (or their JSON forms). Exit 0 when every snapshot is admitted, 1 when one is refused,
// 2 on bad input, 3 when the state bound left one undecided. With --witness-out DIR, each snapshot's run (its
// witness, or the closest cut's when refused) is written as an ITF trace that replay and render take.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';
import { admit, type AdmitOptions, type AdmitResult } from '../admit/admit.ts';
import { parseEvents, parseSnapshot, parseTopology, type RecordedSnapshot, type ScenarioEvent, type ScenarioTopology } from '../admit/formats.ts';
import { logScript, parseLog } from '../admit/log-format.ts';
import { admitLog } from '../admit/log.ts';
import type { Trace } from '../check/result.ts';
import type { ModelSpec } from '../model/types.ts';
import { SCRIPT_ORDERS, type ScriptOrder, type ScriptState } from '../workloads/script.ts';
import { followingSnapshot, traceExample } from '../trace/api.ts';
import { toItfTrace } from '../trace/itf.ts';
import { admitJson, admitText, type WitnessFiles } from '../report/admit.ts';
import { admitLogJson, admitLogText, logWitnessKey } from '../report/admit-log.ts';
import type { Style } from '../report/text.ts';
import { OUTPUT_FLAGS, parseFlags, switchFlag, wholeFlag } from './flags.ts';
import { prepareOutput } from './output.ts';
import { VISITED_CAPACITY } from '../check/verify.ts';

export interface AdmitArgs {
  readonly command: 'admit';
  readonly topology: string;
  /** The events script; absent with `log`, whose events are the script. */
  readonly events?: string;
  /** An implementation's event log (JSON Lines) to replay, in place of an events script. */
  readonly log?: string;
  readonly snapshots: readonly string[];
  readonly order: ScriptOrder;
  readonly channels: 'fifo' | 'unordered';
  readonly witnessOut?: string;
  readonly maxStates?: number;
  readonly partialOrder: boolean;
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly progress: boolean | undefined;
}

export const ADMIT_USAGE = `  cutcheck admit TOPOLOGY EVENTS SNAPSHOT... [flags]
  cutcheck admit TOPOLOGY --log LOG.jsonl [SNAPSHOT...] [flags]
  Is each recorded snapshot one the scenario could have recorded? The files are the Chandy-Lamport course
  assignment's: a topology (N, then 'ID TOKENS' lines, then 'SRC DST' links), an events script ('send SRC DST N',
  'snapshot ID', 'tick [K]'), and snapshot files (the id, 'SERVER TOKENS' lines, 'SRC DST token(N)' lines), or
  their JSON forms. cutcheck explores every timing of the script (ticks are ignored) with Chandy-Lamport, and
  prints for each snapshot: ADMITTED, with a run that records exactly it and whether it is the only possible
  outcome; or REFUSED, with the closest cut the scenario can record and one sentence per difference.
  With --log, the input is an implementation's event log instead, one JSON object per line: send, receive, record,
  marker-sent, marker-received (with snapshot ids, message ids where known), and the snapshots it collected. The log is
  replayed against the model in its own order: the first event that cannot happen is named, with what could have
  happened there; each recorded snapshot (the log's, and any SNAPSHOT files) must be the cut the model records along
  that very run. The log's format is in README.md ("Checking an implementation's log").
  --log LOG.jsonl          replay an event log (the topology, then any snapshot files, as positionals)
  --order global|process   run the script in one global order (default), or each server's own events in order (not with --log)
  --channels fifo|unordered  the links' discipline (default fifo)
  --witness-out DIR        write each snapshot's run as DIR/SNAPSHOT-FILE.itf.json (replay and render take it)
  --max-states N           bound on each snapshot's search; a snapshot not yet found when it is reached is UNDECIDED
                           (not with --log, which searches nothing)
  --no-por                 no partial-order reduction (the same verdicts, more states; not with --log)
  --no-progress            no progress line on stderr during a long search
  --json                   one JSON object: { snapshots: [{ id, file, verdict, unique, witness | closest, ... }] };
                           with --log: { fits, misfit?, snapshots: [{ id, file, verdict, cut, run, differences? }] }
  exit codes: 0 every snapshot admitted (and the log fits), 1 one refused (or the log does not fit), 2 bad input
              or usage, 3 one undecided (a bound was reached), 70 an internal error (a bug in cutcheck)`;

export function parseAdmitArgs(argv: readonly string[]): Result<AdmitArgs> {
  const flags = parseFlags(
    argv,
    {
      order: { type: 'string' },
      channels: { type: 'string' },
      'witness-out': { type: 'string' },
      'max-states': { type: 'string' },
      'no-por': { type: 'boolean' },
      log: { type: 'string' },
      ...OUTPUT_FLAGS,
    },
    'cutcheck help admit',
  );
  if (!flags.ok) return flags;
  const v = flags.value.values;
  const log = v.log;
  if (log !== undefined) {
    const [topology, ...snapshots] = flags.value.positionals;
    if (topology === undefined) return err('CC007', `'admit --log' takes a topology file, then any snapshot files, e.g. cutcheck admit topology.txt --log events.jsonl`);
    const meaningless = (['order', 'max-states', 'no-por'] as const).find((f) => v[f] !== undefined);
    if (meaningless !== undefined) return err('CC007', `--${meaningless} has no meaning with --log: the log is one run, replayed in its own order, and nothing is searched`);
    return parseCommon(v, { topology, log, snapshots, order: 'global', partialOrder: true });
  }
  const [topology, events, ...snapshots] = flags.value.positionals;
  if (topology === undefined || events === undefined || snapshots.length === 0)
    return err('CC007', `'admit' takes a topology file, an events file and at least one snapshot file, e.g. cutcheck admit topology.txt events.txt snap0.txt (or a topology and --log LOG.jsonl)`);
  const order = v.order ?? 'global';
  if (!(SCRIPT_ORDERS as readonly string[]).includes(order)) return err('CC007', `--order takes global or process, got ${echo(order)}`);
  const maxStates = wholeFlag('max-states', v['max-states'], 1, VISITED_CAPACITY);
  if (!maxStates.ok) return maxStates;
  return parseCommon(v, {
    topology,
    events,
    snapshots,
    order: order as ScriptOrder,
    ...(maxStates.value === undefined ? {} : { maxStates: maxStates.value }),
    partialOrder: v['no-por'] !== true,
  });
}

type AdmitValues = { readonly [k: string]: unknown } & { readonly channels?: string; readonly 'witness-out'?: string; readonly json?: boolean };

/** The flags both forms share, added to what each form read. */
function parseCommon(v: AdmitValues, own: Pick<AdmitArgs, 'topology' | 'events' | 'log' | 'snapshots' | 'order' | 'maxStates' | 'partialOrder'>): Result<AdmitArgs> {
  const channels = v.channels ?? 'fifo';
  if (channels !== 'fifo' && channels !== 'unordered') return err('CC007', `--channels takes fifo or unordered, got ${echo(channels)}`);
  return ok({
    command: 'admit',
    ...own,
    channels,
    ...(v['witness-out'] === undefined ? {} : { witnessOut: v['witness-out'] }),
    json: v.json === true,
    color: switchFlag(v, 'color'),
    progress: switchFlag(v, 'progress'),
  });
}

/** A scenario file's text, or CC010 naming it. */
export function readScenarioFile(path: string): Result<string> {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return err('CC010', `${echo(path)} is ${stat.isDirectory() ? 'a folder' : 'not a regular file'}, not a scenario file`);
    return ok(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    return err('CC010', `${echo(path)} ${code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read: ${describeThrown(e)}`}`);
  }
}

/**
 * A scenario's topology and events files, read and parsed; `find` says where a named file is (default: as named).
 * Errors name each file as it was given.
 */
export function readScenario(topologyFile: string, eventsFile: string, find: (named: string) => string = (f) => f): Result<{ topology: ScenarioTopology; events: readonly ScenarioEvent[] }> {
  const read = readWithTopology(topologyFile, eventsFile, parseEvents, find);
  return read.ok ? ok({ topology: read.value.topology, events: read.value.parsed }) : read;
}

/** A topology file, and a second file parsed against it (an events script, or a log); errors name each file as given. */
function readWithTopology<T>(
  topologyFile: string,
  file: string,
  parse: (text: string, file: string, topology: ScenarioTopology) => Result<T>,
  find: (named: string) => string = (f) => f,
): Result<{ topology: ScenarioTopology; parsed: T }> {
  const topologyText = readScenarioFile(find(topologyFile));
  if (!topologyText.ok) return topologyText;
  const topology = parseTopology(topologyText.value, topologyFile);
  if (!topology.ok) return topology;
  const text = readScenarioFile(find(file));
  if (!text.ok) return text;
  const parsed = parse(text.value, file, topology.value);
  return parsed.ok ? ok({ topology: topology.value, parsed: parsed.value }) : parsed;
}

/** A topology file and an event log, with the log's script (its sends and snapshot starts) as the events. */
export function readLogScenario(topologyFile: string, logFile: string, find: (named: string) => string = (f) => f): Result<{ topology: ScenarioTopology; events: readonly ScenarioEvent[] }> {
  const read = readWithTopology(topologyFile, logFile, parseLog, find);
  return read.ok ? ok({ topology: read.value.topology, events: logScript(read.value.parsed).events }) : read;
}

export interface AdmitOutcome {
  readonly code: number;
  readonly text: string;
}

/** The exit code of a result: refused wins over undecided. */
export const admitExit = (r: AdmitResult): number =>
  r.snapshots.some((s) => s.verdict === 'refused') ? 1 : r.snapshots.some((s) => s.verdict === 'undecided') ? 3 : 0;

/** Snapshot files, read and parsed against their topology. */
function readSnapshots(files: readonly string[], topology: ScenarioTopology): Result<RecordedSnapshot[]> {
  const recorded: RecordedSnapshot[] = [];
  for (const f of files) {
    const text = readScenarioFile(f);
    if (!text.ok) return text;
    const s = parseSnapshot(text.value, f, topology);
    if (!s.ok) return s;
    recorded.push(s.value);
  }
  return ok(recorded);
}

export function runAdmitCommand(args: AdmitArgs, style: Style, search: Pick<AdmitOptions, 'interrupt' | 'onProgress'> = {}): Result<AdmitOutcome> {
  if (args.log !== undefined) return runAdmitLog(args, args.log, style);
  const scenario = readScenario(args.topology, args.events as string);
  if (!scenario.ok) return scenario;
  const { topology, events } = scenario.value;
  const recorded = readSnapshots(args.snapshots, topology);
  if (!recorded.ok) return recorded;
  if (args.witnessOut !== undefined) {
    const ready = prepareOutput(join(args.witnessOut, 'witness.itf.json'));
    if (!ready.ok) return ready;
  }
  const r = admit(topology, events, recorded.value, {
    order: args.order,
    discipline: args.channels,
    ...(args.maxStates === undefined ? {} : { maxStates: args.maxStates }),
    partialOrder: args.partialOrder,
    ...search,
  });
  if (!r.ok) return r;
  const written = new Map<string, string>();
  if (args.witnessOut !== undefined) {
    const w = writeWitnesses(args, r.value, written);
    if (!w.ok) return w;
  }
  return ok({ code: admitExit(r.value), text: args.json ? JSON.stringify(admitJson(r.value, written), null, 2) : admitText(r.value, style, written) });
}

/** `admit --log`: the log replayed against its topology, and each recorded snapshot judged along its run. */
function runAdmitLog(args: AdmitArgs, logFile: string, style: Style): Result<AdmitOutcome> {
  const read = readWithTopology(args.topology, logFile, parseLog);
  if (!read.ok) return read;
  const { topology, parsed: log } = read.value;
  const recorded = readSnapshots(args.snapshots, topology);
  if (!recorded.ok) return recorded;
  if (args.witnessOut !== undefined) {
    const ready = prepareOutput(join(args.witnessOut, 'witness.itf.json'));
    if (!ready.ok) return ready;
  }
  const r = admitLog(topology, log, logFile, recorded.value, { discipline: args.channels });
  if (!r.ok) return r;
  const written = new Map<string, string>();
  if (args.witnessOut !== undefined)
    for (const s of r.value.snapshots) {
      const start = r.value.starts.find((x) => x.id === s.id);
      if (s.run === undefined || start === undefined) continue;
      const scenario = { topology: args.topology, events: logFile, log: true, order: 'global', channels: args.channels, track: start.index };
      // A snapshot the log collected (or none recorded) is named by its id; a snapshot file, by the file.
      const stem = s.file === null || s.file.startsWith(`${logFile}:`) ? `snapshot-${s.id}` : basename(s.file).replace(/\.(txt|json)$/, '');
      const w = writeWitness(args.witnessOut, `${stem}${s.verdict === 'admitted' ? '' : '.refused'}`, r.value.model, start.index, s.run.codes, scenario, written);
      if (!w.ok) return w;
      written.set(logWitnessKey(s), w.value);
    }
  const code = r.value.misfit !== undefined || r.value.snapshots.some((s) => s.verdict === 'refused') ? 1 : 0;
  return ok({ code, text: args.json ? JSON.stringify(admitLogJson(r.value, logFile, written), null, 2) : admitLogText(r.value, logFile, style, written) });
}

/**
 * A run as an ITF trace file in `dir`, named after `stem` (made unique among those `written`), following snapshot
 * `track`; its rebuild names the scenario, so that replay builds the same model. Returns the path written.
 */
function writeWitness(dir: string, stem: string, base: ModelSpec<ScriptState, number>, track: number, codes: readonly number[], scenario: object, written: ReadonlyMap<string, string>): Result<string> {
  // The run follows this snapshot alone (the others overlap it as placed): so does the model replay rebuilds.
  const model = followingSnapshot(base, track);
  const doc = traceExample(model as unknown as ModelSpec<unknown, unknown>, codes, { rebuild: { args: { scenario } } });
  if (!doc.ok) return doc;
  // Two snapshot files of one name (from two folders) get files of their own.
  let path = join(dir, `${stem}.itf.json`);
  for (let k = 2; [...written.values()].includes(path); k++) path = join(dir, `${stem}-${k}.itf.json`);
  try {
    writeFileSync(path, `${JSON.stringify(toItfTrace(doc.value), null, 1)}\n`);
  } catch (e) {
    return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
  }
  return ok(path);
}

/** Each snapshot's run as an ITF trace file, whose rebuild names the scenario, so that replay builds the same model. */
function writeWitnesses(args: AdmitArgs, r: AdmitResult, written: Map<string, string>): Result<WitnessFiles> {
  for (const s of r.snapshots) {
    const run: Trace | undefined = s.witness ?? s.closest?.witness;
    if (run === undefined) continue;
    const scenario = { topology: args.topology, events: args.events, order: args.order, channels: args.channels, track: s.id };
    const stem = `${basename(s.file).replace(/\.(txt|json)$/, '')}${s.verdict === 'admitted' ? '' : '.closest'}`;
    const w = writeWitness(args.witnessOut as string, stem, r.model, s.id, run.codes, scenario, written);
    if (!w.ok) return w;
    written.set(s.file, w.value);
  }
  return ok(written);
}
