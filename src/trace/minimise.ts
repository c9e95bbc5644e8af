// Shrinks a counterexample while the same check still fails at its end: delta debugging over its steps, removal
// of a step with everything it caused (a send with its delivery), and swapping one step for a cheaper one.
// Every candidate is replayed from scratch, so whatever comes out replays.

import type { Step } from '../system/step.ts';
import { signature, type Finding, type PathChecker, type ResolvedPath } from '../check/path.ts';
import type { TraceSize } from './document.ts';
import { specsOf, trackMessages } from './build.ts';
import { specOf, type StepSpec } from '../system/step-spec.ts';

export interface MinimiseOptions {
  /** Most candidate traces replayed (default 2000): the budget that makes the outcome reproducible. */
  readonly maxTries?: number;
  /** Time budget in milliseconds (default 10000), a safety net behind maxTries. */
  readonly maxMs?: number;
}

export interface Minimised {
  readonly path: ResolvedPath;
  readonly finding: Finding;
  readonly before: TraceSize;
  readonly after: TraceSize;
  readonly tried: number;
  /** The budget ran out before no move helped any more. */
  readonly exhausted: boolean;
}

interface Candidate {
  readonly path: ResolvedPath;
  readonly finding: Finding;
  readonly size: TraceSize;
}

/** Steps first, then application messages sent, then processes doing application work. */
const smaller = (a: TraceSize, b: TraceSize): boolean =>
  a.steps !== b.steps ? a.steps < b.steps : a.messages !== b.messages ? a.messages < b.messages : a.processes < b.processes;

export function sizeOf(checker: PathChecker, path: ResolvedPath): TraceSize {
  const { all } = trackMessages(checker, path);
  const involved = new Set<number>();
  path.codes.forEach((code, i) => {
    const s: Step = checker.sys.describe(path.states[i] as Int32Array, code);
    if (s.kind === 'act') involved.add(s.process);
    if (s.kind === 'deliver' && s.message.kind === 'app') involved.add(s.to);
  });
  const messages = all.filter((t) => t.sentAt > 0 && checker.sys.messageView(t.word).kind === 'app').length;
  return { steps: path.codes.length, messages, processes: involved.size };
}

/** The first `n` steps of a path. */
const prefixOf = (p: ResolvedPath, n: number): ResolvedPath => ({ codes: p.codes.slice(0, n), states: p.states.slice(0, n + 1), events: p.events.slice(0, n) });

/** For each step, the later steps that consume what it sent (transitively): removing it must remove them too. */
function consequences(checker: PathChecker, path: ResolvedPath): Set<number>[] {
  const { all } = trackMessages(checker, path);
  const direct: number[][] = path.codes.map(() => []);
  for (const t of all) if (t.sentAt > 0 && t.end !== null) direct[t.sentAt - 1]?.push(t.end - 1);
  const closure: Set<number>[] = path.codes.map(() => new Set<number>());
  for (let i = path.codes.length - 1; i >= 0; i--) {
    const c = closure[i] as Set<number>;
    c.add(i);
    for (const j of direct[i] ?? []) for (const k of closure[j] ?? []) c.add(k);
  }
  return closure;
}

export function minimise(checker: PathChecker, start: ResolvedPath, finding: Finding, options: MinimiseOptions = {}): Minimised {
  const want = signature(finding);
  const maxTries = options.maxTries ?? 2000;
  const deadline = performance.now() + (options.maxMs ?? 10_000);
  let tried = 0;
  let exhausted = false;
  const before = sizeOf(checker, start);
  let best: Candidate = { path: start, finding, size: before };

  /** Replays a step list; keeps it (cut at the first point the same check fails) if it is smaller than the best. */
  const attempt = (specs: readonly StepSpec[]): boolean => {
    if (tried >= maxTries || performance.now() > deadline) {
      exhausted = true;
      return false;
    }
    tried++;
    const r = checker.resolve(specs);
    if (!r.ok) return false;
    const hit = checker.check(r.value).find((f) => signature(f.finding) === want);
    if (hit === undefined) return false;
    const path = hit.at === specs.length ? r.value : prefixOf(r.value, hit.at);
    const size = sizeOf(checker, path);
    if (!smaller(size, best.size)) return false;
    best = { path, finding: hit.finding, size };
    return true;
  };

  const passes = [removeConsequences, deltaDebug, swapSteps];
  for (let improved = true; improved && !exhausted; ) {
    improved = false;
    for (const pass of passes) {
      if (exhausted) break;
      if (pass(checker, best.path, attempt)) {
        improved = true;
        break;
      }
    }
  }
  return { path: best.path, finding: best.finding, before, after: best.size, tried, exhausted };
}

type Attempt = (specs: readonly StepSpec[]) => boolean;

/** Removes one step together with every step that consumes what it sent, last steps first. */
function removeConsequences(checker: PathChecker, path: ResolvedPath, attempt: Attempt): boolean {
  const specs = specsOf(checker, path);
  const closure = consequences(checker, path);
  for (let i = specs.length - 1; i >= 0; i--) {
    const drop = closure[i] as Set<number>;
    if (attempt(specs.filter((_, k) => !drop.has(k)))) return true;
  }
  return false;
}

/** ddmin's complement step: removes chunks of halving size, down to single steps. */
function deltaDebug(checker: PathChecker, path: ResolvedPath, attempt: Attempt): boolean {
  const specs = specsOf(checker, path);
  for (let size = Math.floor(specs.length / 2); size >= 1; size = Math.floor(size / 2))
    for (let from = 0; from + size <= specs.length; from += size) if (attempt([...specs.slice(0, from), ...specs.slice(from + size)])) return true;
  return false;
}

/** Replaces one step by another enabled at the same point, keeping the rest as written. */
function swapSteps(checker: PathChecker, path: ResolvedPath, attempt: Attempt): boolean {
  const specs = specsOf(checker, path);
  for (let i = 0; i < specs.length; i++) {
    const prefix = checker.resolve(specs.slice(0, i));
    if (!prefix.ok) continue;
    const alternatives = nextSpecs(checker, prefix.value);
    const current = JSON.stringify(specs[i]);
    for (const alt of alternatives)
      if (JSON.stringify(alt) !== current && attempt([...specs.slice(0, i), alt, ...specs.slice(i + 1)])) return true;
  }
  return false;
}

/** The specs of every step enabled at the end of `path`. */
function nextSpecs(checker: PathChecker, path: ResolvedPath): StepSpec[] {
  const enabled = checker.enabled(checker.stateAfter(path));
  return enabled.map((e) => specOf(e.code, enabled, checker.show));
}
