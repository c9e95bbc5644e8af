// Trace files: a TraceDoc written as ITF JSON (vars, states, each state with #meta.index), with the model's
// identity, the violation and the editable step list in the top-level #meta; and read back, checking its shape.

import { type Result, capture, fail } from '../errors.ts';
import { CHECKS, type CheckName } from '../check/result.ts';
import type { ChannelPhase } from '../snapshot/algorithm.ts';
import type { ChannelState, ModelIdentity, ProcessState, TraceDoc, TraceMessage, TraceRun, TraceState } from './document.ts';
import { fromItf, int, map, none, some, toItf, tup, type Itf } from './itf-value.ts';
import { STEP_KINDS, type StepSpec } from './steps.ts';

export const ITF_VARS = ['action', 'local', 'localText', 'recorded', 'inFlight', 'channel', 'snapshots'] as const;
export const FORMAT_VERSION = 1;

const plain = (v: unknown): Itf => JSON.parse(JSON.stringify(v ?? null)) as Itf;

function messageItf(m: TraceMessage): Itf {
  return {
    id: int(m.id),
    kind: m.kind,
    text: m.text,
    ...(m.kind === 'app' ? { payload: toItf(m.payload), post: m.post === true } : { snapshot: int(m.snapshot ?? 0) }),
  };
}

function stateItf(s: TraceState, index: number): Itf {
  const key = (c: ChannelState): Itf => tup(int(c.from), int(c.to));
  const action: Itf =
    s.step === null
      ? { kind: 'init', text: 'initial state', effects: [], completes: false }
      : { ...(toItf(s.step.spec) as Record<string, Itf>), text: s.step.text, effects: [...s.step.effects], completes: s.step.completes };
  return {
    '#meta': { index },
    action,
    local: map(s.processes.map((p, i) => [int(i), toItf(p.local)] as const)),
    localText: map(s.processes.map((p, i) => [int(i), p.text] as const)),
    recorded: map(s.processes.map((p, i) => [int(i), p.recorded === null ? none : some({ value: toItf(p.recorded.value), text: p.recorded.text })] as const)),
    inFlight: map(s.channels.map((c) => [key(c), c.messages.map(messageItf)] as const)),
    channel: map(
      s.channels.map((c) => [key(c), { ordered: c.ordered, phase: c.phase, recorded: c.recorded.map((r) => ({ value: toItf(r.value), text: r.text })) }] as const),
    ),
    snapshots: int(s.snapshots),
  };
}

const runMeta = (r: TraceRun): Record<string, Itf> => ({ violation: plain(r.violation), steps: plain(r.steps) });

/** The ITF object of a trace document (JSON.stringify it to write a file). */
export function toItfTrace(doc: TraceDoc): Itf {
  const v = doc.violation;
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: doc.rebuild?.file ?? 'cutcheck',
      description: v === null ? `cutcheck trace of ${doc.model.name}` : `cutcheck counterexample: ${v.check} fails on ${doc.model.name}`,
      cutcheck: FORMAT_VERSION,
      model: plain(doc.model),
      rebuild: plain(doc.rebuild),
      capacity: doc.capacity,
      ...(doc.minimisation !== undefined ? { minimisation: plain(doc.minimisation) } : {}),
      ...runMeta(doc),
      ...(doc.original !== undefined ? { original: { ...runMeta(doc.original), states: doc.original.states.map(stateItf) } } : {}),
    },
    vars: [...ITF_VARS],
    states: doc.states.map(stateItf),
  };
}

// ---- reading ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (where: string, what: string): never => fail('CC009', `not a cutcheck trace file: ${where} ${what}`);
const obj = (v: unknown, where: string): Obj => (isObj(v) ? v : bad(where, 'must be an object'));
const arr = (v: unknown, where: string): unknown[] => (Array.isArray(v) ? v : bad(where, 'must be a list'));
const str = (v: unknown, where: string): string => (typeof v === 'string' ? v : bad(where, 'must be a string'));
const num = (v: unknown, where: string): number => {
  const n = fromItf(v);
  return typeof n === 'number' && Number.isInteger(n) ? n : bad(where, 'must be a whole number');
};

/** Reads one step of the list, checking every field a person may have edited. */
export function readStep(v: unknown, where: string): StepSpec {
  const o = obj(v, where);
  const kind = o['kind'];
  if (!STEP_KINDS.includes(kind as StepSpec['kind'])) return bad(`${where}.kind`, `must be one of ${STEP_KINDS.join(', ')} (got ${JSON.stringify(kind)})`);
  const nth = o['nth'] === undefined ? {} : { nth: num(o['nth'], `${where}.nth`) };
  if (kind === 'initiate') return { kind, process: num(o['process'], `${where}.process`), ...nth };
  if (kind === 'act') return { kind, process: num(o['process'], `${where}.process`), ...(o['label'] === undefined ? {} : { label: str(o['label'], `${where}.label`) }), ...nth };
  const post = o['post'];
  if (post !== undefined && typeof post !== 'boolean') return bad(`${where}.post`, 'must be true or false');
  return {
    kind: kind as 'deliver' | 'drop' | 'duplicate',
    from: num(o['from'], `${where}.from`),
    to: num(o['to'], `${where}.to`),
    ...(o['message'] === undefined ? {} : { message: str(o['message'], `${where}.message`) }),
    ...(post === undefined ? {} : { post }),
    ...(o['payload'] === undefined ? {} : { payload: o['payload'] }),
    ...(o['snapshot'] === undefined ? {} : { snapshot: num(o['snapshot'], `${where}.snapshot`) }),
    ...nth,
  };
}

const entries = (v: unknown, where: string): [unknown, unknown][] =>
  arr(obj(v, where)['#map'], `${where}['#map']`).map((e, i) => {
    const pair = arr(e, `${where} entry ${i}`);
    return [pair[0], pair[1]];
  });

function readState(v: unknown, i: number, steps: readonly StepSpec[]): TraceState {
  const where = `state ${i}`;
  const s = obj(v, where);
  const action = obj(s['action'], `${where}.action`);
  const local = entries(s['local'], `${where}.local`);
  const text = new Map(entries(s['localText'], `${where}.localText`).map(([k, t]) => [num(k, `${where}.localText key`), str(t, `${where}.localText`)]));
  const recorded = new Map(entries(s['recorded'], `${where}.recorded`).map(([k, r]) => [num(k, `${where}.recorded key`), obj(r, `${where}.recorded`)]));
  const processes: ProcessState[] = local.map(([k, value]) => {
    const p = num(k, `${where}.local key`);
    const rec = recorded.get(p);
    const inner = rec?.['tag'] === 'Some' ? obj(rec['value'], `${where}.recorded`) : null;
    return { local: fromItf(value), text: text.get(p) ?? '', recorded: inner === null ? null : { value: fromItf(inner['value']), text: str(inner['text'], `${where}.recorded.text`) } };
  });
  const chans = new Map(entries(s['channel'], `${where}.channel`).map(([k, c]) => [JSON.stringify(fromItf(k)), obj(c, `${where}.channel`)]));
  const channels: ChannelState[] = entries(s['inFlight'], `${where}.inFlight`).map(([k, ms]) => {
    const [from, to] = arr(fromItf(k), `${where}.inFlight key`) as number[];
    const c = chans.get(JSON.stringify([from, to])) ?? {};
    return {
      from: num(from, `${where}.inFlight key`),
      to: num(to, `${where}.inFlight key`),
      ordered: c['ordered'] === true,
      phase: (['idle', 'recording', 'closed'].includes(c['phase'] as string) ? c['phase'] : 'idle') as ChannelPhase,
      recorded: arr(c['recorded'] ?? [], `${where}.channel.recorded`).map((r) => {
        const o = obj(r, `${where}.channel.recorded`);
        return { value: fromItf(o['value']), text: str(o['text'], `${where}.channel.recorded.text`) };
      }),
      messages: arr(ms, `${where}.inFlight`).map((m): TraceMessage => {
        const o = obj(m, `${where}.inFlight message`);
        const kind = o['kind'] === 'marker' ? 'marker' : 'app';
        const base = { id: num(o['id'], `${where} message id`), kind, text: str(o['text'], `${where} message text`) } as const;
        return kind === 'marker' ? { ...base, snapshot: num(o['snapshot'] ?? int(0), `${where} marker snapshot`) } : { ...base, payload: fromItf(o['payload']), post: o['post'] === true };
      }),
    };
  });
  const spec = i === 0 ? undefined : steps[i - 1];
  const step =
    spec === undefined
      ? null
      : { spec, text: str(action['text'], `${where}.action.text`), effects: arr(action['effects'] ?? [], `${where}.action.effects`).map((e) => str(e, `${where}.action.effects`)), completes: action['completes'] === true };
  return { step, processes, channels, snapshots: num(s['snapshots'], `${where}.snapshots`) };
}

function readRun(meta: Obj, states: unknown, where: string): TraceRun {
  const steps = arr(meta['steps'], `${where}.steps`).map((s, i) => readStep(s, `step ${i + 1}`));
  const list = arr(states, `${where} states`);
  if (list.length !== steps.length + 1) bad(where, `has ${steps.length} steps but ${list.length} states (expected ${steps.length + 1})`);
  const v = meta['violation'];
  const violation = v === null || v === undefined ? null : obj(v, `${where}.violation`);
  if (violation !== null && !CHECKS.includes(violation['check'] as CheckName)) bad(`${where}.violation.check`, `must be one of ${CHECKS.join(', ')}`);
  return { steps, states: list.map((s, i) => readState(s, i, steps)), violation: violation as TraceRun['violation'] };
}

/** Reads a trace file's text. A file that is not JSON, or not a cutcheck ITF trace, is a CC009 error saying where. */
export function readItfTrace(text: string): Result<TraceDoc> {
  return capture(() => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return bad('its text', `is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const top = obj(json, 'the file');
    const meta = obj(top['#meta'], "'#meta'");
    if (meta['cutcheck'] !== FORMAT_VERSION) bad("'#meta'", `has no cutcheck format version ${FORMAT_VERSION} (is it an ITF trace written by another tool?)`);
    const run = readRun(meta, top['states'], "'#meta'");
    const model = obj(meta['model'], "'#meta'.model") as unknown as ModelIdentity;
    if (!Array.isArray(model.processes) || typeof model.fingerprint !== 'string') bad("'#meta'.model", 'lacks processes or fingerprint');
    const rebuild = meta['rebuild'] === null || meta['rebuild'] === undefined ? null : (obj(meta['rebuild'], "'#meta'.rebuild") as unknown as TraceDoc['rebuild']);
    const o = meta['original'];
    const original = isObj(o) ? { original: readRun(o, o['states'], "'#meta'.original") } : {};
    const minimisation = isObj(meta['minimisation']) ? { minimisation: meta['minimisation'] as unknown as NonNullable<TraceDoc['minimisation']> } : {};
    return { ...run, model, rebuild, capacity: typeof meta['capacity'] === 'number' ? meta['capacity'] : 8, ...minimisation, ...original };
  });
}
