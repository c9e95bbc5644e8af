// invariant: the workload's invariants hold on every state of R and on every recorded cut.

import { holds } from '../appspace.ts';
import { type Check, NONE } from './check.ts';

export const invariant: Check = {
  name: 'invariant',
  summary: "the workload's invariants hold on every reachable application state and on every recorded cut",
  inspects: ['application', 'snapshot'],
  application: (app) =>
    app.invariantFailures.map((f) => ({
      finding: { check: 'invariant', source: 'app', name: f.name },
      state: f.state,
      ...(f.code === undefined ? {} : { code: f.code }),
    })),
  alongPath: ({ sys }) => {
    const invariants = Object.entries(sys.model.workload.invariants ?? {});
    return (view) => invariants.filter(([name, inv]) => !holds(inv, view, name)).map(([name]) => ({ check: 'invariant', source: 'app', name }));
  },
  snapshot: ({ sys }) => {
    const invariants = Object.entries(sys.model.workload.invariants ?? {});
    // The first invariant that fails on each distinct cut, by cut id: each predicate runs once per cut.
    const failedOn: (string | null)[] = [];
    return (s) => {
      const name = (failedOn[s.cutId] ??= invariants.find(([name, inv]) => !holds(inv, s.cutView(), name))?.[0] ?? null);
      return name === null ? NONE : [{ check: 'invariant', source: 'product', name }];
    };
  },
  explain: (f, at) =>
    f.source === 'app'
      ? `invariant '${f.name ?? '?'}' fails on a reachable application state, after step ${at.steps}${at.steps === 0 ? ' (the initial state)' : ''}, with no snapshot involved.`
      : `Invariant '${f.name ?? '?'}' fails on the cut recorded at step ${at.steps}.${at.guilt()}`,
};
