// Reading a trace document from the JSON of a trace file, checking every field replay and the renderers use: types,
// element types, process numbers within the model, one state per step plus the initial one. A document that
// comes out of here can be trusted; the first field that is wrong is a CC011 error of one line naming it.

import { BUILTIN_ALGORITHMS } from '../snapshot/registry.ts';
import { CHECKS, type CutView } from '../check/result.ts';
import { DEFAULT_CAPACITY, MAX_CAPACITY } from '../check/verify.ts';
import { MAX_FAULTS, MAX_SNAPSHOTS } from '../model/define.ts';
import { CL_VARIANTS } from '../model/types.ts';
import type { ChannelPhase } from '../snapshot/api.ts';
import type { ChannelState, Minimisation, ModelIdentity, Rebuild, TraceDoc, TraceMessage, TraceRun, TraceSize, TraceState, ViolationRecord } from './document.ts';
import { fromItf } from './itf-value.ts';
import { STEP_KINDS, type StepSpec } from '../system/step-spec.ts';
import { at, bool, list, malformed, obj, oneOf, opt, plainText, str, whole, type Obj } from './validate.ts';

const PHASES: readonly ChannelPhase[] = ['idle', 'recording', 'closed'];

/** Reads one step of the list, checking every field a person may have edited (process numbers: `checkProcesses`). */
export function readStep(v: unknown, where: string): StepSpec {
  const o = obj(v, where);
  const kind = oneOf(o['kind'], at(where, 'kind'), STEP_KINDS);
  const nth = opt(o, 'nth', where, whole);
  if (kind === 'initiate') return { kind, process: whole(o['process'], at(where, 'process')), ...nth };
  if (kind === 'act') return { kind, process: whole(o['process'], at(where, 'process')), ...opt(o, 'label', where, str), ...nth };
  if (kind === 'crash') {
    const c = o['checkpoint'];
    return { kind, ...(c === undefined ? {} : { checkpoint: c === null ? null : whole(c, at(where, 'checkpoint')) }), ...nth };
  }
  if (kind === 'internal') return { kind, process: whole(o['process'], at(where, 'process')), ...nth };
  return {
    kind,
    from: whole(o['from'], at(where, 'from')),
    to: whole(o['to'], at(where, 'to')),
    ...opt(o, 'message', where, str),
    ...opt(o, 'post', where, bool),
    ...(o['payload'] === undefined ? {} : { payload: o['payload'] }),
    ...opt(o, 'snapshot', where, whole),
    ...nth,
  };
}

/** Every process a step names is one of the model's `n`. */
function checkProcesses(s: StepSpec, where: string, n: number): void {
  const named = s as Partial<Record<'process' | 'from' | 'to', number>>;
  for (const key of ['process', 'from', 'to'] as const) if (named[key] !== undefined) whole(named[key], at(where, key), 0, n - 1);
}

const readSteps = (v: unknown, path: string, prefix: string): StepSpec[] => list(v, path).map((s, i) => readStep(s, `${prefix}step ${i + 1}`));

interface Entry {
  readonly key: unknown;
  readonly value: unknown;
  readonly keyPath: string;
  readonly path: string;
}

/** The entries of an ITF #map, each with where its key and value are. */
const entries = (v: unknown, path: string): Entry[] =>
  list(obj(v, path)['#map'], at(path, '#map')).map((e, i) => {
    const [key, value] = e as readonly unknown[]; // checkValues made every #map entry a pair
    return { key, value, keyPath: at(at(at(path, '#map'), i), 0), path: at(at(at(path, '#map'), i), 1) };
  });

/** A #map keyed by process number: one entry per process of the model, in order. */
function perProcess(v: unknown, path: string, n: number): Entry[] {
  const es = entries(v, path);
  if (es.length !== n) malformed(at(path, '#map'), `must hold one entry per process of the model (${n})`, es);
  for (const [i, e] of es.entries()) {
    const k = whole(e.key, e.keyPath);
    if (k !== i) malformed(e.keyPath, `must be ${i} (one entry per process, in order)`, k);
  }
  return es;
}

/** A channel's key: the pair of process numbers it joins. */
function channelOf(e: Entry, n: number): readonly [number, number] {
  const pair = fromItf(e.key);
  if (!Array.isArray(pair) || pair.length !== 2) return malformed(e.keyPath, 'must be a channel, a #tup of two process numbers', e.key);
  return [whole(pair[0], `${e.keyPath}.#tup[0]`, 0, n - 1), whole(pair[1], `${e.keyPath}.#tup[1]`, 0, n - 1)];
}

const valueText = (v: unknown, path: string): { value: unknown; text: string } => {
  const o = obj(v, path);
  return { value: fromItf(o['value']), text: str(o['text'], at(path, 'text')) };
};

function readMessage(v: unknown, path: string): TraceMessage {
  const o = obj(v, path);
  const base = { id: whole(o['id'], at(path, 'id'), 1), text: str(o['text'], at(path, 'text')) };
  return oneOf(o['kind'], at(path, 'kind'), ['app', 'marker'] as const) === 'marker'
    ? { ...base, kind: 'marker', snapshot: o['snapshot'] === undefined ? 0 : whole(o['snapshot'], at(path, 'snapshot')) }
    : { ...base, kind: 'app', payload: fromItf(o['payload']), post: o['post'] === undefined ? false : bool(o['post'], at(path, 'post')) };
}

function readChannels(s: Obj, path: string, n: number): ChannelState[] {
  const state = new Map(entries(s['channel'], at(path, 'channel')).map((e) => [channelOf(e, n).join('→'), e]));
  const seen = new Set<string>();
  return entries(s['inFlight'], at(path, 'inFlight')).map((e) => {
    const [from, to] = channelOf(e, n);
    const name = `${from}→${to}`;
    if (seen.has(name)) malformed(e.keyPath, `names channel ${name} a second time`);
    seen.add(name);
    const c = state.get(name) ?? malformed(at(path, 'channel'), `has no entry for channel ${name}`);
    const o = obj(c.value, c.path);
    return {
      from,
      to,
      ordered: bool(o['ordered'], at(c.path, 'ordered')),
      phase: oneOf(o['phase'], at(c.path, 'phase'), PHASES),
      ...(o['blocked'] === undefined ? {} : bool(o['blocked'], at(c.path, 'blocked')) ? { blocked: true } : {}),
      recorded: list(o['recorded'], at(c.path, 'recorded')).map((r, j) => valueText(r, at(at(c.path, 'recorded'), j))),
      messages: list(e.value, e.path).map((m, j) => readMessage(m, at(e.path, j))),
    };
  });
}

function readState(v: unknown, path: string, n: number, spec: StepSpec | undefined): TraceState {
  const s = obj(v, path);
  const [local, text, recorded] = (['local', 'localText', 'recorded'] as const).map((k) => perProcess(s[k], at(path, k), n)) as [Entry[], Entry[], Entry[]];
  const processes = local.map((e, k) => {
    const t = text[k] as Entry; // perProcess gave each map n entries
    const r = recorded[k] as Entry;
    const option = obj(r.value, r.path);
    const tag = oneOf(option['tag'], at(r.path, 'tag'), ['Some', 'None'] as const);
    return { local: fromItf(e.value), text: str(t.value, t.path), recorded: tag === 'None' ? null : valueText(option['value'], at(r.path, 'value')) };
  });
  const where = at(path, 'action');
  const action = obj(s['action'], where);
  const step =
    spec === undefined
      ? null
      : {
          spec,
          text: str(action['text'], at(where, 'text')),
          effects: list(action['effects'], at(where, 'effects')).map((x, j) => str(x, at(at(where, 'effects'), j))),
          completes: bool(action['completes'], at(where, 'completes')),
        };
  return { step, processes, channels: readChannels(s, path, n), snapshots: whole(s['snapshots'], at(path, 'snapshots')) };
}

function readCut(v: unknown, path: string): CutView {
  const o = obj(v, path);
  const each = <T>(key: string, read: (x: Obj, p: string) => T): T[] => list(o[key], at(path, key)).map((x, i) => read(obj(x, at(at(path, key), i)), at(at(path, key), i)));
  return {
    processes: each('processes', (x, p) => ({ name: str(x['name'], at(p, 'name')), state: str(x['state'], at(p, 'state')) })),
    channels: each('channels', (x, p) => ({ name: str(x['name'], at(p, 'name')), messages: list(x['messages'], at(p, 'messages')).map((m, j) => str(m, at(at(p, 'messages'), j))) })),
    ...opt(o, 'summary', path, str),
  };
}

function readViolation(v: unknown, path: string): ViolationRecord | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, path);
  const guilty = (g: unknown, p: string): NonNullable<ViolationRecord['guilty']> => {
    const x = obj(g, p);
    return { message: whole(x['message'], at(p, 'message'), 1), kind: oneOf(x['kind'], at(p, 'kind'), ['orphan', 'phantom', 'lost'] as const) };
  };
  return {
    check: oneOf(o['check'], at(path, 'check'), CHECKS),
    signature: str(o['signature'], at(path, 'signature')),
    explanation: str(o['explanation'], at(path, 'explanation')),
    ...opt(o, 'cut', path, readCut),
    ...opt(o, 'guilty', path, guilty),
  };
}

/** One execution: its steps (read already), as many states as steps plus one, and its violation. */
function readRun(meta: Obj, steps: StepSpec[], states: unknown, where: { run: string; states: string; steps: string }, n: number): TraceRun {
  steps.forEach((s, i) => checkProcesses(s, `${where.steps}step ${i + 1}`, n));
  const all = list(states, where.states);
  if (all.length !== steps.length + 1) malformed(where.states, `must hold ${steps.length + 1} states, one more than the ${steps.length} steps`, all);
  return { steps, states: all.map((s, i) => readState(s, at(where.states, i), n, steps[i - 1])), violation: readViolation(meta['violation'], at(where.run, 'violation')) };
}

function readModel(v: unknown, path: string): ModelIdentity {
  const o = obj(v, path);
  const field = (k: string): string => str(o[k], at(path, k));
  const processes = list(o['processes'], at(path, 'processes')).map((p, i) => str(p, at(at(path, 'processes'), i)));
  if (processes.length === 0) malformed(at(path, 'processes'), 'must name at least one process', o['processes']);
  return {
    name: field('name'),
    processes,
    topology: field('topology'),
    workload: field('workload'),
    channels: field('channels'),
    algorithm: field('algorithm'),
    initiators: list(o['initiators'], at(path, 'initiators')).map((x, i) => whole(x, at(at(path, 'initiators'), i), 0, processes.length - 1)),
    snapshots: whole(o['snapshots'], at(path, 'snapshots'), 1, MAX_SNAPSHOTS),
    ...(o['track'] === undefined ? {} : { track: whole(o['track'], at(path, 'track'), 0, MAX_SNAPSHOTS - 1) }),
    fingerprint: field('fingerprint'),
  };
}

/** The options `cutcheck verify` records in a trace's rebuild.args (see rebuildOf), each with its check. */
const REBUILD_ARGS: Readonly<Record<string, (v: unknown, path: string) => unknown>> = {
  topology: plainText,
  workload: plainText,
  channels: (v, p) => oneOf(v, p, ['fifo', 'unordered'] as const),
  channelOverrides: (v, p) =>
    Object.fromEntries(Object.entries(obj(v, p)).map(([k, d]) => [/^\d+>\d+$/.test(k) ? k : malformed(at(p, k), 'must be a channel written FROM>TO'), oneOf(d, at(p, k), ['fifo', 'unordered'] as const)])),
  initiators: (v, p) => list(v, p).map((x, i) => whole(x, at(p, i))),
  capacity: (v, p) => whole(v, p, 1, MAX_CAPACITY),
  lossy: bool,
  duplicating: bool,
  faults: (v, p) => whole(v, p, 0, MAX_FAULTS),
  crashes: (v, p) => whole(v, p, 0, MAX_FAULTS),
  faultMessages: (v, p) => oneOf(v, p, ['all', 'markers', 'application'] as const),
  snapshots: (v, p) => whole(v, p, 1, MAX_SNAPSHOTS),
  track: (v, p) => whole(v, p, 0, MAX_SNAPSHOTS - 1),
  variant: (v, p) => oneOf(v, p, CL_VARIANTS),
  algorithm: (v, p) => oneOf(v, p, BUILTIN_ALGORITHMS),
  partialOrder: bool,
  symmetry: bool,
  workers: (v, p) => whole(v, p, 1, 64),
  // `cutcheck admit`'s witnesses: the scenario files (paths) the model is built from, and how the script ran.
  scenario: (v, p) => {
    const o = obj(v, p);
    return {
      topology: plainText(o['topology'], at(p, 'topology'), 4096),
      events: plainText(o['events'], at(p, 'events'), 4096),
      order: oneOf(o['order'], at(p, 'order'), ['global', 'process'] as const),
      channels: oneOf(o['channels'], at(p, 'channels'), ['fifo', 'unordered'] as const),
      // `events` is an implementation's event log (admit --log), whose sends and snapshot starts are the script.
      ...(o['log'] === undefined ? {} : { log: bool(o['log'], at(p, 'log')) }),
      ...(o['track'] === undefined ? {} : { track: whole(o['track'], at(p, 'track'), 0, MAX_SNAPSHOTS - 1) }),
    };
  },
};

/** A trace's (or checkpoint's) record of how to rebuild its model, each option checked; throws a CC011 failure naming a bad one. */
export function readRebuild(v: unknown, path: string): Rebuild | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, path);
  const args = Object.entries(obj(o['args'], at(path, 'args'))).map(([k, x]) => {
    const read = Object.hasOwn(REBUILD_ARGS, k) ? REBUILD_ARGS[k] : undefined;
    return [k, read === undefined ? malformed(at(at(path, 'args'), k), `is not an option cutcheck records (${Object.keys(REBUILD_ARGS).join(', ')})`) : read(x, at(at(path, 'args'), k))];
  });
  return { ...opt(o, 'file', path, (x, p) => plainText(x, p, 4096)), args: Object.fromEntries(args) };
}

function readMinimisation(v: unknown, path: string): Minimisation {
  const o = obj(v, path);
  const size = (x: unknown, p: string): TraceSize => {
    const s = obj(x, p);
    return { steps: whole(s['steps'], at(p, 'steps')), messages: whole(s['messages'], at(p, 'messages')), processes: whole(s['processes'], at(p, 'processes')) };
  };
  return {
    shrunk: bool(o['shrunk'], at(path, 'shrunk')),
    note: str(o['note'], at(path, 'note')),
    before: size(o['before'], at(path, 'before')),
    after: size(o['after'], at(path, 'after')),
    tried: whole(o['tried'], at(path, 'tried')),
  };
}

/**
 * The document a trace file's #meta and states describe, every field checked (a CC011 error naming the first bad
 * one). The file's values have been through checkValues, and its format version checked.
 */
export function readDocument(meta: Obj, states: unknown): TraceDoc {
  // The steps are what people edit, so a bad one is named before anything else.
  const steps = readSteps(meta['steps'], '#meta.steps', '');
  const model = readModel(meta['model'], '#meta.model');
  const n = model.processes.length;
  const run = readRun(meta, steps, states, { run: '#meta', states: 'states', steps: '' }, n);
  return {
    ...run,
    model,
    rebuild: readRebuild(meta['rebuild'], '#meta.rebuild'),
    capacity: meta['capacity'] === undefined ? DEFAULT_CAPACITY : whole(meta['capacity'], '#meta.capacity', 1, MAX_CAPACITY),
    ...opt(meta, 'minimisation', '#meta', readMinimisation),
    ...opt(meta, 'original', '#meta', (v, p) => {
      const o = obj(v, p);
      return readRun(o, readSteps(o['steps'], at(p, 'steps'), `${p} `), o['states'], { run: p, states: at(p, 'states'), steps: `${p} ` }, n);
    }),
  };
}
