// Turns a violation noted during the search into its report: the shortest trace, the recorded cut, and the
// sentences of the check that failed (checks/), naming the guilty message and processes.

import type { VisitedStates } from '../explore/paths.ts';
import type { ProductSystem } from '../system/system.ts';
import { replayCodes } from '../system/replay.ts';
import { buildTrace } from './trace.ts';
import { Viewer } from './view.ts';
import { describeGuilt, findGuilt } from './explain.ts';
import type { AppSpace } from './appspace.ts';
import type { Violation } from './result.ts';
import type { ExplainAt, Finding } from './checks/check.ts';
import { checkNamed } from './checks/registry.ts';

export type { Finding } from './checks/check.ts';

/** A violation as the search notes it: what failed, and where, to rebuild its path later. */
export type Pending = Finding &
  (
    | { readonly at: 'completion'; readonly parent: number; readonly code: number }
    | { readonly at: 'product-state'; readonly id: number }
    | { readonly at: 'app'; readonly state: number; readonly code?: number }
  );

export interface ViolationContext {
  readonly sys: ProductSystem;
  readonly app: AppSpace;
  readonly productStore: VisitedStates | null;
}

/** The finding alone, without where the search found it. */
function findingOf(p: Pending): Finding {
  return {
    check: p.check,
    source: p.source,
    ...(p.name === undefined ? {} : { name: p.name }),
    ...(p.kind === undefined ? {} : { kind: p.kind }),
    ...(p.detail === undefined ? {} : { detail: p.detail }),
  };
}

export function describeViolation(p: Pending, ctx: ViolationContext): Violation {
  if (p.at === 'app') {
    const store = ctx.app.outcome.store;
    const path = p.code === undefined ? store.pathTo(p.state) : [...store.pathTo(p.state), p.code];
    return describeViolationAlong(findingOf(p), path, ctx.app.system);
  }
  const store = ctx.productStore;
  // A product violation is only noted during the product search, which returns this store.
  if (store === null) throw new Error('internal: product violation without a product search');
  return describeViolationAlong(findingOf(p), p.at === 'completion' ? [...store.pathTo(p.parent), p.code] : store.pathTo(p.id), ctx.sys);
}

/**
 * Explains a violation seen at the end of the path `codes` (step codes of `system`): the same report the search
 * gives, for a path found another way (a replayed or minimised trace).
 */
export function describeViolationAlong(f: Finding, codes: readonly number[], system: ProductSystem): Violation {
  const check = checkNamed(f.check);
  if (check === undefined) throw new Error(`internal: no check named ${f.check}`);
  const viewer = new Viewer(system);
  const trace = buildTrace(viewer, codes);
  const replay = replayCodes(system, codes);
  // Stryker disable next-line StringLiteral: buildTrace, just above, replays the same codes and throws first, so this message is never built
  if (!replay.ok) throw new Error(`internal: counterexample does not replay: ${replay.error.message}`);
  const states = replay.value.states;
  const last = states[states.length - 1] as Int32Array;
  const at: ExplainAt = {
    viewer,
    steps: codes.length,
    last,
    // Stryker disable next-line OptionalChaining: only stable's not-stable sentence asks, for step at.steps - 1 of a path of at.steps >= 1 steps, always in range
    stepText: (i) => trace.steps[i]?.text,
    guilt: () => {
      // Stryker disable next-line StringLiteral: only the explanations of findings on a cut (source 'product') ask for the guilty message
      if (f.source === 'app') return '';
      const g = findGuilt(viewer, states, codes, f.source === 'product');
      const text = g === null ? '' : describeGuilt(viewer, g);
      return text === '' ? '' : ` ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    },
  };
  const explanation = check.explain(f, at);
  return f.source === 'product' ? { check: f.check, explanation, trace, cut: viewer.cut(last) } : { check: f.check, explanation, trace };
}
