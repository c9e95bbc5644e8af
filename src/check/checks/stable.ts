// stable: a property declared stable is stable in R (once true, true for ever), and a snapshot preserves it:
// true on the cut means true when the snapshot completed, and true initially means true on the cut.

import { holds } from '../appspace.ts';
import { type Check, type Finding, NONE } from './check.ts';

export const stable: Check = {
  name: 'stable',
  summary: 'stable properties stay true in R, and a snapshot neither reports one too early nor denies one that held',
  inspects: ['application', 'snapshot'],
  application: (app) =>
    app.stableFailures.map((f) => ({
      finding: {
        check: 'stable',
        source: 'app',
        name: f.name,
        // Stryker disable next-line StringLiteral: verify's violation keeps no kind, and an application finding's explanation does not read it
        kind: 'not-stable',
      },
      state: f.state,
      // Stryker disable next-line ConditionalExpression: a stable property breaks only on a step, so R gives every stable failure its code
      ...(f.code === undefined ? {} : { code: f.code }),
    })),
  alongPath: ({ sys }) => {
    const props = Object.entries(sys.model.workload.stable ?? {});
    return (view, previous) =>
      previous === null
        ? NONE
        : props
            .filter(([name, phi]) => holds(phi, previous, name) && !holds(phi, view, name))
            .map(([name]) => ({ check: 'stable', source: 'app', name, kind: 'not-stable' }));
  },
  snapshot: ({ sys, app }) => {
    const props = Object.entries(sys.model.workload.stable ?? {});
    // Each property's value on each distinct cut, by cut id.
    const onCuts: boolean[][] = [];
    return (s) => {
      const onCut = (onCuts[s.cutId] ??= props.map(([name, phi]) => holds(phi, s.cutView(), name)));
      let out: Finding[] | null = null;
      for (let k = 0; k < props.length; k++) {
        const [name, phi] = props[k] as (typeof props)[number];
        const cut = onCut[k] === true;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: stableValue is the property on that state of R, judged once
        const final = s.finalIndex >= 0 ? app.stableValue(k, s.finalIndex) : holds(phi, s.finalView(), name);
        const kind = cut && !final ? 'cut-final' : !cut && app.stableValue(k, 0) ? 'cut-init' : null;
        if (kind !== null) (out ??= []).push({ check: 'stable', source: 'product', name, kind });
      }
      return out ?? NONE;
    };
  },
  explain: (f, at) =>
    f.source === 'app'
      ? `'${f.name ?? '?'}' is declared stable but is not: it holds after step ${at.steps - 1} and no longer holds after step ${at.steps} (${at.stepText(at.steps - 1) ?? 'the first step'}), with no snapshot involved.`
      : f.kind === 'cut-final'
        ? `Stable property '${f.name ?? '?'}' holds on the cut recorded at step ${at.steps} but not on the state when the snapshot completed, so the snapshot reports it too early.${at.guilt()}`
        : `Stable property '${f.name ?? '?'}' is false on the cut recorded at step ${at.steps} although it already held initially, so the snapshot denies it.${at.guilt()}`,
};
