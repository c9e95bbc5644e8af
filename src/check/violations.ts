// Turns a violation noted during the search into its report: the shortest trace, the recorded cut, and a
// sentence that names the guilty message and processes.

import { match } from 'ts-pattern';
import type { VisitedStates } from '../explore/store.ts';
import type { ProductSystem } from '../system/system.ts';
import { replayCodes } from '../system/replay.ts';
import { buildTrace } from './trace.ts';
import { Viewer } from './view.ts';
import { describeGuilt, findGuilt } from './explain.ts';
import type { AppSpace } from './appspace.ts';
import type { CheckName, Violation } from './result.ts';

type AtCompletion = { readonly source: 'product'; readonly parent: number; readonly code: number };

/** A violation as the search notes it: where it happened, and just enough to explain it later. */
export type Pending =
  | (AtCompletion & { readonly check: 'consistent' })
  | (AtCompletion & { readonly check: 'reachable'; readonly inR: boolean; readonly finalInR: boolean })
  | (AtCompletion & { readonly check: 'invariant'; readonly name: string })
  | (AtCompletion & { readonly check: 'stable'; readonly name: string; readonly kind: 'cut-final' | 'cut-init' })
  | { readonly source: 'product-state'; readonly check: 'terminates'; readonly id: number }
  | { readonly source: 'app'; readonly check: 'invariant'; readonly name: string; readonly state: number }
  | { readonly source: 'app'; readonly check: 'stable'; readonly name: string; readonly state: number; readonly code: number; readonly kind: 'not-stable' };

export interface ViolationContext {
  readonly sys: ProductSystem;
  readonly app: AppSpace;
  readonly productStore: VisitedStates | null;
}

export function describeViolation(p: Pending, ctx: ViolationContext): Violation {
  if (p.source === 'app') {
    const store = ctx.app.outcome.store;
    return describeViolationAlong(p, p.check === 'stable' ? [...store.pathTo(p.state), p.code] : store.pathTo(p.state), ctx.app.system);
  }
  const store = ctx.productStore;
  // A product violation is only noted during the product search, which returns this store.
  if (store === null) throw new Error('internal: product violation without a product search');
  return describeViolationAlong(p, p.source === 'product' ? [...store.pathTo(p.parent), p.code] : store.pathTo(p.id), ctx.sys);
}

/** What a violation is, without where the search found it (a Pending without its store ids). */
export type Finding = Pending extends infer P ? (P extends unknown ? Omit<P, 'parent' | 'code' | 'id' | 'state'> : never) : never;

/**
 * Explains a violation seen at the end of the path `codes` (step codes of `system`): the same report the search
 * gives, for a path found another way (a replayed or minimised trace).
 */
export function describeViolationAlong(p: Finding, codes: readonly number[], system: ProductSystem): Violation {
  if (p.source === 'app') {
    const viewer = new Viewer(system);
    const trace = buildTrace(viewer, codes);
    const explanation =
      p.check === 'stable'
        ? `'${p.name}' is declared stable but is not: it holds after step ${codes.length - 1} and no longer holds after step ${codes.length} (${trace.steps[codes.length - 1]?.text ?? 'the first step'}), with no snapshot involved.`
        : `invariant '${p.name}' fails on a reachable application state, after step ${codes.length}${codes.length === 0 ? ' (the initial state)' : ''}, with no snapshot involved.`;
    return { check: p.check, explanation, trace };
  }
  const viewer = new Viewer(system);
  const trace = buildTrace(viewer, codes);
  const replay = replayCodes(system, codes);
  if (!replay.ok) throw new Error(`internal: counterexample does not replay: ${replay.error.message}`);
  const states = replay.value.states;
  const last = states[states.length - 1] as Int32Array;
  const guilt = () => {
    const g = findGuilt(viewer, states, codes, p.source === 'product');
    const text = g === null ? '' : describeGuilt(viewer, g);
    return text === '' ? '' : ` ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  };
  const n = codes.length;
  if (p.source === 'product-state') return { check: 'terminates', explanation: terminates(viewer, last, n), trace };
  const explanation = match(p)
    .with({ check: 'consistent' }, () => `The snapshot completed at step ${n} is inconsistent.${guilt()}`)
    .with({ check: 'reachable' }, (q) =>
      !q.inR
        ? `The cut recorded at step ${n} is not a state the application can reach (S* is not in R).${guilt()}`
        : !q.finalInR
          ? `The application state when the snapshot completed at step ${n} is not in R.`
          : `The application cannot get from the cut recorded at step ${n} to the state it was in when the snapshot completed (S_final is not reachable from S*).${guilt()}`,
    )
    .with({ check: 'invariant' }, (q) => `Invariant '${q.name}' fails on the cut recorded at step ${n}.${guilt()}`)
    .with({ check: 'stable' }, (q) =>
      q.kind === 'cut-final'
        ? `Stable property '${q.name}' holds on the cut recorded at step ${n} but not on the state when the snapshot completed, so the snapshot reports it too early.${guilt()}`
        : `Stable property '${q.name}' is false on the cut recorded at step ${n} although it already held initially, so the snapshot denies it.${guilt()}`,
    )
    .exhaustive();
  return { check: p.check satisfies CheckName, explanation, trace, cut: viewer.cut(last) };
}

function terminates(viewer: Viewer, vec: Int32Array, n: number): string {
  const sys = viewer.system;
  const unrecorded = Array.from({ length: sys.n }, (_, p) => p).filter((p) => !sys.isRecorded(vec, p)).map((p) => viewer.process(p));
  const open = Array.from({ length: sys.channelCount }, (_, c) => c)
    .filter((c) => sys.channelPhase(vec, c) !== 'closed')
    .map((c) => viewer.channel(c));
  const undone = Array.from({ length: sys.n }, (_, p) => p).filter((p) => !sys.isLocallyComplete(vec, p)).map((p) => viewer.process(p));
  const held = Array.from({ length: sys.channelCount }, (_, c) => c).filter((c) => sys.isBlocked(vec, c)).map((c) => viewer.channel(c));
  const blocked = held.length > 0 ? `; ${held.join(', ')} ${held.length === 1 ? 'is' : 'are'} held back by ${held.length === 1 ? 'its receiver' : 'their receivers'}, waiting for markers that cannot come` : '';
  const who =
    unrecorded.length > 0
      ? `${unrecorded.join(', ')} never record${unrecorded.length === 1 ? 's' : ''}${blocked}`
      : open.length > 0
        ? `every process recorded but ${open.join(', ')} never closed`
        : `every process recorded but ${undone.join(', ')} never finished`;
  return `After step ${n} no step is enabled, yet the snapshot is not complete: ${who}${unrecorded.length > 0 && open.length > 0 ? ` (channels still open: ${open.join(', ')})` : ''}.`;
}
