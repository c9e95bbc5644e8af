// The `--json` outputs (verify, replay and errors here; the assumption matrix in matrix.ts): each one object with
// `schemaVersion` and `kind`, documented by the JSON Schemas in docs/schema/; and workload values encoded as JSON.

import { isImmutable } from 'immutable';
import { ERROR_TITLES, type CutcheckError } from '../errors.ts';
import { CHECKS, checkOutcomes, type CheckName, type CheckOutcome, type CutView, type MessageText, type RecordedCut, type StateView, type Trace, type VerifyResult, type Violation } from '../check/result.ts';
import { channelName, processName, type Topology } from '../model/types.ts';
import type { MessageView, Step } from '../system/step.ts';
import type { ReplayOutcome } from '../trace/api.ts';
import type { StepSpec } from '../system/step-spec.ts';

/** Bumped on any incompatible change to any JSON output; docs/schema/ describes version 1. */
export const SCHEMA_VERSION = 1;

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

// ---- workload values ----

const unserializable = (what: string): Json => ({ '#unserializable': what });

const isPlainObject = (v: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** What a value JSON cannot hold is, in a few words (a function's source or an object's contents are not shown). */
function describe(v: unknown): string {
  if (typeof v === 'function') return `function ${v.name === '' ? '(anonymous)' : v.name}`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'object' && v !== null) return Object.prototype.toString.call(v);
  return String(v);
}

/** `open`: the objects being encoded around `v`, to notice a cycle; `top`: the text for `v` itself if it cannot be encoded. */
function encode(v: unknown, open: Set<object>, top?: string): Json {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : unserializable(top ?? String(v));
  if (typeof v === 'bigint') return { '#bigint': v.toString() };
  if (typeof v !== 'object') return unserializable(top ?? describe(v));
  if (open.has(v)) return unserializable(top ?? 'a circular reference');
  open.add(v);
  try {
    if (isImmutable(v)) return encode(v.toJS(), open, top);
    if (Array.isArray(v)) return Array.from(v as unknown[], (x) => encode(x, open));
    if (!isPlainObject(v)) return unserializable(top ?? describe(v));
    const entries = Object.entries(v).map(([k, x]): [string, Json] => [k, encode(x, open)]);
    const object = Object.fromEntries(entries);
    // A key starting with '#' could pass for a tag such as #bigint; such an object is wrapped so it cannot.
    return entries.some(([k]) => k.startsWith('#')) ? { '#object': object } : object;
  } finally {
    open.delete(v);
  }
}

/**
 * A workload value (a local state or a payload) as JSON; never throws. Plain data is written as itself, a BigInt as
 * {"#bigint": "123"}, an immutable.js value as its toJS(), a plain object with a key starting with '#' as
 * {"#object": {...}}, and anything else (functions, symbols, cycles, class instances, undefined, NaN) as
 * {"#unserializable": "..."}: `display` (the value's text in the report) for the value itself, a few words for a part
 * of it. A value that fails while being read (a getter or a proxy that throws) is {"#unserializable": display}.
 */
export function jsonValue(v: unknown, display?: string): Json {
  try {
    return encode(v, new Set(), display);
  } catch {
    return unserializable(display ?? 'a value that cannot be read');
  }
}

// ---- states, steps, traces ----

function messageJson(m: MessageText): Json {
  return m.kind === 'marker'
    ? { kind: 'marker', text: m.text, snapshot: m.snapshot ?? 0 }
    : { kind: 'app', text: m.text, payload: jsonValue(m.payload, m.text), post: m.post === true, ...(m.restored === true ? { restored: true } : {}) };
}

function stateJson(s: StateView): Json {
  return {
    processes: s.processes.map((p) => ({
      name: p.name,
      local: p.local,
      localValue: jsonValue(p.localValue, p.local),
      recorded: p.recorded,
      ...(p.recorded !== null ? { recordedValue: jsonValue(p.recordedValue, p.recorded) } : {}),
    })),
    channels: s.channels.map((c) => ({
      name: c.name,
      from: c.from,
      to: c.to,
      ordered: c.ordered,
      phase: c.phase,
      ...(c.blocked === true ? { blocked: true } : {}),
      messages: c.messages.map(messageJson),
      recorded: [...c.recorded],
      recordedValues: c.recorded.map((text, i) => jsonValue(c.recordedValues?.[i], text)),
    })),
    snapshotsCompleted: s.snapshotsCompleted,
  };
}

const stepMessageJson = (m: MessageView): Json =>
  m.kind === 'marker' ? { kind: 'marker', snapshot: m.snapshot } : { kind: 'app', payload: jsonValue(m.payload), post: m.post };

function stepJson(s: Step): Json {
  switch (s.kind) {
    case 'act':
      return { kind: s.kind, process: s.process, label: s.label };
    case 'initiate':
      return { kind: s.kind, process: s.process };
    case 'internal':
      return { kind: s.kind, process: s.process, label: s.label };
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return { kind: s.kind, channel: s.channel, from: s.from, to: s.to, message: stepMessageJson(s.message) };
    case 'crash':
      return { kind: s.kind, checkpoint: s.checkpoint };
  }
}

function traceJson(t: Trace): Json {
  return {
    initial: stateJson(t.initial),
    steps: t.steps.map((s) => ({ index: s.index, step: stepJson(s.step), text: s.text, effects: [...s.effects], after: stateJson(s.after) })),
    codes: [...t.codes],
  };
}

/**
 * The recorded cut with its raw values, read off `last`, the state the cut was recorded in (the trace's last). A
 * part whose text does not match that state's is given by its text alone, as {"#unserializable": text}.
 */
function cutJson(c: CutView, last: StateView): Json {
  return {
    processes: c.processes.map((p, i) => {
      const at = last.processes[i];
      return { name: p.name, state: p.state, value: jsonValue(at?.recorded === p.state ? at.recordedValue : undefined, p.state) };
    }),
    channels: c.channels.map((ch, i) => {
      const at = last.channels[i];
      return { name: ch.name, messages: [...ch.messages], values: ch.messages.map((m, j) => jsonValue(at?.recorded[j] === m ? at.recordedValues?.[j] : undefined, m)) };
    }),
    ...(c.summary !== undefined ? { summary: c.summary } : {}),
  };
}

export function violationJson(v: Violation): Json {
  const last = v.trace.steps[v.trace.steps.length - 1]?.after ?? v.trace.initial;
  return {
    check: v.check,
    explanation: v.explanation,
    steps: v.trace.steps.length,
    trace: traceJson(v.trace),
    ...(v.cut !== undefined ? { cut: cutJson(v.cut, last) } : {}),
  };
}

/** A trace file's step list ({"kind":"deliver","from":1,"to":0,"message":"marker"} ...), payloads encoded as JSON. */
export function stepListJson(steps: readonly StepSpec[]): Json[] {
  return steps.map((s): Json => {
    const { payload, ...rest } = s as StepSpec & { readonly payload?: unknown };
    return { ...rest, ...(payload !== undefined ? { payload: jsonValue(payload) } : {}) };
  });
}

// ---- outputs ----

/**
 * One recorded cut as a line of `--cuts-out`: its snapshot, how it was recorded, the local states (as the
 * implementation records them) by process name, the messages recorded in flight by channel name, and the steps of
 * a run that records it (the step list `execute()` and trace files take).
 */
export function recordedCutJson(c: RecordedCut, topology: Topology, witness: readonly StepSpec[]): Json {
  return {
    snapshot: c.snapshot,
    consistent: c.consistent,
    reachable: c.reachable,
    locals: Object.fromEntries(c.cut.locals.map((s, p) => [processName(topology, p), jsonValue(s)])),
    channels: Object.fromEntries(c.cut.channels.map((ch, i) => [channelName(topology, topology.channels[i] ?? ch), ch.messages.map((m) => jsonValue(m))])),
    witness: stepListJson(witness),
    // A script's placed snapshots are each followed alone: the witness replays on the model that follows this one.
    ...(c.witness.track === undefined ? {} : { follows: c.witness.track }),
  };
}

/** One check's outcome, the same in every output: `shortest` is the length of its counterexample when violated. */
export type CheckJson = CheckOutcome;

/** Every check's outcome, keyed by check, in the order of CHECKS. */
export const checksJson = (of: (c: CheckName) => CheckJson): Record<CheckName, CheckJson> =>
  Object.fromEntries(CHECKS.map((c) => [c, of(c)])) as Record<CheckName, CheckJson>;

/** `cutcheck verify --json`: verdict, model, the canonical facts, each check's outcome, stats and violations. */
export function toJson(r: VerifyResult): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'verify',
    verdict: r.verdict,
    model: r.model,
    facts: r.facts,
    factsComplete: r.factsComplete,
    ...(r.snapshotRuns === undefined ? {} : { snapshotRuns: r.snapshotRuns }),
    ...(r.perSnapshot === undefined ? {} : { perSnapshot: r.perSnapshot }),
    checks: checkOutcomes(r),
    stats: r.stats,
    violations: r.violations.map(violationJson),
  };
}

/** `cutcheck replay --json`: whether the recorded violation recurs, what fails at the end now, and the steps replayed. */
export function replayJson(o: ReplayOutcome): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'replay',
    recurs: o.recurs,
    recorded: o.recorded?.check ?? null,
    violation: o.violation === null ? null : violationJson(o.violation),
    steps: stepListJson(o.run.steps),
    fingerprint: { now: o.fingerprint.now, recorded: o.fingerprint.recorded },
  };
}

/** Any command's error under --json: its stable code, the code's title and the message. */
export function errorJson(e: CutcheckError): object {
  return { schemaVersion: SCHEMA_VERSION, kind: 'error', error: { code: e.code, title: ERROR_TITLES[e.code], message: e.message } };
}
