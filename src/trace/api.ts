// The trace API: a verify counterexample (or a scripted story) as a trace document, minimised by default with the
// search's own trace kept beside it; and replay of a document against a model, confirming the violation recurs.

import { type Result, capture, fail, ok } from '../errors.ts';
import type { ModelSpec, Model } from '../model/types.ts';
import { algorithmSpecOf, resolveModel } from '../model/define.ts';
import { replayCodes } from '../system/replay.ts';
import { CHECKS, type Violation } from '../check/result.ts';
import { DEFAULT_CAPACITY, MAX_CAPACITY } from '../check/verify.ts';
import { PathChecker, signature, withPathChecker, type Finding, type PathFinding, type ResolvedPath } from '../check/path.ts';
import type { Minimisation, Rebuild, TraceDoc, TraceRun, TraceSize, ViolationRecord } from './document.ts';
import { buildRun, identityOf, specsOf } from './build.ts';
import { minimise, sizeOf, type MinimiseOptions } from './minimise.ts';
import type { StepSpec } from '../system/step-spec.ts';

export interface TraceOptions {
  /** How to build the model again (a model file and command-line options), recorded in the file for replay. */
  readonly rebuild?: Rebuild;
  /** The channel capacity verify settled on (default 8); grown on demand. */
  readonly capacity?: number;
  /** Shrink the counterexample (default true), optionally with a budget. */
  readonly minimise?: boolean | MinimiseOptions;
  /** The placed snapshot the run follows alone (`Trace.track`), for a run given by its codes. */
  readonly track?: number;
}

export interface CounterexampleTrace {
  readonly doc: TraceDoc;
  /** The violation as shown: explained along the minimised trace. */
  readonly shown: Violation;
  /** The violation along the search's own trace. */
  readonly original: Violation;
}

const resolve = (spec: ModelSpec<unknown, unknown>): Result<Model> => resolveModel(spec);

/**
 * `spec` following placed snapshot `track` alone, as the run to replay did (verify follows each placed snapshot of a
 * script so: see `Trace.track`); `spec` itself when no track is given or it already follows one.
 */
export function followingSnapshot<S, M>(spec: ModelSpec<S, M>, track: number | undefined): ModelSpec<S, M> {
  const algorithm = algorithmSpecOf(spec.algorithm);
  return track === undefined || algorithm.track !== undefined ? spec : { ...spec, algorithm: { ...algorithm, track } };
}

/** The model, and the trace options, for a run that follows snapshot `track`: the rebuild records it for replay. */
function following<S, M>(spec: ModelSpec<S, M>, track: number | undefined, options: TraceOptions): { spec: ModelSpec<S, M>; options: TraceOptions } {
  const followed = followingSnapshot(spec, track);
  if (followed === spec || options.rebuild === undefined) return { spec: followed, options };
  return { spec: followed, options: { ...options, rebuild: { ...options.rebuild, args: { ...options.rebuild.args, track } } } };
}

/** The violation seen at the very end of a path: `check` if given, else the first in the order of CHECKS. */
function findingAtEnd(found: readonly PathFinding[], n: number, want?: string): Finding | null {
  const atEnd = found.filter((f) => f.at === n);
  if (want !== undefined) return atEnd.find((f) => signature(f.finding) === want || f.finding.check === want)?.finding ?? null;
  for (const c of CHECKS) {
    const f = atEnd.find((x) => x.finding.check === c);
    if (f !== undefined) return f.finding;
  }
  return null;
}

const sizeText = (s: TraceSize): string => `${s.steps} steps, ${s.messages} application message${s.messages === 1 ? '' : 's'}, ${s.processes} process${s.processes === 1 ? '' : 'es'} at work`;

function minimisationOf(check: string, before: TraceSize, after: TraceSize, tried: number, exhausted: boolean): Minimisation {
  const shrunk = after.steps < before.steps || after.messages < before.messages || after.processes < before.processes;
  const note = shrunk
    ? `minimised from ${sizeText(before)} to ${sizeText(after)} (${tried} candidate traces replayed)`
    : exhausted
      ? `not shrunk within the budget (${tried} candidate traces replayed); a smaller trace may exist`
      : `the search's trace cannot be shrunk: removing steps (alone, in chunks, or a send with its delivery) or swapping one step for another leaves no smaller trace on which '${check}' still fails (${tried} candidate traces replayed)`;
  return { shrunk, note, before, after, tried };
}

/** A counterexample from verify as a trace document, for the model it was found on; minimised unless told not to. */
export function traceViolation<S, M>(given: ModelSpec<S, M>, violation: Violation, asked: TraceOptions = {}): Result<CounterexampleTrace> {
  const { spec, options } = following(given, violation.trace.track ?? asked.track, asked);
  const model = resolve(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  return withPathChecker(model.value, options.capacity ?? DEFAULT_CAPACITY, (checker) =>
    capture(() => {
      const replay = replayCodes(checker.sys, violation.trace.codes);
      if (!replay.ok) throw new Error(`internal: a counterexample of verify does not replay: ${replay.error.message}`);
      const path: ResolvedPath = { codes: violation.trace.codes, ...replay.value };
      const finding = findingAtEnd(checker.check(path), path.codes.length, violation.check);
      if (finding === null) throw new Error(`internal: '${violation.check}' does not fail at the end of verify's own counterexample`);
      return document(model.value, checker, path, finding, { minimise: true, ...options });
    }),
  );
}

/**
 * A scripted execution (such as the write-up's story) as a trace document, with the violation seen at its end if
 * any. Not minimised unless `minimise` is set (a story is told as written).
 */
export function traceSteps<S, M>(spec: ModelSpec<S, M>, steps: readonly StepSpec[], options: TraceOptions = {}): Result<CounterexampleTrace | { doc: TraceDoc; shown: null; original: null }> {
  const model = resolve(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  return withPathChecker(model.value, options.capacity ?? DEFAULT_CAPACITY, (checker) => {
    const path = checker.resolve(steps);
    if (!path.ok) return path;
    return capture(() => {
      const finding = findingAtEnd(checker.check(path.value), steps.length);
      if (finding !== null) return document(model.value, checker, path.value, finding, { minimise: false, ...options });
      const doc: TraceDoc = { ...base(model.value, checker, options), ...buildRun(checker, path.value, null).run };
      return { doc, shown: null, original: null };
    });
  });
}

/** An example run (step codes from verify, such as `VerifyResult.example`) as a trace document with no violation. */
export function traceExample<S, M>(given: ModelSpec<S, M>, codes: readonly number[], asked: TraceOptions = {}): Result<TraceDoc> {
  const { spec, options } = following(given, asked.track, asked);
  const model = resolve(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  return withPathChecker(model.value, options.capacity ?? DEFAULT_CAPACITY, (checker) =>
    capture(() => {
      const replay = replayCodes(checker.sys, codes);
      if (!replay.ok) throw new Error(`internal: an example run of verify does not replay: ${replay.error.message}`);
      const path: ResolvedPath = { codes, ...replay.value };
      return { ...base(model.value, checker, options), ...buildRun(checker, path, null).run };
    }),
  );
}

/**
 * Writes runs of one model (step codes from verify, such as a recorded cut's witness) as step lists, each step as
 * short as it can be written: what `execute()` and a trace file's `steps` take. One checker serves every run (one
 * per placed snapshot, for runs that follow one alone: `track`, as `Trace.track` says).
 */
export function stepLists<S, M>(spec: ModelSpec<S, M>): Result<(codes: readonly number[], track?: number) => Result<readonly StepSpec[]>> {
  const model = resolve(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  // Channels as large as any search may make them: a run of verify fits, whatever capacity its search settled on.
  const checkers = new Map<number | undefined, PathChecker>([[undefined, new PathChecker(model.value, MAX_CAPACITY)]]);
  return ok((codes, track) =>
    capture(() => {
      let checker = checkers.get(track);
      if (checker === undefined) {
        const followed = resolve(followingSnapshot(spec, track) as unknown as ModelSpec<unknown, unknown>);
        if (!followed.ok) return fail(followed.error.code, followed.error.message);
        checker = new PathChecker(followed.value, MAX_CAPACITY);
        checkers.set(track, checker);
      }
      const replay = replayCodes(checker.sys, codes);
      if (!replay.ok) throw new Error(`internal: a run of verify does not replay: ${replay.error.message}`);
      return specsOf(checker, { codes, ...replay.value });
    }),
  );
}

const base = (model: Model, checker: PathChecker, options: TraceOptions) => ({
  model: identityOf(model, checker),
  rebuild: options.rebuild ?? null,
  capacity: checker.capacity,
});

function document(model: Model, checker: PathChecker, path: ResolvedPath, finding: Finding, options: TraceOptions): CounterexampleTrace {
  const original = buildRun(checker, path, finding);
  const explained = (r: { violation: Violation | null }): Violation => {
    // buildRun explains every run given a finding; null here would be a bug in buildRun.
    if (r.violation === null) throw new Error('internal: a run built with a finding has no violation');
    return r.violation;
  };
  const head = base(model, checker, options);
  const budget = options.minimise ?? false;
  if (budget === false) return { doc: { ...head, ...original.run }, shown: explained(original), original: explained(original) };
  const m = minimise(checker, path, finding, budget === true ? {} : budget);
  const found = minimisationOf(finding.check, m.before, m.after, m.tried, m.exhausted);
  const fits = found.shrunk && replaysTo(checker, m.path, m.finding);
  const minimisation = !found.shrunk || fits ? found : { ...found, shrunk: false, after: m.before, note: `a smaller trace was found but did not replay as written, so the search's trace is shown` };
  const shown = fits ? buildRun(checker, m.path, m.finding) : original;
  const doc: TraceDoc = shown === original ? { ...head, ...original.run, minimisation } : { ...head, ...shown.run, minimisation, original: original.run };
  return { doc, shown: explained(shown), original: explained(original) };
}

/** Belt and braces: a minimised trace is shown only if its written steps replay to the same violation. */
function replaysTo(checker: PathChecker, path: ResolvedPath, finding: Finding): boolean {
  const built = buildRun(checker, path, null).run;
  const again = checker.resolve(built.steps);
  return again.ok && findingAtEnd(checker.check(again.value), built.steps.length, signature(finding)) !== null;
}

export interface ReplayOutcome {
  /** The model's fingerprint now, and the one the trace was written with. */
  readonly fingerprint: { readonly now: string; readonly recorded: string };
  readonly recorded: ViolationRecord | null;
  /** What fails at the end of the trace now (the recorded violation first), or null if every check holds there. */
  readonly violation: Violation | null;
  /** The recorded violation fails again at the end of the trace. */
  readonly recurs: boolean;
  /** The trace as replayed now, states rebuilt from the model. */
  readonly run: TraceRun;
  readonly size: TraceSize;
}

/** Replays a trace document's steps (the minimised ones, or with `original` the search's) against a model. */
export function replayTrace<S, M>(given: ModelSpec<S, M>, doc: TraceDoc, options: { readonly original?: boolean } = {}): Result<ReplayOutcome> {
  // A trace that follows one placed snapshot alone replays on the model that follows it.
  const spec = followingSnapshot(given, doc.model.track);
  const model = resolve(spec as unknown as ModelSpec<unknown, unknown>);
  if (!model.ok) return model;
  const run: TraceRun = options.original === true && doc.original !== undefined ? doc.original : doc;
  return withPathChecker(model.value, doc.capacity, (checker) => {
    const path = checker.resolve(run.steps);
    if (!path.ok) return path;
    return capture(() => {
      const found = checker.check(path.value);
      const want = run.violation?.signature;
      const same = want === undefined ? null : findingAtEnd(found, run.steps.length, want);
      const finding = same ?? findingAtEnd(found, run.steps.length);
      const built = buildRun(checker, path.value, finding);
      return {
        fingerprint: { now: identityOf(model.value, checker).fingerprint, recorded: doc.model.fingerprint },
        recorded: run.violation,
        violation: built.violation,
        recurs: same !== null,
        run: built.run,
        size: sizeOf(checker, path.value),
      };
    });
  });
}
