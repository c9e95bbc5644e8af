// Trace files: a TraceDoc written as ITF JSON (vars, states, each state with #meta.index), with the model's
// identity, the violation and the editable step list in the top-level #meta; and read back, checking every field
// replay and the renderers use (read.ts), so that a document the reader returns can be trusted.

import { type Result, capture, fail, oneLine } from '../errors.ts';
import type { ChannelState, TraceDoc, TraceMessage, TraceRun, TraceState } from './document.ts';
import { int, map, none, some, toItf, tup, type Itf } from './itf-value.ts';
import { readDocument } from './read.ts';
import { checkValues, malformed, obj } from './validate.ts';

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
      s.channels.map(
        (c) => [key(c), { ordered: c.ordered, phase: c.phase, ...(c.blocked === true ? { blocked: true } : {}), recorded: c.recorded.map((r) => ({ value: toItf(r.value), text: r.text })) }] as const,
      ),
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

/**
 * Reads a trace file's text. A file that is not JSON, or not a cutcheck ITF trace, or has a field of the wrong
 * shape anywhere, is a CC011 error of one line naming the field; a document returned here can be trusted.
 */
export function readItfTrace(text: string): Result<TraceDoc> {
  return capture(() => {
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      return fail('CC011', `the file is not JSON (${oneLine(e instanceof Error ? e.message : String(e), 100)})`);
    }
    checkValues(json);
    const top = obj(json, 'the file');
    const meta = obj(top['#meta'], '#meta');
    if (meta['cutcheck'] !== FORMAT_VERSION) malformed('#meta', `has no cutcheck format version ${FORMAT_VERSION} (is it an ITF trace written by another tool?)`);
    return readDocument(meta, top['states']);
  });
}
