// Builds a trace document from a path checked against a model: the editable step list, every state with raw
// values and text, message identities (as the report numbers them), and the violation with its guilty message.

import { createHash } from 'node:crypto';
import type { Model } from '../model/types.ts';
import { processName } from '../model/types.ts';
import { disciplineText } from '../model/define.ts';
import { bareApp, controlSnapshot, isControl, isPost, payloadOf } from '../network/message.ts';
import { CRASH, DELIVER, DUPLICATE_BIT, FAULT, stepA, stepB, stepKind } from '../system/step.ts';
import { COMPLETED } from '../system/system.ts';
import { buildTrace } from '../check/trace.ts';
import { findGuilt } from '../check/explain.ts';
import type { Violation } from '../check/result.ts';
import { signature, type Finding, type PathChecker, type ResolvedPath } from '../check/path.ts';
import type { ModelIdentity, TraceMessage, TraceRun, TraceState, ViolationRecord } from './document.ts';
import { specOf, type StepSpec } from '../system/step-spec.ts';

export interface Tracked {
  readonly id: number;
  readonly word: number;
  readonly channel: number;
  readonly sentAt: number;
  end: number | null;
}

/** Colour and tag bits change when a snapshot settles; a message keeps its identity across that. */
const same = (a: number, b: number): boolean => (isControl(a) || isControl(b) ? a === b : bareApp(a) === bareApp(b));

/**
 * Follows every message along the path, numbering them as the report's explanation does (initially in flight
 * first, then in order of sending). Returns, per state, each channel's messages, and every message ever sent.
 */
export function trackMessages(checker: PathChecker, path: ResolvedPath): { perState: Tracked[][][]; all: Tracked[] } {
  const sys = checker.sys;
  let nextId = 1;
  const all: Tracked[] = [];
  const fresh = (word: number, channel: number, sentAt: number): Tracked => {
    const t = { id: nextId++, word, channel, sentAt, end: null };
    all.push(t);
    return t;
  };
  let queues = Array.from({ length: sys.channelCount }, (_, c) => sys.queueWords(path.states[0] as Int32Array, c).map((w) => fresh(w, c, 0)));
  const perState = [queues];
  path.codes.forEach((code, i) => {
    const taken = queues.map((q) => [...q]);
    const kind = stepKind(code);
    const removes = kind === DELIVER || (kind === FAULT && (stepB(code) & DUPLICATE_BIT) === 0);
    if (kind === CRASH) {
      // Everything in flight is lost; what the checkpoint re-injects is new.
      for (const q of taken) for (const t of q.splice(0)) t.end = i + 1;
    } else if (removes) {
      const [gone] = (taken[stepA(code)] as Tracked[]).splice(stepB(code) & ~DUPLICATE_BIT, 1);
      if (gone !== undefined) gone.end = i + 1;
    }
    const after = path.states[i + 1] as Int32Array;
    queues = taken.map((old, c) => {
      let j = 0;
      return sys.queueWords(after, c).map((w) => {
        const o = old[j];
        if (o !== undefined && same(o.word, w)) {
          j++;
          return o;
        }
        return fresh(w, c, i + 1);
      });
    });
    perState.push(queues);
  });
  return { perState, all };
}

function messageOf(checker: PathChecker, t: Tracked, word: number): TraceMessage {
  const text = checker.viewer.word(word);
  if (isControl(word)) return { id: t.id, kind: 'marker', text, snapshot: controlSnapshot(word) };
  return { id: t.id, kind: 'app', text, payload: checker.table.payloads.values[payloadOf(word)], post: isPost(word) };
}

/** The step list of a path: each step as short as it can be written and still pick the same step. */
export function specsOf(checker: PathChecker, path: ResolvedPath): StepSpec[] {
  return path.codes.map((code, i) => {
    let before = path.states[i] as Int32Array;
    if (i > 0 && ((path.events[i - 1] as number) & COMPLETED) !== 0) {
      before = before.slice();
      checker.sys.settle(before);
    }
    return specOf(code, checker.enabled(before), checker.show);
  });
}

/** A trace run from a resolved path; `finding` (seen at its end) becomes its violation, explained as verify does. */
export function buildRun(checker: PathChecker, path: ResolvedPath, finding: Finding | null): { run: TraceRun; violation: Violation | null } {
  const { sys, viewer, table } = checker;
  const L = sys.layout;
  const trace = buildTrace(viewer, path.codes, path);
  const specs = specsOf(checker, path);
  const { perState, all } = trackMessages(checker, path);
  const states: TraceState[] = path.states.map((vec, i) => {
    const view = i === 0 ? trace.initial : (trace.steps[i - 1]?.after ?? trace.initial);
    const taken = trace.steps[i - 1];
    return {
      step: taken === undefined ? null : { spec: specs[i - 1] as StepSpec, text: taken.text, effects: taken.effects, completes: ((path.events[i - 1] as number) & COMPLETED) !== 0 },
      processes: view.processes.map((p, k) => {
        const rec = vec[L.rec + k] as number;
        return { local: table.locals.values[vec[L.local + k] as number], text: p.local, recorded: rec < 0 ? null : { value: table.locals.values[rec], text: p.recorded ?? '' } };
      }),
      channels: view.channels.map((c, k) => ({
        from: c.from,
        to: c.to,
        ordered: c.ordered,
        messages: (perState[i]?.[k] ?? []).map((t, pos) => messageOf(checker, t, sys.queueWords(vec, k)[pos] ?? t.word)),
        phase: c.phase,
        ...(c.blocked === true ? { blocked: true } : {}),
        recorded: sys.recordedPayloads(vec, k).map((id, r) => ({ value: table.payloads.values[id], text: c.recorded[r] ?? '' })),
      })),
      snapshots: view.snapshotsCompleted,
    };
  });
  if (finding === null) return { run: { steps: specs, states, violation: null }, violation: null };
  const violation = checker.explain(finding, path.codes);
  const record: ViolationRecord = {
    check: violation.check,
    signature: signature(finding),
    explanation: violation.explanation,
    ...(violation.cut !== undefined ? { cut: violation.cut } : {}),
  };
  const g = finding.source === 'product' ? findGuilt(viewer, path.states, path.codes, true) : null;
  // Match the explanation's message to ours: by where and when it was sent, or (if the explanation numbered it
  // afresh after a snapshot completed) by the only message of that value on that channel with that fate.
  const fate = (t: Tracked): boolean => g !== null && t.channel === g.msg.channel && same(t.word, g.msg.word) && t.end === g.at;
  const alike = all.filter(fate);
  const blamed = g === null ? undefined : (alike.find((t) => t.sentAt === g.msg.sentAt) ?? (alike.length === 1 ? alike[0] : undefined));
  const guilty = g === null || blamed === undefined ? {} : { guilty: { message: blamed.id, kind: g.kind } };
  return { run: { steps: specs, states, violation: { ...record, ...guilty } }, violation };
}

function faultsIdentity(f: Model['faults']): object {
  const { crash, ...rest } = f;
  return crash ? f : rest;
}

/** The model's identity; its fingerprint changes when its structure, initial states or initial actions change. */
export function identityOf(model: Model, checker: PathChecker): ModelIdentity {
  const w = model.workload;
  const t = model.topology;
  const structure = {
    n: t.n,
    // Back-edge marks and the crash flag only where present, so that older trace files keep their fingerprint.
    channels: t.channels.map((c) => (c.back === true ? [c.from, c.to, 'back'] : [c.from, c.to])),
    names: t.names ?? null,
    disciplines: model.disciplines,
    faults: faultsIdentity(model.faults),
    algorithm: { name: model.algorithm.name, initiators: model.algorithm.initiators, snapshots: model.algorithm.snapshots },
    workload: w.name,
    init: checker.table.initialLocals.map((id) => checker.table.locals.values[id]),
    // Behaviour, probed rather than read from source text (which differs between TypeScript loaders): the actions
    // enabled initially, with the states they lead to and what they send.
    actions: checker.table.initialLocals.map((id, p) =>
      checker.table.actions(p, id).map((a) => [a.label, checker.table.locals.values[a.next], [...a.sends].map((x, i) => (i % 2 === 0 ? x : checker.table.payloads.values[x]))]),
    ),
    predicates: [Object.keys(w.invariants ?? {}), Object.keys(w.stable ?? {})],
  };
  // BigInts (plain data to a workload) have no JSON; they are hashed as tagged strings.
  const json = JSON.stringify(structure, (_k, v: unknown) => (typeof v === 'bigint' ? `#bigint:${v}` : v));
  const fingerprint = createHash('sha256').update(json).digest('hex').slice(0, 16);
  return {
    name: model.name,
    processes: Array.from({ length: t.n }, (_, p) => processName(t, p)),
    topology: t.spec ?? `${t.n} processes`,
    workload: w.name,
    channels: disciplineText(model),
    algorithm: model.algorithm.name,
    initiators: model.algorithm.initiators,
    snapshots: model.algorithm.snapshots,
    ...(model.algorithm.track === undefined ? {} : { track: model.algorithm.track }),
    fingerprint,
  };
}
