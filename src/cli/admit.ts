// `cutcheck admit TOPOLOGY EVENTS SNAPSHOT...`: judges recorded snapshots against a scenario in the course
// assignment's file formats (or their JSON forms). Exit 0 when every snapshot is admitted, 1 when one is refused,
// 2 on bad input, 3 when the state bound left one undecided. With --witness-out DIR, each snapshot's run (its
// witness, or the closest cut's when refused) is written as an ITF trace that replay and render take.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Result, describeThrown, echo, err, ok } from '../errors.ts';
import { admit, type AdmitOptions, type AdmitResult } from '../admit/admit.ts';
import { parseEvents, parseSnapshot, parseTopology, type RecordedSnapshot, type ScenarioEvent, type ScenarioTopology } from '../admit/formats.ts';
import type { Trace } from '../check/result.ts';
import type { AlgorithmSpec, ModelSpec } from '../model/types.ts';
import { SCRIPT_ORDERS, type ScriptOrder } from '../workloads/script.ts';
import { traceExample } from '../trace/api.ts';
import { toItfTrace } from '../trace/itf.ts';
import { admitJson, admitText, type WitnessFiles } from '../report/admit.ts';
import type { Style } from '../report/text.ts';
import { OUTPUT_FLAGS, parseFlags, switchFlag, wholeFlag } from './flags.ts';
import { prepareOutput } from './output.ts';

export interface AdmitArgs {
  readonly command: 'admit';
  readonly topology: string;
  readonly events: string;
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
  Is each recorded snapshot one the scenario could have recorded? The files are the Chandy-Lamport course
  assignment's: a topology (N, then 'ID TOKENS' lines, then 'SRC DST' links), an events script ('send SRC DST N',
  'snapshot ID', 'tick [K]'), and snapshot files (the id, 'SERVER TOKENS' lines, 'SRC DST token(N)' lines), or
  their JSON forms. cutcheck explores every timing of the script (ticks are ignored) with Chandy-Lamport, and
  prints for each snapshot: ADMITTED, with a run that records exactly it and whether it is the only possible
  outcome; or REFUSED, with the closest cut the scenario can record and one sentence per difference.
  --order global|process   run the script in one global order (default), or each server's own events in order
  --channels fifo|unordered  the links' discipline (default fifo)
  --witness-out DIR        write each snapshot's run as DIR/SNAPSHOT-FILE.itf.json (replay and render take it)
  --max-states N           bound on each snapshot's search; a snapshot not yet found when it is reached is UNDECIDED
  --no-por                 no partial-order reduction (the same verdicts, more states)
  --no-progress            no progress line on stderr during a long search
  --json                   one JSON object: { snapshots: [{ id, file, verdict, unique, witness | closest, ... }] }
  exit codes: 0 every snapshot admitted, 1 one refused, 2 bad input or usage, 3 one undecided (a bound was
              reached), 70 an internal error (a bug in cutcheck)`;

export function parseAdmitArgs(argv: readonly string[]): Result<AdmitArgs> {
  const flags = parseFlags(
    argv,
    {
      order: { type: 'string' },
      channels: { type: 'string' },
      'witness-out': { type: 'string' },
      'max-states': { type: 'string' },
      'no-por': { type: 'boolean' },
      ...OUTPUT_FLAGS,
    },
    'cutcheck help admit',
  );
  if (!flags.ok) return flags;
  const v = flags.value.values;
  const [topology, events, ...snapshots] = flags.value.positionals;
  if (topology === undefined || events === undefined || snapshots.length === 0)
    return err('CC007', `'admit' takes a topology file, an events file and at least one snapshot file, e.g. cutcheck admit topology.txt events.txt snap0.txt`);
  const order = v.order ?? 'global';
  if (!(SCRIPT_ORDERS as readonly string[]).includes(order)) return err('CC007', `--order takes global or process, got ${echo(order)}`);
  const channels = v.channels ?? 'fifo';
  if (channels !== 'fifo' && channels !== 'unordered') return err('CC007', `--channels takes fifo or unordered, got ${echo(channels)}`);
  const maxStates = wholeFlag('max-states', v['max-states'], 1, 2_000_000_000);
  if (!maxStates.ok) return maxStates;
  return ok({
    command: 'admit',
    topology,
    events,
    snapshots,
    order: order as ScriptOrder,
    channels,
    ...(v['witness-out'] === undefined ? {} : { witnessOut: v['witness-out'] }),
    ...(maxStates.value === undefined ? {} : { maxStates: maxStates.value }),
    partialOrder: v['no-por'] !== true,
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
  const topologyText = readScenarioFile(find(topologyFile));
  if (!topologyText.ok) return topologyText;
  const topology = parseTopology(topologyText.value, topologyFile);
  if (!topology.ok) return topology;
  const eventsText = readScenarioFile(find(eventsFile));
  if (!eventsText.ok) return eventsText;
  const events = parseEvents(eventsText.value, eventsFile, topology.value);
  return events.ok ? ok({ topology: topology.value, events: events.value }) : events;
}

export interface AdmitOutcome {
  readonly code: number;
  readonly text: string;
}

/** The exit code of a result: refused wins over undecided. */
export const admitExit = (r: AdmitResult): number =>
  r.snapshots.some((s) => s.verdict === 'refused') ? 1 : r.snapshots.some((s) => s.verdict === 'undecided') ? 3 : 0;

export function runAdmitCommand(args: AdmitArgs, style: Style, search: Pick<AdmitOptions, 'interrupt' | 'onProgress'> = {}): Result<AdmitOutcome> {
  const scenario = readScenario(args.topology, args.events);
  if (!scenario.ok) return scenario;
  const { topology, events } = scenario.value;
  const recorded: RecordedSnapshot[] = [];
  for (const f of args.snapshots) {
    const text = readScenarioFile(f);
    if (!text.ok) return text;
    const s = parseSnapshot(text.value, f, topology);
    if (!s.ok) return s;
    recorded.push(s.value);
  }
  if (args.witnessOut !== undefined) {
    const ready = prepareOutput(join(args.witnessOut, 'witness.itf.json'));
    if (!ready.ok) return ready;
  }
  const r = admit(topology, events, recorded, {
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

/** Each snapshot's run as an ITF trace file, whose rebuild names the scenario, so that replay builds the same model. */
function writeWitnesses(args: AdmitArgs, r: AdmitResult, written: Map<string, string>): Result<WitnessFiles> {
  for (const s of r.snapshots) {
    const run: Trace | undefined = s.witness ?? s.closest?.witness;
    if (run === undefined) continue;
    // The run follows this snapshot alone (the others overlap it as placed): so does the model replay rebuilds.
    const rebuild = { args: { scenario: { topology: args.topology, events: args.events, order: args.order, channels: args.channels, track: s.id } } };
    const model = { ...r.model, algorithm: { ...(r.model.algorithm as AlgorithmSpec), track: s.id } };
    const doc = traceExample(model as unknown as ModelSpec<unknown, unknown>, run.codes, { rebuild });
    if (!doc.ok) return doc;
    const stem = `${basename(s.file).replace(/\.(txt|json)$/, '')}${s.verdict === 'admitted' ? '' : '.closest'}`;
    // Two snapshot files of one name (from two folders) get files of their own.
    let path = join(args.witnessOut as string, `${stem}.itf.json`);
    for (let k = 2; [...written.values()].includes(path); k++) path = join(args.witnessOut as string, `${stem}-${k}.itf.json`);
    try {
      writeFileSync(path, `${JSON.stringify(toItfTrace(doc.value), null, 1)}\n`);
    } catch (e) {
      return err('CC010', `cannot write ${echo(path)}: ${describeThrown(e)}`);
    }
    written.set(s.file, path);
  }
  return ok(written);
}
